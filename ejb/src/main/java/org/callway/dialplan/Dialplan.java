package org.callway.dialplan;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Comparator;
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

    public Optional<Action> route(String context, String extension) {
        List<DialplanEntry> entries = em.createNamedQuery("DialplanEntry.byContext", DialplanEntry.class)
                .setParameter("context", context).getResultList();
        return pick(entries, extension).map(e -> e.action(extension));
    }

    private record Candidate(DialplanEntry entry, ExtensionPattern pattern) {
    }

    static Optional<DialplanEntry> pick(List<DialplanEntry> entries, String extension) {
        return entries.stream()
                .map(e -> new Candidate(e, ExtensionPattern.of(e.getExtension())))
                .filter(c -> c.pattern().matches(extension))
                .max(Comparator.comparingInt(c -> c.pattern().specificity()))
                .map(Candidate::entry);
    }

    public List<DialplanEntry> all() {
        return em.createNamedQuery("DialplanEntry.all", DialplanEntry.class).getResultList();
    }

    public DialplanEntry add(DialplanEntry entry) {
        ExtensionPattern.of(entry.getExtension()); // refuse what cannot match anything
        em.persist(entry);
        return entry;
    }

    public boolean remove(long id) {
        DialplanEntry e = em.find(DialplanEntry.class, id);
        if (e == null) {
            return false;
        }
        em.remove(e);
        return true;
    }

    public long count() {
        return em.createNamedQuery("DialplanEntry.count", Long.class).getSingleResult();
    }
}
