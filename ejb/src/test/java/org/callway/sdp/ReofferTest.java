package org.callway.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Hold and resume re-offers (RFC 3264 §8.4): only the direction and the o= version change. */
class ReofferTest {

    @Test
    void holdChangesOnlyTheDirectionAndBumpsTheVersion() {
        String chromium = Fixtures.chromiumOffer().replace("\n", "\r\n");
        SessionDescription held = Reoffer.withDirection(Fixtures.parse(chromium), Direction.SENDONLY);
        assertEquals(chromium.replace("a=sendrecv\r\n", "a=sendonly\r\n")
                .replace("o=- 4640204913865549486 2 ", "o=- 4640204913865549486 3 "), held.serialize());
        SessionDescription resumed = Reoffer.withDirection(held, Direction.SENDRECV);
        assertEquals(4, resumed.origin().sessionVersion());
        assertEquals(Direction.SENDRECV, resumed.direction(resumed.media().get(0)));
    }

    @Test
    void sectionsWithoutADirectionGetOneAndSessionLevelOnesGoAndRejectedSectionsStay() {
        SessionDescription phone = Fixtures.parse(Fixtures.sdp(
                "v=0", "o=sipp 1 7 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.1", "t=0 0", "a=recvonly",
                "m=audio 6000 RTP/AVP 0", "a=rtpmap:0 PCMU/8000",
                "m=video 0 RTP/AVP 96"));
        SessionDescription inactive = Reoffer.withDirection(phone, Direction.INACTIVE);
        assertEquals(Fixtures.sdp(
                "v=0", "o=sipp 1 8 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.1", "t=0 0",
                "m=audio 6000 RTP/AVP 0", "a=rtpmap:0 PCMU/8000", "a=inactive",
                "m=video 0 RTP/AVP 96"), inactive.serialize());
    }
}
