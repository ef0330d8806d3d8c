package org.callway.peer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.callway.cache.Reloading;

/**
 * Peers as the SIP path reads them, on every REGISTER and INVITE: from memory, reloaded after a
 * write commits (a query and a transaction per lookup bounded call setup at a few hundred calls
 * a second). The peers returned are detached snapshots: read them, never change them.
 */
@ApplicationScoped
public class PeerDirectory {

    private record Index(Map<String, Peer> byName, Map<String, Peer> byNumber) {
    }

    @Inject
    PeerRepository peers;

    private final Reloading<Index> index = new Reloading<>(this::load);

    private Index load() {
        Map<String, Peer> byName = new HashMap<>();
        Map<String, Peer> byNumber = new HashMap<>();
        for (Peer p : peers.all()) {
            byName.put(p.getName(), p);
            if (p.getNumber() != null) {
                byNumber.put(p.getNumber(), p);
            }
        }
        return new Index(Map.copyOf(byName), Map.copyOf(byNumber));
    }

    public Optional<Peer> byName(String name) {
        return Optional.ofNullable(index.get().byName().get(name));
    }

    public Optional<Peer> byNumber(String number) {
        return Optional.ofNullable(index.get().byNumber().get(number));
    }

    /** After the writing transaction ends (or at once without one), whatever its outcome. */
    void changed(@Observes(during = TransactionPhase.AFTER_COMPLETION) PeersChanged event) {
        index.invalidate();
    }
}
