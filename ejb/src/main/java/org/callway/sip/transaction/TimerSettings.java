package org.callway.sip.transaction;

import java.time.Duration;

/**
 * RFC 3261 §17.1.1.1 timer bases: T1 (RTT estimate, 500 ms), T2 (maximum retransmit interval for
 * non-INVITE requests and INVITE responses, 4 s), T4 (maximum time a message stays in the
 * network, 5 s). Every transaction timer (Table 4 of RFC 3261 §A, RFC 6026 §8.11) derives from them.
 */
public record TimerSettings(Duration t1, Duration t2, Duration t4) {

    public static final TimerSettings DEFAULT = new TimerSettings(Duration.ofMillis(500), Duration.ofSeconds(4),
            Duration.ofSeconds(5));

    /** 64*T1: Timers B, F, H, J (unreliable), L, M. */
    public Duration timeout() {
        return t1.multipliedBy(64);
    }

    /** Timer D: at least 32 s for unreliable transports, zero for reliable (§17.1.1.2). */
    public Duration timerD(boolean reliable) {
        if (reliable) return Duration.ZERO;
        Duration d = Duration.ofSeconds(32);
        return timeout().compareTo(d) > 0 ? timeout() : d;
    }
}
