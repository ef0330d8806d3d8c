package org.callway.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import org.callway.media.api.IceCandidate;
import org.callway.media.api.LegKind;
import org.callway.media.api.RemoteParameters;
import org.callway.media.api.Setup;
import org.junit.jupiter.api.Test;

/**
 * Offers from a browser and from SIP phones against the demo peers' policies: what the browser
 * or phone receives as the answer, or the 488 reason, and what the media engine is told.
 */
class AnswererTest {
    private static final String SIPP_PCMU = Fixtures.sdp("v=0", "o=user1 53655765 2353687637 IN IP4 198.51.100.7",
            "s=-", "c=IN IP4 198.51.100.7", "t=0 0", "m=audio 6000 RTP/AVP 0", "a=rtpmap:0 PCMU/8000");

    static Negotiation.Agreed agreed(String offer, PeerPolicy policy) {
        return assertInstanceOf(Negotiation.Agreed.class, Answerer.analyse(Fixtures.parse(offer), policy));
    }

    static Negotiation.Rejected rejected(String offer, PeerPolicy policy) {
        Negotiation.Rejected r = assertInstanceOf(Negotiation.Rejected.class, Answerer.analyse(Fixtures.parse(offer), policy));
        assertEquals(488, r.status());
        return r;
    }

    /** The answer's lines after o= (its session id is random), checked by parsing it back. */
    static List<String> answerLines(String offer, PeerPolicy policy, org.callway.media.api.LocalParameters local) {
        SessionDescription o = Fixtures.parse(offer);
        String answer = Answerer.answer(o, agreed(offer, policy), local).serialize();
        assertEquals(answer, Fixtures.parse(answer).serialize(), "the answer parses and writes back unchanged");
        List<String> lines = List.of(answer.split("\r\n"));
        assertTrue(lines.get(1).startsWith("o=callway "), lines.get(1));
        return lines.subList(2, lines.size());
    }

    @Test
    void chromiumOfferGetsWhatTheBrowserNeeds() {
        assertEquals(Locals.concat(List.of(
                "s=Callway",
                "c=IN IP4 192.0.2.10",
                "t=0 0",
                "a=group:BUNDLE 0",
                "m=audio 40000 UDP/TLS/RTP/SAVPF 111 110"),
                Locals.iceLines(Setup.ACTIVE),
                List.of(
                "a=mid:0",
                "a=sendrecv",
                "a=rtcp-mux",
                "a=rtcp-rsize",
                "a=rtpmap:111 opus/48000/2",
                "a=fmtp:111 minptime=10;useinbandfec=1",
                "a=rtpmap:110 telephone-event/48000",
                "a=msid:callway callway-audio-0"),
                Locals.candidateLines()),
                answerLines(Fixtures.chromiumOffer(), PeerPolicy.webRtc(), Locals.webRtc(Setup.ACTIVE)));
    }

    @Test
    void demoPeersAreTheWebRtcAndPhonePolicies() {
        List<org.callway.config.PeerDefaults> demo = org.callway.config.PeerDefaults.demo();
        PeerPolicy alice = PeerPolicy.of(demo.get(0));
        assertEquals(PeerPolicy.webRtc().codecs("audio"), alice.codecs("audio"), "alice: allow=opus,ulaw,alaw,...");
        assertEquals(List.of(Codec.VP8, Codec.H264), alice.codecs("video"), "alice: ...,vp8,h264");
        assertTrue(alice.avpf() && alice.encryption(), "alice: avpf=yes encryption=yes");
        assertEquals(PeerPolicy.phone(), PeerPolicy.of(demo.get(2)), "carol: allow=ulaw,alaw");
    }

    @Test
    void chromiumOfferTellsTheEngineIceAndDtls() {
        Negotiation.Agreed ok = agreed(Fixtures.chromiumOffer(), PeerPolicy.webRtc());
        assertEquals(LegKind.WEBRTC, ok.legKind());
        RemoteParameters r = ok.remote();
        assertEquals("nC/B", r.iceUfrag());
        assertEquals("inXT5WtPds9tWxWAd4gUZ/Ba", r.icePwd());
        assertEquals(Setup.ACTPASS, r.setup());
        assertTrue(r.fingerprint().startsWith("18:62:B5:5D"));
        assertEquals(4, r.candidates().size());
        assertEquals(new IceCandidate("674712063", 1, "udp", 2122194687L, "192.0.2.2", 33925, "host"), r.candidates().get(0));
        assertEquals(new MediaPlan(0, "0", Codec.OPUS, 111, OptionalInt.of(110), Direction.SENDRECV), ok.audio());
    }

    @Test
    void jssipInviteBodyIsAnsweredLikeChromium() {
        List<String> lines = answerLines(Fixtures.jssipOffer(), PeerPolicy.webRtc(), Locals.webRtc(Setup.ACTIVE));
        assertTrue(lines.containsAll(List.of("a=group:BUNDLE 0", "m=audio 40000 UDP/TLS/RTP/SAVPF 111 110",
                "a=setup:active", "a=mid:0", "a=rtcp-mux", "a=fmtp:111 minptime=10;useinbandfec=1",
                "a=end-of-candidates")), lines.toString());
        Negotiation.Agreed ok = agreed(Fixtures.jssipOffer(), PeerPolicy.webRtc());
        assertEquals("1UdL", ok.remote().iceUfrag());
        assertTrue(ok.remote().fingerprint().startsWith("D1:50:C7"));
    }

