package org.callway.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One configuration change: who (subject and username), when, from where, what (an action
 * such as {@code peer.update} on a target such as a peer's name) and the target's state before
 * and after as JSON ({@code null} where there was none: before a create, after a delete).
 * Rows are only ever inserted.
 */
@Entity
@Table(name = "audit_entry", indexes = @Index(columnList = "changedAt"))
@NamedQuery(name = "AuditEntry.page", query = "select a from AuditEntry a order by a.changedAt desc, a.id desc")
@NamedQuery(name = "AuditEntry.count", query = "select count(a) from AuditEntry a")
public class AuditEntry {

    @Id
    @GeneratedValue
    private Long id;

    @Column(nullable = false)
    private Instant changedAt;

    @Column(nullable = false, length = 255)
    private String subject;

    @Column(length = 255)
    private String username;

    @Column(length = 64)
    private String address;

    @Column(nullable = false, length = 64)
    private String action;

    @Column(nullable = false, length = 255)
    private String target;

    @Lob
    private String stateBefore;

    @Lob
    private String stateAfter;

    protected AuditEntry() {
    }

    AuditEntry(Instant changedAt, Actor actor, String action, String target, String before, String after) {
        this.changedAt = changedAt;
        this.subject = actor.subject();
        this.username = actor.username();
        this.address = actor.address();
        this.action = action;
        this.target = target;
        this.stateBefore = before;
        this.stateAfter = after;
    }

    public Long getId() {
        return id;
    }

    public Instant getChangedAt() {
        return changedAt;
    }

    public String getSubject() {
        return subject;
    }

    public String getUsername() {
        return username;
    }

    public String getAddress() {
        return address;
    }

    public String getAction() {
        return action;
    }

    public String getTarget() {
        return target;
    }

    public String getStateBefore() {
        return stateBefore;
    }

    public String getStateAfter() {
        return stateAfter;
    }
}
