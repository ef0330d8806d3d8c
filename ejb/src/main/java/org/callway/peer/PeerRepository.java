package org.callway.peer;

import jakarta.enterprise.context.ApplicationScoped;
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

    public Peer create(Peer peer) {
        em.persist(peer);
        return peer;
    }

    public Optional<Peer> findByName(String name) {
        return em.createNamedQuery("Peer.byName", Peer.class).setParameter("name", name)
                .getResultStream().findFirst();
    }

    public List<Peer> all() {
        return em.createNamedQuery("Peer.all", Peer.class).getResultList();
    }

    public long count() {
        return em.createNamedQuery("Peer.count", Long.class).getSingleResult();
    }
}
