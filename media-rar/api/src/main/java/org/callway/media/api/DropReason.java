package org.callway.media.api;

/** Why a packet a leg received (or was asked to send) went no further. */
public enum DropReason {
    /** From an address other than the selected ICE pair's (or the plain leg's remote). */
    UNKNOWN_SOURCE,
    /** SRTP/SRTCP authentication tag did not verify. */
    AUTH_FAILED,
    /** SRTP/SRTCP index already seen or too old (RFC 3711 §3.3.2). */
    REPLAY,
    /** Too short or not RTP/RTCP/DTLS/STUN. */
    MALFORMED,
    /** Keys not there yet and the bounded hold queue was full. */
    HOLD_OVERFLOW,
    /** Nowhere to forward (no bridge, no echo) or the leg is not connected. */
    NO_ROUTE
}
