package org.callway.sdp;

/** The outcome of parsing an SDP body: a closed set, so callers switch over it exhaustively. */
public sealed interface SdpResult {

    /** A well-formed description. */
    record Parsed(SessionDescription sdp) implements SdpResult {
    }

    /**
     * Malformed SDP or a limit exceeded. The SIP layer answers the offer with
     * {@code 400 Bad Request} (RFC 3261 §21.4.1) carrying {@link #reason()}.
     *
     * @param reason names the fault and its line, e.g. {@code SDP line 7: m= port is not a number}
     * @param line   1-based line number of the fault (the line after the last one for a missing line)
     */
    record Failed(String reason, int line) implements SdpResult {
    }
}
