package org.callway.sdp;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.callway.media.api.Setup;
import org.junit.jupiter.api.Test;

/**
 * A browser that answered our offer (a=setup:active, so it is the DTLS client) re-offers for
 * hold with a=setup:actpass, as Chromium does: the answer must leave it the client
 * (a=setup:passive from us), or Chromium refuses the answer and ends the call.
 */
class DtlsRoleReofferTest {

    private static List<String> answer(Negotiation.Agreed agreed) {
        SessionDescription offer = Fixtures.parse(Fixtures.chromiumOffer());
        return List.of(Answerer.answer(offer, agreed, Locals.webRtc(Setup.ACTIVE)).serialize().split("\r\n"));
    }

    @Test
    void reofferFromTheDtlsClientIsAnsweredPassive() {
        Negotiation.Agreed reoffer = AnswererTest.agreed(Fixtures.chromiumOffer(), PeerPolicy.webRtc());
        assertTrue(answer(reoffer).contains("a=setup:active"), "a first offer: we pick active (RFC 5763 §5)");
        assertTrue(answer(Answerer.keepingDtlsRole(reoffer, Setup.ACTIVE)).contains("a=setup:passive"));
    }

    @Test
    void reofferFromTheDtlsServerStaysActive() {
        Negotiation.Agreed reoffer = AnswererTest.agreed(Fixtures.chromiumOffer(), PeerPolicy.webRtc());
        assertTrue(answer(Answerer.keepingDtlsRole(reoffer, Setup.PASSIVE)).contains("a=setup:active"));
    }

    @Test
    void plainRtpAndExplicitRolesAreLeftAlone() {
        Negotiation.Agreed phone = AnswererTest.agreed(Fixtures.sdp("v=0", "o=- 1 1 IN IP4 198.51.100.7", "s=-",
                "c=IN IP4 198.51.100.7", "t=0 0", "m=audio 6000 RTP/AVP 0"), PeerPolicy.phone());
        assertSame(phone, Answerer.keepingDtlsRole(phone, Setup.ACTIVE));
        Negotiation.Agreed active = AnswererTest.agreed(Fixtures.chromiumOffer().replace("a=setup:actpass",
                "a=setup:active"), PeerPolicy.webRtc());
        assertSame(active, Answerer.keepingDtlsRole(active, Setup.PASSIVE));
    }
}
