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
 */
public record RemoteParameters(String iceUfrag, String icePwd, List<IceCandidate> candidates,
        String fingerprint, Setup setup) implements Serializable {

    public RemoteParameters {
        candidates = List.copyOf(candidates);
    }

    /** For a plain RTP/AVP leg: where to send. */
    public static RemoteParameters plainRtp(String address, int port) {
        return new RemoteParameters(null, null,
                List.of(new IceCandidate("0", 1, "udp", 0, address, port, "host")), null, null);
    }
}
