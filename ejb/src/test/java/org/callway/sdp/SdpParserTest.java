package org.callway.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.callway.media.api.IceCandidate;
import org.callway.media.api.Setup;
import org.junit.jupiter.api.Test;

/** The captured browser offers parse into what Callway reads from them, and write back unchanged. */
class SdpParserTest {

    @Test
    void chromiumOfferRoundTripsWithCrlf() {
        String offer = Fixtures.chromiumOffer();
        assertEquals(offer.replace("\n", "\r\n"), Fixtures.parse(offer).serialize());
    }

    @Test
    void jssipInviteBodyRoundTripsByteForByte() {
        String body = Fixtures.jssipOffer();
        assertEquals(1709, body.length(), "the INVITE's Content-Length");
        assertEquals(body, Fixtures.parse(body).serialize());
    }

    @Test
    void invitesBodyBytesParseAndBadUtf8Fails() {
        String invite = Fixtures.read("jssip-3.13-invite.sip");
        byte[] raw = invite.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] body = java.util.Arrays.copyOfRange(raw, invite.indexOf("\r\n\r\n") + 4, raw.length);
        SessionDescription sdp = assertInstanceOf(SdpResult.Parsed.class, new SdpParser().parse(body)).sdp();
        assertEquals("1UdL", sdp.iceUfrag(sdp.media().get(0)).orElseThrow());
        assertEquals(new SdpResult.Failed("SDP line 1: not UTF-8", 1), new SdpParser().parse(new byte[] {'v', '=', (byte) 0xC3}));
    }

    @Test
    void chromiumOfferSessionLevel() {
        SessionDescription sdp = Fixtures.parse(Fixtures.chromiumOffer());
        assertEquals("4640204913865549486", sdp.origin().sessionId());
        assertEquals(2, sdp.origin().sessionVersion());
        assertEquals(List.of("0"), sdp.bundle().orElseThrow().mids());
        assertTrue(sdp.has("extmap-allow-mixed"), "unknown property attribute kept");
        assertEquals(" WMS 30e4d570-8f9b-4d30-9d5c-c32bd5bc7189",
                sdp.attributes().get(2).value(), "value kept verbatim, leading space included");
        assertEquals(1, sdp.media().size());
    }

    @Test
    void chromiumOfferAudioSection() {
        SessionDescription sdp = Fixtures.parse(Fixtures.chromiumOffer());
        MediaDescription audio = sdp.media().get(0);
        assertEquals("audio", audio.media());
        assertEquals(33925, audio.port());
        assertEquals(Profile.UDP_TLS_RTP_SAVPF, audio.profile().orElseThrow());
        assertEquals(List.of(111, 63, 9, 0, 8, 13, 110, 126), audio.payloadTypes());
        assertEquals("192.0.2.2", sdp.connection(audio).orElseThrow().host());
        assertEquals("nC/B", sdp.iceUfrag(audio).orElseThrow());
        assertEquals("inXT5WtPds9tWxWAd4gUZ/Ba", sdp.icePwd(audio).orElseThrow());
        assertEquals(List.of("trickle"), sdp.iceOptions(audio));
        Fingerprint fp = sdp.fingerprints(audio).get(0);
        assertEquals("sha-256", fp.algorithm());
        assertTrue(fp.value().startsWith("18:62:B5:5D"));
        assertEquals(Setup.ACTPASS, sdp.setup(audio).orElseThrow());
        assertEquals("0", audio.mid().orElseThrow());
        assertEquals(Direction.SENDRECV, sdp.direction(audio));
        assertTrue(audio.rtcpMux());
        assertTrue(audio.rtcpRsize());
        assertFalse(audio.endOfCandidates(), "Chromium trickles");
    }

    @Test
    void chromiumOfferCodecsAndFeedback() {
        MediaDescription audio = Fixtures.parse(Fixtures.chromiumOffer()).media().get(0);
        assertEquals(new RtpMap(111, "opus", 48000, 2), audio.rtpMap(111).orElseThrow());
        assertEquals(new RtpMap(126, "telephone-event", 8000, 0), audio.rtpMap(126).orElseThrow());
        assertEquals("1", audio.fmtp(111).orElseThrow().parameterMap().get("useinbandfec"));
        assertEquals(List.of(new RtcpFb("111", "transport-cc", null)), audio.rtcpFeedback(111));
        assertEquals(4, audio.extmaps().size());
        assertEquals("urn:ietf:params:rtp-hdrext:sdes:mid", audio.extmaps().get(3).uri());
        assertEquals("51725443-b86b-4644-a79a-8c85b5af637e", audio.msid().orElseThrow().trackId());
        assertEquals(new Ssrc(931003262L, "cname", "zjoSdQXtZEfnQmQi"), audio.ssrcs().get(0));
    }

    @Test
    void chromiumOfferCandidates() {
        List<IceCandidate> c = Fixtures.parse(Fixtures.chromiumOffer()).media().get(0).candidates();
        assertEquals(4, c.size());
        assertEquals(new IceCandidate("674712063", 1, "udp", 2122194687L, "192.0.2.2", 33925, "host"), c.get(0));
        assertEquals("fd00::2", c.get(1).address());
        assertFalse(c.get(2).isUdp());
    }

    @Test
    void sdesCryptoIsTyped() {
        SessionDescription sdp = Fixtures.parse(Fixtures.sdp("v=0", "o=- 1 1 IN IP4 203.0.113.5", "s=-",
                "c=IN IP4 203.0.113.5", "t=0 0", "m=audio 4000 RTP/SAVP 0",
                "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:4 UNENCRYPTED_SRTCP"));
        Crypto c = sdp.media().get(0).crypto().get(0);
        assertEquals(1, c.tag());
        assertEquals("AES_CM_128_HMAC_SHA1_80", c.suite());
        assertEquals("UNENCRYPTED_SRTCP", c.sessionParams());
        assertEquals(Profile.RTP_SAVP, sdp.media().get(0).profile().orElseThrow());
    }

    @Test
    void sessionLevelIceAndDirectionApplyToMedia() {
        SessionDescription sdp = Fixtures.parse(Fixtures.sdp("v=0", "o=- 1 1 IN IP4 198.51.100.1", "s=-",
                "c=IN IP4 198.51.100.1", "t=0 0", "a=ice-ufrag:sess", "a=ice-pwd:sessionpasswordsessionpw",
                "a=sendonly", "m=audio 5000 RTP/AVP 0", "m=audio 5002 RTP/AVP 0", "a=ice-ufrag:media", "a=inactive"));
        assertEquals("sess", sdp.iceUfrag(sdp.media().get(0)).orElseThrow());
        assertEquals("media", sdp.iceUfrag(sdp.media().get(1)).orElseThrow());
        assertEquals(Direction.SENDONLY, sdp.direction(sdp.media().get(0)));
        assertEquals(Direction.INACTIVE, sdp.direction(sdp.media().get(1)));
    }
}