    @Test
    void feedbackTheEngineCannotHonourIsDropped() {
        List<String> lines = answerLines(Fixtures.chromiumOffer(), PeerPolicy.webRtc(), Locals.webRtc(Setup.ACTIVE));
        assertFalse(lines.stream().anyMatch(l -> l.contains("transport-cc")), "no TWCC feedback promised");
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("a=ice-options")), "we do not trickle");
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("a=extmap")), "no header extensions promised");
    }

    @Test
    void policyPreferenceWinsOverOfferOrderAndDtmfFollowsTheClockRate() {
        PeerPolicy ulawFirst = new PeerPolicy(List.of("ulaw", "opus"), true, true);
        Negotiation.Agreed ok = agreed(Fixtures.chromiumOffer(), ulawFirst);
        assertEquals(Codec.ULAW, ok.codec());
        assertEquals(0, ok.audio().payloadType());
        assertEquals(OptionalInt.of(126), ok.audio().telephoneEvent(), "telephone-event/8000 for PCMU");
        assertTrue(answerLines(Fixtures.chromiumOffer(), ulawFirst, Locals.webRtc(Setup.ACTIVE))
                .contains("m=audio 40000 UDP/TLS/RTP/SAVPF 0 126"));
    }

    @Test
    void sippPlainRtpAgainstAvpfPeerIs488() {
        assertEquals("the offer uses RTP/AVP but the peer requires AVPF (avpf=yes, RFC 4585)",
                rejected(SIPP_PCMU, PeerPolicy.webRtc()).reason());
    }

    @Test
    void sippPlainRtpAgainstEncryptionPeerIs488() {
        assertEquals("the offer uses RTP/AVP but the peer requires SRTP (encryption=yes, RFC 3711)",
                rejected(SIPP_PCMU, new PeerPolicy(List.of("ulaw"), false, true)).reason());
    }

    @Test
    void g729OnlyOfferHasNoCommonCodec() {
        String g729 = SIPP_PCMU.replace("RTP/AVP 0", "RTP/AVP 18").replace("a=rtpmap:0 PCMU/8000", "a=rtpmap:18 G729/8000");
        assertEquals("no common codec: offered G729; the peer allows ulaw, alaw", rejected(g729, PeerPolicy.phone()).reason());
    }

    @Test
    void sippPcmuToAPhoneIsAnsweredPlain() {
        Negotiation.Agreed ok = agreed(SIPP_PCMU, PeerPolicy.phone());
        assertEquals(LegKind.RTP_AVP, ok.legKind());
        assertEquals(RemoteParameters.plainRtp("198.51.100.7", 6000), ok.remote());
        assertEquals(List.of("s=Callway", "c=IN IP4 192.0.2.10", "t=0 0", "m=audio 40000 RTP/AVP 0", "a=sendrecv",
                "a=rtpmap:0 PCMU/8000"), answerLines(SIPP_PCMU, PeerPolicy.phone(), Locals.plain()));
    }

    @Test
    void ipv6PhoneIsAnsweredOnIpv6() {
        String v6 = Fixtures.sdp("v=0", "o=- 3 3 IN IP6 2001:db8::7", "s=-", "c=IN IP6 2001:db8::7", "t=0 0",
                "m=audio 6000 RTP/AVP 0");
        assertEquals(RemoteParameters.plainRtp("2001:db8::7", 6000), agreed(v6, PeerPolicy.phone()).remote());
        assertEquals("c=IN IP6 fd00::10", answerLines(v6, PeerPolicy.phone(), Locals.plain()).get(1));
    }

    @Test
    void staticPayloadTypeWithoutRtpmapAndDtmfFromAPhone() {
        String phone = Fixtures.sdp("v=0", "o=- 1 1 IN IP4 198.51.100.8", "s=-", "c=IN IP4 198.51.100.8", "t=0 0",
                "m=audio 7078 RTP/AVP 8 0 101", "a=rtpmap:101 telephone-event/8000", "a=fmtp:101 0-15", "a=ptime:20");
        List<String> lines = answerLines(phone, PeerPolicy.phone(), Locals.plain());
        assertTrue(lines.containsAll(List.of("m=audio 40000 RTP/AVP 0 101", "a=rtpmap:0 PCMU/8000",
                "a=rtpmap:101 telephone-event/8000", "a=fmtp:101 0-15")), lines.toString());
    }

    @Test
    void sdesOfferNeedsAnSdesLegWithItsCrypto() {
        String sdes = Fixtures.sdp("v=0", "o=- 7 7 IN IP4 203.0.113.9", "s=-", "c=IN IP4 203.0.113.9", "t=0 0",
                "m=audio 5004 RTP/SAVP 0 101",
                "a=crypto:1 AES_256_CM_HMAC_SHA1_80 inline:d0RmdmcmVCspeEc3QGZiNWpVLFJhQX1cfHAwJSoj|2^31",
                "a=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:4",
                "a=crypto:3 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20",
                "a=rtpmap:101 telephone-event/8000");
        PeerPolicy srtpPhone = new PeerPolicy(List.of("ulaw"), false, true);
        Negotiation.Agreed ok = agreed(sdes, srtpPhone);
        assertEquals(LegKind.SDES, ok.legKind());
        assertEquals(RemoteParameters.sdes("203.0.113.9", 5004,
                List.of("3 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20")), ok.remote(),
                "AES_256 is not implemented and the engine uses no MKI: the third line");
        List<String> lines = answerLines(sdes, srtpPhone, Locals.sdes());
        assertTrue(lines.contains("m=audio 40000 RTP/SAVP 0 101"), lines.toString());
        assertTrue(lines.contains("a=crypto:3 AES_CM_128_HMAC_SHA1_80 inline:QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNk"),
                "our key under the offer's tag: " + lines);
    }

    @Test
    void sdesOfferWithOnlyUnknownSuitesIs488() {
        String sdes = SIPP_PCMU.replace("RTP/AVP", "RTP/SAVP")
                + "a=crypto:1 AES_256_CM_HMAC_SHA1_80 inline:d0RmdmcmVCspeEc3QGZiNWpVLFJhQX1cfHAwJSoj\r\n";
        assertEquals("RTP/SAVP offer has no usable a=crypto: Callway takes AEAD_AES_128_GCM or AES_CM_128_HMAC_SHA1_80"
                + " with an inline key and no MKI (RFC 4568)",
                rejected(sdes, new PeerPolicy(List.of("ulaw"), false, true)).reason());
    }

    @Test
    void holdAndResume() {
        String hold = SIPP_PCMU + "a=sendonly\r\n";
        assertEquals(Direction.RECVONLY, agreed(hold, PeerPolicy.phone()).audio().direction());
        assertTrue(answerLines(hold, PeerPolicy.phone(), Locals.plain()).contains("a=recvonly"));
        assertEquals(Direction.INACTIVE, agreed(SIPP_PCMU + "a=inactive\r\n", PeerPolicy.phone()).audio().direction());
        assertEquals(Direction.SENDONLY, agreed(SIPP_PCMU + "a=recvonly\r\n", PeerPolicy.phone()).audio().direction());
        assertEquals(Direction.SENDRECV, agreed(SIPP_PCMU + "a=sendrecv\r\n", PeerPolicy.phone()).audio().direction());
        String oldHold = SIPP_PCMU.replace("c=IN IP4 198.51.100.7", "c=IN IP4 0.0.0.0");
        assertEquals(Direction.RECVONLY, agreed(oldHold, PeerPolicy.phone()).audio().direction(), "RFC 3264 §8.4");
    }

    @Test
    void browserHoldGetsRecvonly() {
        String hold = Fixtures.chromiumOffer().replace("a=sendrecv", "a=sendonly");
        List<String> lines = answerLines(hold, PeerPolicy.webRtc(), Locals.webRtc(Setup.ACTIVE));
        assertTrue(lines.contains("a=recvonly"));
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("a=msid")), "nothing sent on hold, no track");
    }

    @Test
    void offerWithoutFingerprintIs488() {
        String noFp = Fixtures.chromiumOffer().replaceAll("a=fingerprint:[^\n]*\n", "");
        assertEquals("UDP/TLS/RTP/SAVPF audio has no sha-256 a=fingerprint (RFC 5763 §5)",
                rejected(noFp, PeerPolicy.webRtc()).reason());
    }

    @Test
    void browserOfferToAPeerWithoutRequirementsIsStillWebRtc() {
        assertEquals(LegKind.WEBRTC, agreed(Fixtures.chromiumOffer(), PeerPolicy.phone()).legKind());
        assertEquals(Codec.ULAW, agreed(Fixtures.chromiumOffer(), PeerPolicy.phone()).codec());
    }

    @Test
    void legacyRtpSavpfWithFingerprintIsDtls() {
        String legacy = Fixtures.chromiumOffer().replace("UDP/TLS/RTP/SAVPF", "RTP/SAVPF");
        assertEquals(LegKind.WEBRTC, agreed(legacy, PeerPolicy.webRtc()).legKind(), "RFC 8829 §5.1.2");
        assertTrue(answerLines(legacy, PeerPolicy.webRtc(), Locals.webRtc(Setup.ACTIVE))
                .containsAll(List.of("m=audio 40000 RTP/SAVPF 111 110", "a=setup:active")));
    }

    @Test
    void videoOnlyOfferIs488() {
        String video = SIPP_PCMU.replace("m=audio 6000 RTP/AVP 0", "m=video 6002 RTP/AVP 96")
                .replace("a=rtpmap:0 PCMU/8000", "a=rtpmap:96 VP8/90000");
        assertEquals("the offer has no audio stream", rejected(video, PeerPolicy.phone()).reason());
    }
}
