package org.callway.media.api;

import java.io.Serializable;
import java.util.List;

/**
 * What the SDP module puts in its offer or answer for a leg. For RTP/AVP and SDES legs
 * {@code candidates} holds the address and port to receive on (RTP and RTCP, muxed).
 *
 * @param iceUfrag    a=ice-ufrag
 * @param icePwd      a=ice-pwd
 * @param candidates  host candidates, component 1 (rtcp-mux)
 * @param fingerprint a=fingerprint:sha-256 value, upper-case hex pairs separated by colons
 * @param setup       a=setup this side will use or offer
 * @param crypto      SDES legs: a=crypto values (RFC 4568 §9.1), one per suite in an offer,
 *                    the chosen one in an answer; empty otherwise
 */
public record LocalParameters(String iceUfrag, String icePwd, List<IceCandidate> candidates,
        String fingerprint, Setup setup, List<String> crypto) implements Serializable {

    public static final String FINGERPRINT_ALGORITHM = "sha-256";

    public LocalParameters {
        candidates = List.copyOf(candidates);
        crypto = crypto == null ? List.of() : List.copyOf(crypto);
    }
}
