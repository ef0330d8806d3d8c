package org.callway.media.api;

import java.io.Serializable;
import java.util.List;

/**
 * What the far end's SDP said about a leg. More candidates may follow by trickle
 * ({@link MediaConnection#addRemoteCandidate}).
 *
 * @param iceUfrag    a=ice-ufrag (null for RTP/AVP)
 * @param icePwd      a=ice-pwd (null for RTP/AVP)
 * @param candidates  a=candidate lines; for RTP/AVP the first is the c=/m= address and port
 * @param fingerprint a=fingerprint:sha-256 value (null for RTP/AVP)
 * @param setup       a=setup of the far end (null for RTP/AVP)
 * @param crypto      SDES legs: the far end's a=crypto values (RFC 4568); empty otherwise
 */
public record RemoteParameters(String iceUfrag, String icePwd, List<IceCandidate> candidates,
        String fingerprint, Setup setup, List<String> crypto) implements Serializable {

    public RemoteParameters {
        candidates = List.copyOf(candidates);
        crypto = crypto == null ? List.of() : List.copyOf(crypto);
    }

    /** For a WebRTC leg: ICE credentials and candidates, DTLS fingerprint and setup. */
    public static RemoteParameters webRtc(String iceUfrag, String icePwd, List<IceCandidate> candidates,
            String fingerprint, Setup setup) {
        return new RemoteParameters(iceUfrag, icePwd, candidates, fingerprint, setup, List.of());
    }

    /** For a plain RTP/AVP leg: where to send. */
    public static RemoteParameters plainRtp(String address, int port) {
        return sdes(address, port, List.of());
    }

    /** For an SDES (RTP/SAVP) leg: where to send and the far end's a=crypto lines. */
    public static RemoteParameters sdes(String address, int port, List<String> crypto) {
        return new RemoteParameters(null, null,
                List.of(new IceCandidate("0", 1, "udp", 0, address, port, "host")), null, null, crypto);
    }
}
