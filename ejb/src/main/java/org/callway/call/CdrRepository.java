package org.callway.call;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/** CDRs in the database, each write its own transaction (calls outlive any request). */
@ApplicationScoped
@Transactional
public class CdrRepository {

    @PersistenceContext(unitName = "callway")
    EntityManager em;

    public Cdr save(Cdr cdr) {
        if (cdr.getId() == null) {
            em.persist(cdr);
            return cdr;
        }
        return em.merge(cdr);
    }

    /** New CDRs in one transaction (the {@link CdrWriter}'s batches). */
    public void saveAll(List<Cdr> batch) {
        batch.forEach(this::save);
    }

    public List<Cdr> page(Instant from, Instant to, String peer, int offset, int limit) {
        return em.createNamedQuery("Cdr.page", Cdr.class)
                .setParameter("from", from).setParameter("to", to).setParameter("peer", peer)
                .setFirstResult(offset).setMaxResults(limit).getResultList();
    }
}
