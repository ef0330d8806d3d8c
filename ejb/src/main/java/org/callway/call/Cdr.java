package org.callway.call;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import org.callway.media.api.LegStats;

/**
 * A call detail record, Asterisk's CDR: who called whom, when it started, was answered and
 * ended, how it ended, and what the media looked like.
 */
@Entity
@Table(name = "cdr", indexes = {@Index(columnList = "startTime"), @Index(columnList = "caller"),
        @Index(columnList = "callee")})
@NamedQuery(name = "Cdr.page", query = "select c from Cdr c where c.startTime >= :from and c.startTime < :to"
        + " and (:peer is null or c.caller = :peer or c.callee = :peer) order by c.startTime desc")
public class Cdr {

    /** Asterisk's dispositions. */
    public enum Disposition { ANSWERED, NO_ANSWER, BUSY, FAILED }

    @Id
    @GeneratedValue
    private Long id;

    @Column(nullable = false, length = 64)
    private String callId;

    @Column(nullable = false, length = 64)
    private String caller;

    @Column(nullable = false, length = 64)
    private String callee;

    @Column(nullable = false)
    private Instant startTime;

    private Instant answerTime;

    private Instant endTime;

    @Enumerated(EnumType.STRING)
    @Column(length = 16)
    private Disposition disposition;

    /** The SIP status or BYE that ended it, e.g. {@code BYE from caller}, {@code 486 Busy Here}. */
    @Column(length = 128)
    private String hangupCause;

    @Column(length = 32)
    private String codec;

    private long packetsIn;
    private long packetsOut;
    private long packetsDropped;

    // Per-leg RFC 3550 quality (issue #6). Nullable: added after the first release, so
    // hbm2ddl "update" adds them to an existing table without a default, and null also says
    // "not measured" (no leg, no RTCP report came back). Loss in packets, jitter and RTT in ms.
    private Long callerPacketsLost;
    private Double callerJitterMs;
    private Double callerRttMs;
    private Long calleePacketsIn;
    private Long calleePacketsOut;
    private Long calleePacketsLost;
    private Double calleeJitterMs;
    private Double calleeRttMs;

    protected Cdr() {
    }

    public Cdr(String callId, String caller, String callee, Instant start) {
        this.callId = callId;
        this.caller = caller;
        this.callee = callee;
        this.startTime = start;
    }

    public void answered(Instant at, String codec) {
        this.answerTime = at;
        this.codec = codec;
    }

    public void ended(Instant at, Disposition disposition, String cause, long in, long out, long dropped) {
        this.endTime = at;
        this.disposition = disposition;
        // Shortened to the column rather than losing the whole record to a long 488 reason.
        this.hangupCause = cause == null || cause.length() <= 128 ? cause : cause.substring(0, 127) + "…";
        this.packetsIn = in;
        this.packetsOut = out;
        this.packetsDropped = dropped;
    }

    /** The quality of each media leg as the engine measured it at the end (either may be null). */
    public void legs(LegStats caller, LegStats callee) {
        if (caller != null) {
            callerPacketsLost = caller.quality().packetsLost();
            callerJitterMs = caller.quality().jitterMillis();
            callerRttMs = caller.quality().rttMillis();
        }
        if (callee != null) {
            calleePacketsIn = callee.packetsIn();
            calleePacketsOut = callee.packetsOut();
            calleePacketsLost = callee.quality().packetsLost();
            calleeJitterMs = callee.quality().jitterMillis();
            calleeRttMs = callee.quality().rttMillis();
        }
    }

    /** Seconds from answer to end (billsec), 0 if never answered. */
    public long getBillSeconds() {
        return answerTime == null || endTime == null ? 0 : endTime.getEpochSecond() - answerTime.getEpochSecond();
    }

    public Long getId() {
        return id;
    }

    public String getCallId() {
        return callId;
    }

    public String getCaller() {
        return caller;
    }

    public String getCallee() {
        return callee;
    }

    public Instant getStartTime() {
        return startTime;
    }

    public Instant getAnswerTime() {
        return answerTime;
    }

    public Instant getEndTime() {
        return endTime;
    }

    public Disposition getDisposition() {
        return disposition;
    }

    public String getHangupCause() {
        return hangupCause;
    }

    public String getCodec() {
        return codec;
    }

    public long getPacketsIn() {
        return packetsIn;
    }

    public long getPacketsOut() {
        return packetsOut;
    }

    public long getPacketsDropped() {
        return packetsDropped;
    }

    public Long getCallerPacketsLost() {
        return callerPacketsLost;
    }

    public Double getCallerJitterMs() {
        return callerJitterMs;
    }

    public Double getCallerRttMs() {
        return callerRttMs;
    }

    public Long getCalleePacketsIn() {
        return calleePacketsIn;
    }

    public Long getCalleePacketsOut() {
        return calleePacketsOut;
    }

    public Long getCalleePacketsLost() {
        return calleePacketsLost;
    }

    public Double getCalleeJitterMs() {
        return calleeJitterMs;
    }

    public Double getCalleeRttMs() {
        return calleeRttMs;
    }
}
