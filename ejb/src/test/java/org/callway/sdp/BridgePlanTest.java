package org.callway.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Dial's codec decision between a caller's offer and a callee's {@code allow=} list: relay when
 * a codec suits both, transcode between Opus and G.711 when none does, else 488 with why.
 */
class BridgePlanTest {
    private static final List<String> WEB = List.of("opus", "ulaw", "alaw", "vp8", "h264");
    private static final List<String> PHONE = List.of("ulaw", "alaw");
    private static final String SIPP_PCMU = Fixtures.sdp("v=0", "o=user1 53655765 2353687637 IN IP4 198.51.100.7",
            "s=-", "c=IN IP4 198.51.100.7", "t=0 0", "m=audio 6000 RTP/AVP 0 101", "a=rtpmap:101 telephone-event/8000");

    private static BridgePlan decide(String offer, List<String> caller, List<String> callee) {
        return BridgePlan.decide(Fixtures.parse(offer), caller, callee, "alice", "carol");
    }

    @Test
    void browserToPhoneRelaysTheSharedG711InTheCallersOrder() {
        assertEquals(new BridgePlan.Relay(List.of("ulaw", "alaw")), decide(Fixtures.chromiumOffer(), WEB, PHONE));
    }

    @Test
    void browserToBrowserRelaysOpusFirst() {
        assertEquals(new BridgePlan.Relay(List.of("opus", "ulaw", "alaw")), decide(Fixtures.chromiumOffer(), WEB, WEB));
    }

    @Test
    void opusOnlyBrowserToG711PhoneTranscodesOfferingThePhoneItsOwnOrder() {
        assertEquals(new BridgePlan.Transcode(List.of("opus"), List.of("alaw", "ulaw")),
                decide(Fixtures.chromiumOffer(), List.of("opus"), List.of("alaw", "ulaw", "g722")));
    }

    @Test
    void pcmuPhoneToOpusOnlyBrowserTranscodes() {
        assertEquals(new BridgePlan.Transcode(List.of("ulaw"), List.of("opus")),
                decide(SIPP_PCMU, PHONE, List.of("opus", "vp8")));
    }

    @Test
    void aCodecTheCallerOfferedButItsPeerForbidsIsNeitherRelayedNorTranscoded() {
        // Chromium offers PCMU too, but alice's peer allows only opus: carol's ulaw is no match.
        assertInstanceOf(BridgePlan.Transcode.class, decide(Fixtures.chromiumOffer(), List.of("opus"), PHONE));
        assertEquals(new BridgePlan.Relay(List.of("g722")), decide(Fixtures.chromiumOffer(), List.of("g722"), List.of("g722")));
    }

    @Test
    void g722CallerToOpusCalleeIsImpossibleAndSaysWhy() {
        BridgePlan.Impossible none = assertInstanceOf(BridgePlan.Impossible.class,
                decide(Fixtures.chromiumOffer(), List.of("g722"), List.of("opus")));
        assertEquals("no common codec between alice and carol and none to transcode (offered g722; carol allows opus)",
                none.reason());
    }

    @Test
    void calleeWithoutATranscodableCodecIsImpossible() {
        BridgePlan.Impossible none = assertInstanceOf(BridgePlan.Impossible.class,
                decide(SIPP_PCMU, PHONE, List.of("g722", "g729")));
        assertEquals("no common codec between alice and carol and none to transcode (offered ulaw; carol allows g722)",
                none.reason());
    }
}
