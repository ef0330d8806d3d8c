package org.callway.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.callway.media.api.LegKind;
import org.callway.media.api.PayloadFormat;
import org.callway.media.api.Setup;
import org.junit.jupiter.api.Test;

/**
 * What the engine is told each leg agreed: the formats of our answer, or of the far end's
 * answer to our offer; the first audio format is the one the engine sends.
 */
class PayloadFormatsTest {
    private static final PayloadFormat OPUS = PayloadFormat.audio(111, "opus", 48000, 2);
    private static final PayloadFormat PCMU = PayloadFormat.audio(0, "PCMU", 8000, 1);
    private static final PayloadFormat PCMA = PayloadFormat.audio(8, "PCMA", 8000, 1);

    private static List<PayloadFormat> ourAnswer(String offer, PeerPolicy policy) {
        SessionDescription o = Fixtures.parse(offer);
        Negotiation.Agreed ok = AnswererTest.agreed(offer, policy);
        return PayloadFormats.of(Answerer.answer(o, ok, Locals.webRtc(Setup.ACTIVE)));
    }

    private static SessionDescription phoneAnswer(String... mediaLines) {
        List<String> lines = new java.util.ArrayList<>(List.of("v=0", "o=- 9 9 IN IP4 198.51.100.8", "s=-",
                "c=IN IP4 198.51.100.8", "t=0 0"));
        lines.addAll(List.of(mediaLines));
        return Fixtures.parse(Fixtures.sdp(lines.toArray(String[]::new)));
    }

    @Test
    void answerToChromiumIsOpusThenItsTelephoneEvent() {
        assertEquals(List.of(OPUS, PayloadFormat.audio(110, "telephone-event", 48000, 1)),
                ourAnswer(Fixtures.chromiumOffer(), PeerPolicy.webRtc()));
    }

    @Test
    void opusOnlyPeerAnswersOpusWhateverElseChromiumOffers() {
        assertEquals(OPUS, ourAnswer(Fixtures.chromiumOffer(), new PeerPolicy(List.of("opus"), true, true)).get(0));
    }

    @Test
    void ulawPreferredTakesTheEightKilohertzTelephoneEvent() {
        assertEquals(List.of(PCMU, PayloadFormat.audio(126, "telephone-event", 8000, 1)),
                ourAnswer(Fixtures.chromiumOffer(), new PeerPolicy(List.of("ulaw", "opus"), true, true)));
    }

    @Test
    void sippAnswerWithoutRtpmapIsNamedByTheStaticTable() {
        SessionDescription offer = Offerer.offer(LegKind.RTP_AVP, PeerPolicy.phone(), Locals.plain());
        assertEquals(List.of(PCMU), PayloadFormats.ofAnswer(phoneAnswer("m=audio 6000 RTP/AVP 0", "a=sendrecv"), offer));
    }

    @Test
    void phoneAnswerKeepsItsPreferenceOrderDropsWhatWeDidNotOfferAndPutsEventsAfterCodecs() {
        SessionDescription offer = Offerer.offer(LegKind.RTP_AVP, PeerPolicy.phone(), Locals.plain());
        SessionDescription answer = phoneAnswer("m=audio 7078 RTP/AVP 101 8 18 0", "a=rtpmap:101 telephone-event/8000",
                "a=rtpmap:18 G729/8000");
        assertEquals(List.of(PCMA, PCMU, PayloadFormat.audio(101, "telephone-event", 8000, 1)),
                PayloadFormats.ofAnswer(answer, offer));
    }

    @Test
    void videoFollowsAudio() {
        String offer = Fixtures.chromiumOffer().replace("a=group:BUNDLE 0", "a=group:BUNDLE 0 1")
                + String.join("\n", "m=video 9 UDP/TLS/RTP/SAVPF 96", "c=IN IP4 0.0.0.0", "a=mid:1", "a=sendrecv",
                        "a=rtcp-mux", "a=rtpmap:96 VP8/90000", "");
        List<PayloadFormat> formats = ourAnswer(offer, new PeerPolicy(List.of("opus", "vp8"), true, true));
        assertEquals(List.of(OPUS, PayloadFormat.audio(110, "telephone-event", 48000, 1),
                new PayloadFormat(96, "VP8", 90000, 1, true)), formats);
    }
}
