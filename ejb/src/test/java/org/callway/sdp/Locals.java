package org.callway.sdp;

import java.util.List;
import org.callway.media.api.IceCandidate;
import org.callway.media.api.LocalParameters;
import org.callway.media.api.Setup;

/** What the media engine hands out for a leg, in the shapes of MediaEngine.localParameters. */
final class Locals {
    static final String FINGERPRINT =
            "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";
    static final String AES_CM = "1 AES_CM_128_HMAC_SHA1_80 inline:QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNk";
    static final String GCM = "2 AEAD_AES_128_GCM inline:MDEyMzQ1Njc4OWFiY2RlZmdoaWprbG1ub3Bxcg==";

    private Locals() {
    }

    /** How {@link #webRtc} reads in SDP: credentials, fingerprint, then the given setup. */
    static List<String> iceLines(Setup setup) {
        return List.of("a=ice-ufrag:CwAy", "a=ice-pwd:Callway0Password0Of24Ch", "a=fingerprint:sha-256 " + FINGERPRINT,
                "a=setup:" + setup.sdp());
    }

    /** How {@link #hosts} read in SDP, with end-of-candidates: Callway does not trickle. */
    static List<String> candidateLines() {
        return List.of("a=candidate:1 1 udp 2130706431 192.0.2.10 40000 typ host",
                "a=candidate:2 1 udp 2130706175 fd00::10 40000 typ host", "a=end-of-candidates");
    }

    /** Golden SDP line lists, in parts. */
    @SafeVarargs
    static List<String> concat(List<String>... parts) {
        return java.util.Arrays.stream(parts).flatMap(List::stream).toList();
    }

    static List<IceCandidate> hosts() {
        return List.of(new IceCandidate("1", 1, "udp", 2130706431L, "192.0.2.10", 40000, "host"),
                new IceCandidate("2", 1, "udp", 2130706175L, "fd00::10", 40000, "host"));
    }

    /** A WebRTC leg before the remote description: setup as the engine reports it. */
    static LocalParameters webRtc(Setup setup) {
        return new LocalParameters("CwAy", "Callway0Password0Of24Ch", hosts(), FINGERPRINT, setup, List.of());
    }

    static LocalParameters plain() {
        return new LocalParameters(null, null, hosts(), null, null, List.of());
    }

    /** An SDES leg before the remote description offers both suites. */
    static LocalParameters sdes() {
        return new LocalParameters(null, null, hosts(), null, null, List.of(AES_CM, GCM));
    }
}
