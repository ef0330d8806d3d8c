package org.callway.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Answering a call that the engine plays a prompt into: only codecs a prompt is encoded in
 * (Opus, G.711), in the peer's order, and no video.
 */
class PlaybackPolicyTest {

    private static PeerPolicy playable(List<String> allow) {
        return new PeerPolicy(allow, true, true).audioOnly(BridgePlan.TRANSCODABLE);
    }

    @Test
    void keepsThePeersOrderOfPlayableCodecsAndDropsVideo() {
        assertEquals(List.of("ulaw", "opus"), playable(List.of("g722", "ulaw", "vp8", "opus")).allow());
        assertTrue(playable(List.of("opus", "vp8")).codecs("video").isEmpty());
    }

    @Test
    void chromiumCallingAG722FirstPeerIsAnsweredInOpusNotG722() {
        Negotiation.Agreed ok = AnswererTest.agreed(Fixtures.chromiumOffer(), playable(List.of("g722", "opus")));
        assertEquals(Codec.OPUS, ok.codec());
    }

    @Test
    void aG722OnlyPeerHasNothingToPlayIn() {
        assertTrue(playable(List.of("g722", "h264")).allow().isEmpty());
        assertInstanceOf(Negotiation.Rejected.class, Answerer.analyse(Fixtures.parse(Fixtures.chromiumOffer()),
                playable(List.of("g722"))));
    }
}
