package org.callway.sip.transport;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of the transport layer: what came in, what was answered statelessly, what was dropped. */
public final class TransportStats {
    final AtomicLong messages = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    final AtomicLong keepAlives = new AtomicLong();
    final AtomicLong sendFailures = new AtomicLong();
    final AtomicLong overloaded = new AtomicLong();

    /** Well-formed messages passed up. */
    public long messages() {
        return messages.get();
    }

    /** Malformed requests answered with 400/505/513. */
    public long rejected() {
        return rejected.get();
    }

    /** Malformed input that could not be answered (responses, unreadable requests, ACKs). */
    public long dropped() {
        return dropped.get();
    }

    public long keepAlives() {
        return keepAlives.get();
    }

    /** Well-formed messages not handled because their lane was full (INVITEs got 503). */
    public long overloaded() {
        return overloaded.get();
    }

    public long sendFailures() {
        return sendFailures.get();
    }
}
