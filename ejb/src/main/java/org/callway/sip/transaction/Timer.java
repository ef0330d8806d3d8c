package org.callway.sip.transaction;

/** The transaction timers of RFC 3261 §17 (Table 4 in §A) and RFC 6026 §8.11 (L, M). */
public enum Timer {
    /** INVITE request retransmit interval, unreliable only; starts at T1 and doubles. */
    A,
    /** INVITE transaction timeout, 64*T1. */
    B,
    /** Wait time for response retransmits after a non-2xx final response to INVITE. */
    D,
    /** Non-INVITE request retransmit interval, unreliable only; doubles up to T2. */
    E,
    /** Non-INVITE transaction timeout, 64*T1. */
    F,
    /** INVITE final response retransmit interval, unreliable only; doubles up to T2. */
    G,
    /** Wait time for ACK receipt, 64*T1. */
    H,
    /** Wait time for ACK retransmits, T4 (zero for reliable). */
    I,
    /** Wait time for non-INVITE request retransmits, 64*T1 (zero for reliable). */
    J,
    /** Wait time for non-INVITE response retransmits, T4 (zero for reliable). */
    K,
    /** RFC 6026: wait time for INVITE request retransmits in Accepted, 64*T1. */
    L,
    /** RFC 6026: wait time for 2xx retransmits in Accepted (client), 64*T1. */
    M
}
