package org.callway.peer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/** Peers in the database; every method is its own transaction unless one is running. */
@ApplicationScoped
@Transactional
public class PeerRepository {

    @PersistenceContext(unitName = "callway")
    EntityManager em;

    @Inject
    Event<PeersChanged> changes;

    public Peer create(Peer peer) {
        em.persist(peer);
        changed(peer.getName());
        return peer;
    }

    /** Tells the {@link PeerDirectory} that this peer's row changes in the current transaction. */
    public void changed(String name) {
        changes.fire(new PeersChanged(name));
    }

    public Optional<Peer> findByName(String name) {
        return em.createNamedQuery("Peer.byName", Peer.class).setParameter("name", name)
                .getResultStream().findFirst();
    }

    public Optional<Peer> findByNumber(String number) {
        return em.createNamedQuery("Peer.byNumber", Peer.class).setParameter("number", number)
                .getResultStream().findFirst();
    }

    /** Why a peer with this name or number cannot be created, if it cannot. */
    public Optional<String> conflict(String name, String number) {
        if (findByName(name).isPresent()) {
            return Optional.of("a peer named " + name + " exists");
        }
        return Optional.ofNullable(number).flatMap(this::findByNumber)
                .map(other -> "extension " + number + " is taken by " + other.getName());
    }

    /** Removes the peer; false if there was none of that name. */
    public boolean delete(String name) {
        Optional<Peer> peer = findByName(name);
        peer.ifPresent(em::remove);
        peer.ifPresent(p -> changed(name));
        return peer.isPresent();
    }

    public List<Peer> all() {
        return em.createNamedQuery("Peer.all", Peer.class).getResultList();
    }

    public long count() {
        return em.createNamedQuery("Peer.count", Long.class).getSingleResult();
    }
}
