package org.callway.config;

import java.util.List;
import java.util.Set;

/**
 * A peer as Asterisk's sip.conf would describe it: a {@code type=friend} section with
 * {@code secret}, {@code transport}, {@code avpf}, {@code encryption}, {@code nat},
 * {@code context} and {@code allow}.
 */
public record PeerDefaults(
        String name,
        String number,
        String secret,
        Set<Transport> transports,
        boolean avpf,
        boolean encryption,
        Set<String> nat,
        String context,
        List<String> codecs) {

    public PeerDefaults {
        transports = Set.copyOf(transports);
        nat = Set.copyOf(nat);
        codecs = List.copyOf(codecs);
    }

    /**
     * The demo peers seeded into an empty database: two WebRTC users in the shape of
     * Asterisk's WebRTC guide ({@code transport=ws,wss}, {@code avpf=yes},
     * {@code encryption=yes}, {@code nat=force_rport,comedia}) and one plain SIP phone.
     */
    public static List<PeerDefaults> demo() {
        Set<Transport> web = Set.of(Transport.WS, Transport.WSS);
        Set<String> nat = Set.of("force_rport", "comedia");
        // Browsers: Opus and G.711 for voice, VP8 and H.264 for video (relayed, never transcoded).
        List<String> webCodecs = List.of("opus", "ulaw", "alaw", "vp8", "h264");
        return List.of(
                new PeerDefaults("alice", "1000", "alice-secret", web, true, true, nat, "default", webCodecs),
                new PeerDefaults("bob", "1001", "bob-secret", web, true, true, nat, "default", webCodecs),
                new PeerDefaults("carol", "1002", "carol-secret",
                        Set.of(Transport.UDP, Transport.TCP, Transport.TLS), false, false, nat, "default",
                        List.of("ulaw", "alaw")));
    }
}
