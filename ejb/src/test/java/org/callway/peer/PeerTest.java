package org.callway.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.callway.config.Transport;
import org.junit.jupiter.api.Test;

/** What a full update does to the stored HA1s, the part of a peer no API shows. */
class PeerTest {

    private static PeerDraft draft(Credential credential) {
        return new PeerDraft("frank", "1010", credential, EnumSet.of(Transport.WSS), true, true,
                PeerRules.nat(List.of("yes")), "sales", List.of("opus"), "dynamic");
    }

    @Test
    void aSecretIsStoredAsBothHa1sOfOurRealm() {
        Peer peer = new Peer("frank", null);
        peer.apply(draft(new Credential.Secret("frank-secret")), "callway");
        assertEquals("callway", peer.getRealm());
        assertEquals(DigestHa1.md5("frank", "callway", "frank-secret"), peer.getHa1Md5());
        assertEquals(DigestHa1.sha256("frank", "callway", "frank-secret"), peer.getHa1Sha256());
        assertEquals("1010", peer.getNumber());
        assertEquals(Set.of("force_rport", "comedia"), peer.getNat(), "nat=yes is force_rport,comedia");
    }

    @Test
    void noCredentialKeepsTheHa1s() {
        Peer peer = new Peer("frank", null);
        peer.apply(draft(new Credential.Secret("frank-secret")), "callway");
        peer.apply(draft(null), "callway");
        assertEquals(DigestHa1.md5("frank", "callway", "frank-secret"), peer.getHa1Md5());
        assertEquals(DigestHa1.sha256("frank", "callway", "frank-secret"), peer.getHa1Sha256());
    }

    @Test
    void anMd5Ha1ReplacesBothAndLeavesNoSha256() {
        Peer peer = new Peer("frank", null);
        peer.apply(draft(new Credential.Secret("frank-secret")), "callway");
        String ha1 = DigestHa1.md5("frank", "callway", "from-asterisk");
        peer.apply(draft(new Credential.Md5Ha1("callway", ha1.toUpperCase())), "callway");
        assertEquals(ha1, peer.getHa1Md5(), "stored lower-case, as the digest check compares hex");
        assertNull(peer.getHa1Sha256(), "the old password's SHA-256 HA1 must not keep working");
    }

    @Test
    void natNoMeansNeitherAndOtherWordsAreKept() {
        assertEquals(Set.of(), PeerRules.nat(List.of("no")));
        assertEquals(List.of("force_rport", "auto_comedia"),
                List.copyOf(PeerRules.nat(List.of("FORCE_RPORT", "auto_comedia"))));
    }
}
