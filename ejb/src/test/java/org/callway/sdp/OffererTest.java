package org.callway.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import org.callway.media.api.LegKind;
import org.callway.media.api.RemoteParameters;
import org.callway.media.api.Setup;
import org.junit.jupiter.api.Test;

/** Callway calling out (the B2BUA's second leg): what the browser or phone is offered, and reading its answer. */
class OffererTest {

    private static List<String> lines(SessionDescription sdp) {
        String text = sdp.serialize();
        assertEquals(text, Fixtures.parse(text).serialize(), "the offer parses and writes back unchanged");
        return List.of(text.split("\r\n"));
    }

    @Test
    void webRtcOfferTowardABrowser() {
        List<String> l = lines(Offerer.offer(LegKind.WEBRTC, PeerPolicy.webRtc(), Locals.webRtc(Setup.ACTPASS)));
        assertEquals(Locals.concat(List.of(
                "s=Callway",
                "c=IN IP4 192.0.2.10",
                "t=0 0",
                "a=group:BUNDLE 0",
                "m=audio 40000 UDP/TLS/RTP/SAVPF 111 0 8 110 101"),
                Locals.iceLines(Setup.ACTPASS),
                List.of(
                "a=mid:0",
                "a=sendrecv",
                "a=rtcp-mux",
                "a=rtcp-rsize",
                "a=rtpmap:111 opus/48000/2",
                "a=fmtp:111 minptime=10;useinbandfec=1",
                "a=rtpmap:0 PCMU/8000",
                "a=rtpmap:8 PCMA/8000",
                "a=rtpmap:110 telephone-event/48000",
                "a=fmtp:110 0-16",
                "a=rtpmap:101 telephone-event/8000",
                "a=fmtp:101 0-16",
                "a=msid:callway callway-audio-0"),
                Locals.candidateLines()), l.subList(2, l.size()));
    }

    @Test
    void plainOfferTowardAPhone() {
        List<String> l = lines(Offerer.offer(LegKind.RTP_AVP, PeerPolicy.phone(), Locals.plain()));
        assertEquals(List.of("s=Callway", "c=IN IP4 192.0.2.10", "t=0 0", "m=audio 40000 RTP/AVP 0 8 101", "a=sendrecv",
                "a=rtpmap:0 PCMU/8000", "a=rtpmap:8 PCMA/8000", "a=rtpmap:101 telephone-event/8000", "a=fmtp:101 0-16"),
                l.subList(2, l.size()));
    }

    @Test
    void holdReofferKeepsTheSessionAndBumpsTheVersion() {
        SessionDescription first = Offerer.offer(LegKind.RTP_AVP, PeerPolicy.phone(), Locals.plain());
        SessionDescription hold = Offerer.offer(LegKind.RTP_AVP, PeerPolicy.phone(), Locals.plain(), Direction.SENDONLY)
                .withOrigin(first.origin().next());
        List<String> l = lines(hold);
        assertTrue(l.contains("a=sendonly"), l.toString());
        assertEquals("o=callway " + first.origin().sessionId() + " 2 IN IP4 192.0.2.10", l.get(1),
                "RFC 3264 §8: same session, next version, or the phone ignores the hold");
    }

    @Test
    void phoneAnswerGivesAddressCodecAndDtmf() {
        SessionDescription offer = Offerer.offer(LegKind.RTP_AVP, PeerPolicy.phone(), Locals.plain());
        SessionDescription answer = Fixtures.parse(Fixtures.sdp("v=0", "o=- 9 9 IN IP4 198.51.100.8", "s=-",
                "c=IN IP4 198.51.100.8", "t=0 0", "m=audio 7078 RTP/AVP 8 101", "a=rtpmap:101 telephone-event/8000",
                "a=recvonly"));
        Negotiation.Agreed ok = assertInstanceOf(Negotiation.Agreed.class, Offerer.readAnswer(offer, answer));
        assertEquals(LegKind.RTP_AVP, ok.legKind());
        assertEquals(RemoteParameters.plainRtp("198.51.100.8", 7078), ok.remote());
        assertEquals(new MediaPlan(0, null, Codec.ALAW, 8, OptionalInt.of(101), Direction.SENDONLY), ok.audio());
    }

