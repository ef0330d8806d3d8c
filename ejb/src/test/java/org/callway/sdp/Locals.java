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
    static final String GCM = "2 AEAD_AES_128_GCM inline:MDEyMzQ1Njc4OWFiY2RlZmdoaWprbG1u";

    private Locals() {
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
