package org.callway.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * The audit log of configuration changes. Callers record a change right after it succeeded,
 * with the target's state before and after as JSON.
 */
@ApplicationScoped
@Transactional
public class AuditLog {

    @PersistenceContext(unitName = "callway")
    EntityManager em;

    public AuditEntry record(Actor actor, String action, String target, String before, String after) {
        AuditEntry entry = new AuditEntry(Instant.now(), actor, action, target, before, after);
        em.persist(entry);
        return entry;
    }

    /** Newest first. */
    public List<AuditEntry> page(int offset, int limit) {
        return em.createNamedQuery("AuditEntry.page", AuditEntry.class).setFirstResult(offset).setMaxResults(limit)
                .getResultList();
    }

    public long count() {
        return em.createNamedQuery("AuditEntry.count", Long.class).getSingleResult();
    }
}
