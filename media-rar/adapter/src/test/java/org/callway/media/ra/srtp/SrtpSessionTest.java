package org.callway.media.ra.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Fixed byte samples through {@link SrtpSession}: libSRTP's reference packets
 * (test/srtp_driver.c srtp_validate / srtp_validate_gcm), made with the RFC 3711
 * Appendix B.3 master key and salt for AES-CM and with the RFC 7714 profile for GCM.
 */
class SrtpSessionTest {

    private static final HexFormat HEX = HexFormat.of();
    // RFC 3711 B.3 master key / salt.
    private static final byte[] CM_KEY = HEX.parseHex("e1f97a0d3e018be0d64fa32c06de4139");
    private static final byte[] CM_SALT = HEX.parseHex("0ec675ad498afeebb6960b3aabe6");
    private static final byte[] GCM_KEY = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
    private static final byte[] GCM_SALT = HEX.parseHex("a0a1a2a3a4a5a6a7a8a9aaab");

    private static final byte[] RTP = HEX.parseHex("800f1234decafbadcafebabe" + "ab".repeat(16));
    private static final byte[] RTCP = HEX.parseHex("81c8000bcafebabe" + "ab".repeat(16));

    private static final byte[] CM_SRTP = HEX.parseHex(
            "800f1234decafbadcafebabe4e55dc4ce79978d88ca4d215949d2402b78d6acc99ea179b8dbb");
    private static final byte[] CM_SRTCP = HEX.parseHex(
            "81c8000bcafebabe7128035be487b9bdbef89041f977a5a880000001993e08cd54d6c1230798");
    private static final byte[] GCM_SRTP = HEX.parseHex(
            "800f1234decafbadcafebabec5002ede04cfdd2eb91159e0880aa06ed2976826f796b201df3131a127e8a392");
    private static final byte[] GCM_SRTCP = HEX.parseHex(
            "81c8000bcafebabec98b8b5df0392a55852b6c21ac8e7025c52c6fbea2b3b446ea31123ba88ce61e80000001");

    private static SrtpSession session(SrtpProfile profile) {
        return profile == SrtpProfile.AEAD_AES_128_GCM
                ? new SrtpSession(profile, GCM_KEY, GCM_SALT, GCM_KEY, GCM_SALT)
                : new SrtpSession(profile, CM_KEY, CM_SALT, CM_KEY, CM_SALT);
    }

    private static byte[] protectRtp(SrtpSession s, byte[] plain) {
        PacketBuffer p = new PacketBuffer(256).set(plain, 0, plain.length);
        assertTrue(s.protectRtp(p));
        return p.toArray();
    }

    @Test
    void aesCmRtpMatchesReference() {
        try (SrtpSession s = session(SrtpProfile.AES_CM_128_HMAC_SHA1_80)) {
            assertArrayEquals(CM_SRTP, protectRtp(s, RTP));
        }
        try (SrtpSession r = session(SrtpProfile.AES_CM_128_HMAC_SHA1_80)) {
            PacketBuffer p = new PacketBuffer(256).set(CM_SRTP, 0, CM_SRTP.length);
            assertEquals(SrtpSession.Result.OK, r.unprotectRtp(p));
            assertArrayEquals(RTP, p.toArray());
        }
    }

    @Test
    void aesCmRtcpMatchesReference() {
        // libSRTP numbers its first SRTCP packet 1, jitsi-srtp 0 (RFC 3711 §3.4 leaves the start
        // to the sender), so the reference is checked on the receive side, where the index
        // travels in the packet, and our own output is checked by its layout and a round trip.
        try (SrtpSession r = session(SrtpProfile.AES_CM_128_HMAC_SHA1_80)) {
            PacketBuffer p = new PacketBuffer(256).set(CM_SRTCP, 0, CM_SRTCP.length);
            assertEquals(SrtpSession.Result.OK, r.unprotectRtcp(p));
            assertArrayEquals(RTCP, p.toArray());
        }
        try (SrtpSession s = session(SrtpProfile.AES_CM_128_HMAC_SHA1_80); SrtpSession r = session(SrtpProfile.AES_CM_128_HMAC_SHA1_80)) {
            PacketBuffer p = new PacketBuffer(256).set(RTCP, 0, RTCP.length);
            assertTrue(s.protectRtcp(p));
            byte[] wire = p.toArray();
            assertEquals(RTCP.length + 4 + 10, wire.length);
            assertArrayEquals(Arrays.copyOf(RTCP, 8), Arrays.copyOf(wire, 8)); // header stays clear
            assertEquals((byte) 0x80, wire[RTCP.length]); // RFC 3711 §3.4: E flag and index precede the tag
            assertEquals(SrtpSession.Result.OK, r.unprotectRtcp(p));
            assertArrayEquals(RTCP, p.toArray());
        }
    }

