package org.callway.sdp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.callway.media.api.LegKind;
import org.callway.media.api.Setup;

/**
 * Jazzer fuzz test of the whole SDP path a peer's body takes: whatever the text, parsing gives
 * {@link SdpResult.Parsed} or {@link SdpResult.Failed} — never an exception — a parsed description
 * writes back to text that parses to the same, and analysing it as an offer (for a browser peer
 * and a phone peer) and answering it never throws either.
 *
 * <p>Plain {@code mvn test} replays the seeds in {@code SdpFuzzTestInputs/analyse}; fuzz with
 * {@code JAZZER_FUZZ=1 mvn -o -pl ejb test -Dtest=SdpFuzzTest}.
 */
class SdpFuzzTest {
    private static final SdpParser PARSER = new SdpParser(200, 2048);

    @FuzzTest(maxDuration = "30s")
    void analyse(byte[] input) {
        SdpResult r = PARSER.parse(input);
        if (!(r instanceof SdpResult.Parsed p)) {
            return;
        }
        String text = p.sdp().serialize();
        if (!(PARSER.parse(text) instanceof SdpResult.Parsed again) || !again.sdp().serialize().equals(text)) {
            throw new AssertionError("round trip changed the description:\n" + text);
        }
        for (PeerPolicy policy : List.of(PeerPolicy.webRtc(), PeerPolicy.phone(),
                new PeerPolicy(List.of("opus", "vp8", "h264", "g722"), false, false))) {
            if (Answerer.analyse(p.sdp(), policy) instanceof Negotiation.Agreed ok) {
                Answerer.answer(p.sdp(), ok, switch (ok.legKind()) {
                    case WEBRTC -> Locals.webRtc(Setup.ACTIVE);
                    case SDES -> Locals.sdes();
                    case RTP_AVP -> Locals.plain();
                });
            }
        }
        SessionDescription ours = Offerer.offer(LegKind.RTP_AVP, PeerPolicy.phone(), Locals.plain());
        Offerer.readAnswer(ours, p.sdp());
    }
}
