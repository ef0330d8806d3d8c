package org.callway.media.api;

import java.io.Serializable;
import java.util.List;

/**
 * What the SDP module puts in its offer or answer for a leg. For an RTP/AVP leg only
 * {@code candidates} (the address and port to receive on) is meaningful.
 *
 * @param iceUfrag    a=ice-ufrag
 * @param icePwd      a=ice-pwd
 * @param candidates  host candidates, component 1 (rtcp-mux)
 * @param fingerprint a=fingerprint:sha-256 value, upper-case hex pairs separated by colons
 * @param setup       a=setup this side will use or offer
 */
public record LocalParameters(String iceUfrag, String icePwd, List<IceCandidate> candidates,
        String fingerprint, Setup setup) implements Serializable {

    public static final String FINGERPRINT_ALGORITHM = "sha-256";

    public LocalParameters {
        candidates = List.copyOf(candidates);
    }
}