    @Test
    void browserAnswerToOurOfferGivesIceAndDtls() {
        SessionDescription offer = Offerer.offer(LegKind.WEBRTC, PeerPolicy.webRtc(), Locals.webRtc(Setup.ACTPASS));
        // What Chromium answers: its own credentials, setup:active, opus under our number.
        String chromiumAnswer = Fixtures.chromiumOffer().replace("a=setup:actpass", "a=setup:active")
                .replace("m=audio 33925 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126", "m=audio 33925 UDP/TLS/RTP/SAVPF 111 110");
        Negotiation.Agreed ok = assertInstanceOf(Negotiation.Agreed.class,
                Offerer.readAnswer(offer, Fixtures.parse(chromiumAnswer)));
        assertEquals(LegKind.WEBRTC, ok.legKind());
        assertEquals("nC/B", ok.remote().iceUfrag());
        assertEquals(Setup.ACTIVE, ok.remote().setup());
        assertEquals(new MediaPlan(0, "0", Codec.OPUS, 111, OptionalInt.of(110), Direction.SENDRECV), ok.audio());
    }

    @Test
    void callwayAnswersCallwaysOwnOffer() {
        SessionDescription offer = Offerer.offer(LegKind.WEBRTC, PeerPolicy.webRtc(), Locals.webRtc(Setup.ACTPASS));
        Negotiation.Agreed asAnswerer = AnswererTest.agreed(offer.serialize(), PeerPolicy.webRtc());
        assertEquals("CwAy", asAnswerer.remote().iceUfrag());
        SessionDescription answer = Answerer.answer(offer, asAnswerer, Locals.webRtc(Setup.ACTIVE));
        Negotiation.Agreed asOfferer = assertInstanceOf(Negotiation.Agreed.class, Offerer.readAnswer(offer, answer));
        assertEquals(Codec.OPUS, asOfferer.codec());
        assertEquals(Setup.ACTIVE, asOfferer.remote().setup());
        assertEquals(Locals.FINGERPRINT, asOfferer.remote().fingerprint());
        assertEquals(Locals.hosts(), asOfferer.remote().candidates());
    }

    @Test
    void sdesOfferAndItsAnswer() {
        PeerPolicy srtpPhone = new PeerPolicy(List.of("ulaw"), false, true);
        SessionDescription offer = Offerer.offer(LegKind.SDES, srtpPhone, Locals.sdes());
        List<String> l = lines(offer);
        assertTrue(l.containsAll(List.of("m=audio 40000 RTP/SAVP 0 101", "a=crypto:" + Locals.AES_CM, "a=crypto:" + Locals.GCM)),
                l.toString());
        String gcm = "2 AEAD_AES_128_GCM inline:Wm9vbVpvb21ab29tWm9vbVpvb21ab29tWm9vbQ==";
        SessionDescription answer = Fixtures.parse(Fixtures.sdp("v=0", "o=- 9 9 IN IP4 198.51.100.8", "s=-",
                "c=IN IP4 198.51.100.8", "t=0 0", "m=audio 7078 RTP/SAVP 0", "a=crypto:" + gcm));
        Negotiation.Agreed ok = assertInstanceOf(Negotiation.Agreed.class, Offerer.readAnswer(offer, answer));
        assertEquals(RemoteParameters.sdes("198.51.100.8", 7078, List.of(gcm)), ok.remote());
    }

    @Test
    void unusableAnswersAreRejectedWithTheReason() {
        SessionDescription offer = Offerer.offer(LegKind.WEBRTC, PeerPolicy.webRtc(), Locals.webRtc(Setup.ACTPASS));
        String actpass = Fixtures.chromiumOffer().replace("111 63 9 0 8 13 110 126", "111");
        assertEquals(new Negotiation.Rejected(
                "the answer says a=setup:actpass; an answerer picks active or passive (RFC 5763 §5)"),
                Offerer.readAnswer(offer, Fixtures.parse(actpass)));
        String portZero = Fixtures.chromiumOffer().replace("m=audio 33925", "m=audio 0");
        assertEquals(new Negotiation.Rejected("the answer rejected the audio stream (port 0)"),
                Offerer.readAnswer(offer, Fixtures.parse(portZero)));
        String g722 = Fixtures.chromiumOffer().replace("a=setup:actpass", "a=setup:active")
                .replace("111 63 9 0 8 13 110 126", "9");
        assertEquals(new Negotiation.Rejected("the answer has no codec from the offer (answered [9])"),
                Offerer.readAnswer(offer, Fixtures.parse(g722)));
    }
}
