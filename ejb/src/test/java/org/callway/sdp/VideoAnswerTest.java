package org.callway.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.callway.media.api.Setup;
import org.junit.jupiter.api.Test;

/**
 * A browser offering audio, video and a data channel in one BUNDLE group. The video and data
 * sections are written the way Chromium writes them after its captured audio section (they are
 * built here, not captured): video is answered only for a peer that allows a video codec.
 */
class VideoAnswerTest {
    private static final String VIDEO = String.join("\n",
            "m=video 9 UDP/TLS/RTP/SAVPF 96 97 102 103",
            "c=IN IP4 0.0.0.0",
            "a=rtcp:9 IN IP4 0.0.0.0",
            "a=ice-ufrag:nC/B",
            "a=ice-pwd:inXT5WtPds9tWxWAd4gUZ/Ba",
            "a=ice-options:trickle",
            "a=fingerprint:sha-256 18:62:B5:5D:2E:80:C4:5B:AD:5A:70:54:F2:45:4C:07:25:70:D6:D3:94:E3:46:45:71:D9:BA:97:B8:62:74:5E",
            "a=setup:actpass",
            "a=mid:1",
            "a=sendrecv",
            "a=rtcp-mux",
            "a=rtcp-rsize",
            "a=rtpmap:96 VP8/90000",
            "a=rtcp-fb:96 goog-remb",
            "a=rtcp-fb:96 transport-cc",
            "a=rtcp-fb:96 ccm fir",
            "a=rtcp-fb:96 nack",
            "a=rtcp-fb:96 nack pli",
            "a=rtpmap:97 rtx/90000",
            "a=fmtp:97 apt=96",
            "a=rtpmap:102 H264/90000",
            "a=rtcp-fb:102 nack",
            "a=rtcp-fb:102 nack pli",
            "a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f",
            "a=rtpmap:103 rtx/90000",
            "a=fmtp:103 apt=102",
            "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
            "c=IN IP4 0.0.0.0",
            "a=mid:2",
            "a=sctp-port:5000",
            "");
    private static final String OFFER = Fixtures.chromiumOffer().replace("a=group:BUNDLE 0", "a=group:BUNDLE 0 1 2") + VIDEO;

    private static List<String> answer(PeerPolicy policy) {
        return AnswererTest.answerLines(OFFER, policy, Locals.webRtc(Setup.ACTIVE));
    }

    /** The lines of one section of the answer, from its m= line to the next. */
    private static List<String> section(List<String> lines, String media) {
        int start = 0;
        while (!lines.get(start).startsWith("m=" + media)) {
            start++;
        }
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).startsWith("m=")) {
            end++;
        }
        return lines.subList(start, end);
    }

    @Test
    void vp8WithTheFeedbackTheEngineRelays() {
        List<String> lines = answer(new PeerPolicy(List.of("opus", "vp8", "h264"), true, true));
        assertTrue(lines.contains("a=group:BUNDLE 0 1"), "the data channel left the group: " + lines);
        List<String> video = section(lines, "video");
        assertEquals("m=video 40000 UDP/TLS/RTP/SAVPF 96", video.get(0), "bundled: same port as audio");
        assertTrue(video.containsAll(List.of("a=mid:1", "a=setup:active", "a=rtcp-mux", "a=rtpmap:96 VP8/90000",
                "a=rtcp-fb:96 ccm fir", "a=rtcp-fb:96 nack", "a=rtcp-fb:96 nack pli")), video.toString());
        assertFalse(video.stream().anyMatch(l -> l.contains("goog-remb") || l.contains("transport-cc")), video.toString());
    }

    @Test
    void h264WhenThePeerPrefersIt() {
        List<String> video = section(answer(new PeerPolicy(List.of("opus", "h264", "vp8"), true, true)), "video");
        assertEquals("m=video 40000 UDP/TLS/RTP/SAVPF 102", video.get(0));
        assertTrue(video.contains(
                "a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f"), video.toString());
    }

    @Test
    void audioOnlyPeerRejectsVideoWithPortZero() {
        List<String> lines = answer(PeerPolicy.webRtc());
        assertTrue(lines.contains("a=group:BUNDLE 0"), lines.toString());
        assertEquals(List.of("m=video 0 UDP/TLS/RTP/SAVPF 96", "a=mid:1"), section(lines, "video"));
        assertEquals(List.of("m=application 0 UDP/DTLS/SCTP webrtc-datachannel", "a=mid:2"), section(lines, "application"));
        assertEquals("m=audio 40000 UDP/TLS/RTP/SAVPF 111 110", section(lines, "audio").get(0));
    }

    @Test
    void trickleOfferBeforeGatheringIsNotAHold() {
        String early = Fixtures.chromiumOffer().replace("m=audio 33925", "m=audio 9")
                .replace("c=IN IP4 192.0.2.2", "c=IN IP4 0.0.0.0").replaceAll("a=candidate:[^\n]*\n", "");
        Negotiation.Agreed ok = AnswererTest.agreed(early, PeerPolicy.webRtc());
        assertEquals(Direction.SENDRECV, ok.audio().direction(), "0.0.0.0 with ICE means no candidate yet");
        assertTrue(ok.remote().candidates().isEmpty(), "they come by trickle");
    }
}
