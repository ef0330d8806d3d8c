package org.callway.dialplan;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;
import org.callway.cache.Reloading;
import java.util.List;
import java.util.Optional;

/**
 * The dial plan in the database. A call to {@code exten} in {@code context} takes the most
 * specific matching entry (literal first), as Asterisk orders extensions.
 */
@ApplicationScoped
@Transactional
public class Dialplan {

    @PersistenceContext(unitName = "callway")
    EntityManager em;

    @Inject
    Event<DialplanChanged> changes;

    /** A change to the dial plan, seen by the routing table after the commit. */
    public record DialplanChanged() {
    }

    private record Candidate(DialplanEntry entry, ExtensionPattern pattern) {
    }

    /** Every context's entries with their patterns compiled: routing runs on every INVITE. */
    private final Reloading<Map<String, List<Candidate>>> table = new Reloading<>(() -> all().stream()
            .map(e -> new Candidate(e, ExtensionPattern.of(e.getExtension())))
            .collect(Collectors.groupingBy(c -> c.entry().getContext())));

    /** From memory: no transaction, no query (SUPPORTS joins one only if the caller has one). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Action> route(String context, String extension) {
        return best(table.get().getOrDefault(context, List.of()), extension).map(e -> e.action(extension));
    }

    private static Optional<DialplanEntry> best(List<Candidate> candidates, String extension) {
        return candidates.stream()
                .filter(c -> c.pattern().matches(extension))
                .max(Comparator.comparingInt(c -> c.pattern().specificity()))
                .map(Candidate::entry);
    }

    static Optional<DialplanEntry> pick(Collection<DialplanEntry> entries, String extension) {
        return best(entries.stream().map(e -> new Candidate(e, ExtensionPattern.of(e.getExtension()))).toList(),
                extension);
    }

    void changed(@Observes(during = TransactionPhase.AFTER_COMPLETION) DialplanChanged event) {
        table.invalidate();
    }

    public List<DialplanEntry> all() {
        return em.createNamedQuery("DialplanEntry.all", DialplanEntry.class).getResultList();
    }

    public DialplanEntry add(DialplanEntry entry) {
        ExtensionPattern.of(entry.getExtension()); // refuse what cannot match anything
        em.persist(entry);
        changes.fire(new DialplanChanged());
        return entry;
    }

    public boolean remove(long id) {
        DialplanEntry e = em.find(DialplanEntry.class, id);
        if (e == null) {
            return false;
        }
        em.remove(e);
        changes.fire(new DialplanChanged());
        return true;
    }

    public long count() {
        return em.createNamedQuery("DialplanEntry.count", Long.class).getSingleResult();
    }
}
