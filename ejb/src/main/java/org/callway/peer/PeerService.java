package org.callway.peer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.callway.peer.asterisk.AsteriskConfig;
import org.callway.peer.asterisk.AsteriskConfigParser;
import org.callway.peer.asterisk.AsteriskFormat;
import org.callway.peer.asterisk.Mapped;
import org.callway.registrar.LocationService;

/**
 * What administrators do to peers: create, replace, delete, and import Asterisk config files.
 * Each method is one transaction, so an import is all or nothing if the database fails.
 */
@ApplicationScoped
@Transactional
public class PeerService {

    /** The result of a create or update. */
    public sealed interface Saved {
        record Ok(Peer peer) implements Saved {
        }

        record NotFound(String name) implements Saved {
        }

        /** The name or number belongs to another peer. */
        record Conflict(String reason) implements Saved {
        }
    }

    /** One line of an import report, per section (or per directive the parser did not follow). */
    public record SectionReport(String section, Outcome result, String reason) {
    }

    public enum Outcome { IMPORTED, UPDATED, SKIPPED }

    /** The whole answer to an import: which reading was used, and one report per section. */
    public record ImportReport(AsteriskFormat format, List<SectionReport> sections) {
    }

    @Inject
    PeerRepository peers;

    @Inject
    Realm realm;

    @Inject
    LocationService location;

    public Saved create(PeerDraft draft) {
        Optional<String> conflict = peers.conflict(draft.name(), draft.number());
        if (conflict.isPresent()) {
            return new Saved.Conflict(conflict.get());
        }
        Peer peer = new Peer(draft.name(), draft.number());
        peer.apply(draft, realm.name());
        return new Saved.Ok(peers.create(peer));
    }

    /** Replaces every option of the peer named {@code draft.name()}; no credential keeps the current one. */
    public Saved update(PeerDraft draft) {
        Optional<Peer> found = peers.findByName(draft.name());
        if (found.isEmpty()) {
            return new Saved.NotFound(draft.name());
        }
        Optional<String> taken = numberTakenByOther(draft);
        if (taken.isPresent()) {
            return new Saved.Conflict(taken.get());
        }
        found.get().apply(draft, realm.name());
        peers.changed(draft.name());
        return new Saved.Ok(found.get());
    }

    /**
     * Deletes the peer and drops its registrations, so it is neither listed nor reachable
     * until its bindings would have expired; whether there was a peer of that name.
     */
    public boolean delete(String name) {
        boolean deleted = peers.delete(name);
        if (deleted) {
            location.update(name, current -> List.of());
        }
        return deleted;
    }

    /**
     * Creates or updates a peer per usable section of an Asterisk file; everything else is
     * reported as skipped with the reason. {@code format} empty: detected from the sections' types.
     *
     * @throws AsteriskConfigParser.ConfigTooLarge beyond the parser's limits (nothing imported)
     */
    public ImportReport importConfig(String text, Optional<AsteriskFormat> format) {
        AsteriskConfig config = AsteriskConfigParser.withDefaultLimits().parse(text);
        AsteriskFormat used = format.orElseGet(() -> AsteriskFormat.detect(config));
        List<SectionReport> report = new ArrayList<>();
        config.notes().forEach(n -> report.add(
                new SectionReport(n.text(), Outcome.SKIPPED, "line " + n.line() + ": " + n.reason())));
        for (Mapped mapped : used.mapper().map(config, realm.name())) {
            report.add(mapped instanceof Mapped.Peer p ? save(p)
                    : new SectionReport(mapped.section(), Outcome.SKIPPED, ((Mapped.Skipped) mapped).reason()));
        }
        return new ImportReport(used, report);
    }

    private SectionReport save(Mapped.Peer mapped) {
        PeerDraft draft = mapped.draft();
        boolean exists = peers.findByName(draft.name()).isPresent();
        Saved saved = exists ? update(draft) : create(draft);
        List<String> notes = new ArrayList<>(mapped.notes());
        if (saved instanceof Saved.Conflict c) {
            return new SectionReport(mapped.section(), Outcome.SKIPPED, c.reason());
        }
        if (exists) {
            notes.add(0, "peer " + draft.name() + " existed: its options were replaced");
        }
        return new SectionReport(mapped.section(), exists ? Outcome.UPDATED : Outcome.IMPORTED,
                notes.isEmpty() ? null : String.join("; ", notes));
    }

    private Optional<String> numberTakenByOther(PeerDraft draft) {
        return Optional.ofNullable(draft.number()).flatMap(peers::findByNumber)
                .filter(other -> !other.getName().equals(draft.name()))
                .map(other -> "extension " + draft.number() + " is taken by " + other.getName());
    }
}
