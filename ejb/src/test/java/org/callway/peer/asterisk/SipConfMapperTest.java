package org.callway.peer.asterisk;

import static org.callway.peer.asterisk.AsteriskConfigParserTest.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.callway.config.Transport;
import org.callway.peer.Credential;
import org.callway.peer.PeerDraft;
import org.junit.jupiter.api.Test;

/** sip.conf sections to peers, on a sample written like sip.conf.sample and the WebRTC guide. */
class SipConfMapperTest {

    private final List<Mapped> callway = new SipConfMapper().map(sample("sip.conf"), "callway");

    /** The result for the only (non-template) section of that name. */
    static Mapped result(List<Mapped> results, String section) {
        List<Mapped> found = results.stream().filter(m -> m.section().equals(section)).toList();
        assertEquals(1, found.size(), () -> section + " in " + results);
        return found.get(0);
    }

    static PeerDraft peer(List<Mapped> results, String section) {
        return assertInstanceOf(Mapped.Peer.class, result(results, section)).draft();
    }

    static String skipped(List<Mapped> results, String section) {
        return assertInstanceOf(Mapped.Skipped.class, result(results, section)).reason();
    }

    @Test
    void everySectionIsAccountedForInFileOrder() {
        assertEquals(List.of("general", "webrtc-phone", "office-phone", "webrtc_client", "2002", "reception",
                "legacy-fax", "parking-lot", "trunk-carrier", "ringgroups", "1004"),
                callway.stream().map(Mapped::section).toList());
    }

    @Test
    void aWebRtcFriendGetsItsTemplatesOptionsAndItsOwn() {
        PeerDraft client = peer(callway, "webrtc_client");
        assertEquals(new Credential.Secret("webrtc;client-pw"), client.credential());
        assertEquals("6001", client.number(), "from callerid=\"WebRTC Client\" <6001>");
        assertEquals(EnumSet.of(Transport.WS, Transport.WSS), client.transports());
        assertTrue(client.avpf());
        assertTrue(client.encryption());
        assertEquals(Set.of("force_rport", "comedia"), client.nat());
        assertEquals("internal", client.context(), "the template's context beats [general]'s");
        assertEquals(List.of("opus", "ulaw"), client.codecs(), "disallow=all cleared [general]'s ulaw,alaw");
        assertEquals("dynamic", client.host());
    }

    @Test
    void allowAndDisallowApplyInOrderOnTopOfTheTemplate() {
        PeerDraft p = peer(callway, "2002");
        assertEquals("2002", p.number(), "an all-digit section name is the number");
        assertEquals(List.of("opus", "alaw"), p.codecs());
    }

    @Test
    void generalSuppliesCodecDefaultsAndOfficePhonesKeepTheirOptions() {
        PeerDraft r = peer(callway, "reception");
        assertEquals(new Credential.Secret("front-desk-2024"), r.credential(), "key => value");
        assertEquals("2000", r.number());
        assertEquals(EnumSet.of(Transport.UDP, Transport.TCP), r.transports());
        assertEquals(Set.of(), r.nat(), "nat=no");
        assertEquals(List.of("ulaw", "alaw", "g722"), r.codecs());
        assertFalse(r.avpf(), "avpf=no added by [reception](+)");
        assertFalse(r.encryption());
    }

    @Test
    void md5secretOfAnotherRealmIsSkippedSayingWhy() {
        assertEquals("md5secret was hashed for realm 'pbx.example.com' but Callway's realm is 'callway':"
                + " set secret= instead, or CALLWAY_SIP_REALM=pbx.example.com", skipped(callway, "legacy-fax"));
    }

    @Test
    void md5secretOfOurRealmIsStoredAsTheHa1() {
        List<Mapped> sameRealm = new SipConfMapper().map(sample("sip.conf"), "pbx.example.com");
        PeerDraft fax = peer(sameRealm, "legacy-fax");
        assertEquals(new Credential.Md5Ha1("pbx.example.com", "5c9a4dd1a5b59d14f2e6a36dd6dbb7b7"), fax.credential());
        assertEquals("2003", fax.number(), "callerid=<2003>");
        assertTrue(((Mapped.Peer) result(sameRealm, "legacy-fax")).notes().get(0).contains("SHA-256"));
    }

    @Test
    void whatIsNotAPeerIsSkippedWithItsReason() {
        assertEquals("[general] holds global settings, not a peer", skipped(callway, "general"));
        assertEquals("template (!): sections that name it inherit its settings", skipped(callway, "webrtc-phone"));
        assertEquals("no secret= or md5secret=: Callway authenticates every peer by digest",
                skipped(callway, "parking-lot"));
        assertEquals("unknown transport 'sctp' (one of udp, tcp, tls, ws, wss)", skipped(callway, "trunk-carrier"));
        assertEquals("type=friend_of_a_friend is not a peer", skipped(callway, "ringgroups"));
        assertEquals("inherits 'missing-template', which is not defined above it", skipped(callway, "1004"));
    }

    @Test
    void defaultsAreChanSipsWhenNothingIsSaid() {
        PeerDraft bare = peer(new SipConfMapper().map(
                AsteriskConfigParser.withDefaultLimits().parse("[bare]\ntype=friend\nsecret=bare-secret\n"), "callway"),
                "bare");
        assertEquals(EnumSet.of(Transport.UDP), bare.transports());
        assertEquals(Set.of("auto_force_rport"), bare.nat());
        assertEquals("default", bare.context());
        assertEquals(List.of("ulaw", "alaw"), bare.codecs());
        assertNull(bare.number());
    }

    @Test
    void valuesTheApiWouldRefuseAreSkippedNamingTheOption() {
        List<Mapped> r = new SipConfMapper().map(AsteriskConfigParser.withDefaultLimits().parse("""
                [short]
                type=friend
                secret=abc
                [bad nat]
                type=friend
                secret=long-enough
                [natty]
                type=friend
                secret=long-enough
                nat=sometimes
                [allall]
                type=friend
                secret=long-enough
                allow=all
                """), "callway");
        assertEquals("secret: between 6 and 128 characters", skipped(r, "short"));
        assertEquals("name 'bad nat': letters, digits and . _ ~ - only, at most 64", skipped(r, "bad nat"));
        assertEquals("unknown nat value 'sometimes' (one of no, yes, force_rport, comedia, auto_force_rport,"
                + " auto_comedia)", skipped(r, "natty"));
        assertEquals(List.of("allow=all (line 14) is not stored: name the codecs"),
                ((Mapped.Peer) result(r, "allall")).notes());
    }
}