    @Test
    void gcmRtpMatchesReference() {
        try (SrtpSession s = session(SrtpProfile.AEAD_AES_128_GCM)) {
            assertArrayEquals(GCM_SRTP, protectRtp(s, RTP));
        }
        try (SrtpSession r = session(SrtpProfile.AEAD_AES_128_GCM)) {
            PacketBuffer p = new PacketBuffer(256).set(GCM_SRTP, 0, GCM_SRTP.length);
            assertEquals(SrtpSession.Result.OK, r.unprotectRtp(p));
            assertArrayEquals(RTP, p.toArray());
        }
    }

    @Test
    void gcmRtcpMatchesReference() {
        // libSRTP numbers its first SRTCP packet 1, jitsi-srtp 0 (RFC 3711 §3.4 leaves the start
        // to the sender), so the reference is checked on the receive side, where the index
        // travels in the packet, and our own output is checked by its layout and a round trip.
        try (SrtpSession r = session(SrtpProfile.AEAD_AES_128_GCM)) {
            PacketBuffer p = new PacketBuffer(256).set(GCM_SRTCP, 0, GCM_SRTCP.length);
            assertEquals(SrtpSession.Result.OK, r.unprotectRtcp(p));
            assertArrayEquals(RTCP, p.toArray());
        }
        try (SrtpSession s = session(SrtpProfile.AEAD_AES_128_GCM); SrtpSession r = session(SrtpProfile.AEAD_AES_128_GCM)) {
            PacketBuffer p = new PacketBuffer(256).set(RTCP, 0, RTCP.length);
            assertTrue(s.protectRtcp(p));
            byte[] wire = p.toArray();
            assertEquals(RTCP.length + 4 + 16, wire.length);
            assertArrayEquals(Arrays.copyOf(RTCP, 8), Arrays.copyOf(wire, 8)); // header stays clear
            assertEquals((byte) 0x80, wire[wire.length - 4]); // RFC 7714 §9.1: E flag and index follow the tag
            assertEquals(SrtpSession.Result.OK, r.unprotectRtcp(p));
            assertArrayEquals(RTCP, p.toArray());
        }
    }

    @Test
    void tamperedAndReplayedPacketsAreRejected() {
        for (SrtpProfile profile : SrtpProfile.values()) {
            byte[] wire = profile == SrtpProfile.AEAD_AES_128_GCM ? GCM_SRTP : CM_SRTP;
            try (SrtpSession r = session(profile)) {
                byte[] bad = Arrays.copyOf(wire, wire.length);
                bad[14] ^= 1;
                assertEquals(SrtpSession.Result.AUTH_FAILED,
                        r.unprotectRtp(new PacketBuffer(256).set(bad, 0, bad.length)), profile.name());
                assertEquals(SrtpSession.Result.OK,
                        r.unprotectRtp(new PacketBuffer(256).set(wire, 0, wire.length)), profile.name());
                assertEquals(SrtpSession.Result.REPLAY,
                        r.unprotectRtp(new PacketBuffer(256).set(wire, 0, wire.length)), profile.name());
            }
        }
    }

    @Test
    void dtlsKeyingMaterialIsSplitClientKeyServerKeyClientSaltServerSalt() {
        // RFC 5764 §4.2 layout; the client's sender must be the server's receiver.
        SrtpProfile profile = SrtpProfile.AES_CM_128_HMAC_SHA1_80;
        byte[] material = new byte[2 * (profile.keyLength() + profile.saltLength())];
        for (int i = 0; i < material.length; i++) {
            material[i] = (byte) (i * 7 + 3);
        }
        try (SrtpSession client = SrtpSession.fromDtls(profile, material, true);
                SrtpSession server = SrtpSession.fromDtls(profile, material, false)) {
            byte[] wire = protectRtp(client, RTP);
            PacketBuffer p = new PacketBuffer(256).set(wire, 0, wire.length);
            assertEquals(SrtpSession.Result.OK, server.unprotectRtp(p));
            assertArrayEquals(RTP, p.toArray());
            byte[] back = protectRtp(server, RTP);
            PacketBuffer q = new PacketBuffer(256).set(back, 0, back.length);
            assertEquals(SrtpSession.Result.OK, client.unprotectRtp(q));
            // And the client cannot read its own packets: the directions have different keys.
            try (SrtpSession clientAgain = SrtpSession.fromDtls(profile, material, true)) {
                assertEquals(SrtpSession.Result.AUTH_FAILED,
                        clientAgain.unprotectRtp(new PacketBuffer(256).set(wire, 0, wire.length)));
            }
        }
    }
}
