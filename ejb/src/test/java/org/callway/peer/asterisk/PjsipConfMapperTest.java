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

/** pjsip.conf endpoints with their auth, aor and transport, on a sample in the WebRTC guide's shape. */
class PjsipConfMapperTest {

    private final AsteriskConfig config = sample("pjsip.conf");
    private final List<Mapped> results = new PjsipConfMapper().map(config, "callway");

    private List<Mapped> named(String section) {
        return results.stream().filter(m -> m.section().equals(section)).toList();
    }

    private PeerDraft endpoint(String section) {
        return named(section).stream().filter(Mapped.Peer.class::isInstance).map(m -> ((Mapped.Peer) m).draft())
                .findFirst().orElseThrow(() -> new AssertionError(section + " not imported: " + named(section)));
    }

    private List<String> reasons(String section) {
        return named(section).stream().filter(Mapped.Skipped.class::isInstance)
                .map(m -> ((Mapped.Skipped) m).reason()).toList();
    }

    @Test
    void theFormatIsDetectedFromTheTypes() {
        assertEquals(AsteriskFormat.PJSIP, AsteriskFormat.detect(config));
        assertEquals(AsteriskFormat.SIP, AsteriskFormat.detect(sample("sip.conf")));
        assertEquals(AsteriskFormat.SIP, AsteriskFormat.detect(AsteriskConfigParser.withDefaultLimits().parse("")),
                "nothing to tell: sip.conf, whose report then says each section is no peer");
        assertEquals(java.util.Optional.of(AsteriskFormat.PJSIP), AsteriskFormat.named("PJSIP.conf"));
        assertEquals(java.util.Optional.empty(), AsteriskFormat.named("iax"));
    }

    @Test
    void theWebRtcGuidesClientIsOnePeerFromThreeSectionsOfOneName() {
        PeerDraft client = endpoint("webrtc_client");
        assertEquals(new Credential.Secret("webrtc_client"), client.credential());
        assertEquals(EnumSet.of(Transport.WS, Transport.WSS), client.transports(), "webrtc=yes, no transport=");
        assertTrue(client.avpf(), "webrtc=yes implies use_avpf=yes");
        assertTrue(client.encryption(), "webrtc=yes implies media_encryption=dtls");
        assertEquals(Set.of("force_rport"), client.nat(), "force_rport defaults to yes, rtp_symmetric to no");
        assertEquals("default", client.context());
        assertEquals(List.of("opus", "ulaw"), client.codecs());
        assertNull(client.number());
        assertEquals(List.of("type=aor: read as part of endpoint webrtc_client",
                "type=auth: read as part of endpoint webrtc_client"), reasons("webrtc_client"));
        Mapped.Peer peer = (Mapped.Peer) named("webrtc_client").get(2);
        assertEquals(List.of("max_contacts=5 of aor webrtc_client is not enforced by Callway"), peer.notes());
    }

    @Test
    void endpointsOnTemplatesTakeTheNamedTransportsProtocol() {
        PeerDraft p = endpoint("6010");
        assertEquals(new Credential.Secret("six-oh-one-oh"), p.credential(), "from auth=6010-auth");
        assertEquals(EnumSet.of(Transport.WSS), p.transports(), "transport=transport-wss, protocol=wss");
        assertTrue(p.avpf());
        assertTrue(p.encryption());
        assertEquals("internal", p.context());
        assertEquals("6010", p.number());
        assertEquals(List.of("template (!): sections that name it inherit its settings"), reasons("endpoint-webrtc"));
    }

    @Test
    void aDeskPhoneWithSdesAndSymmetricRtp() {
        PeerDraft p = endpoint("desk-phone");
        assertEquals(EnumSet.of(Transport.UDP), p.transports());
        assertFalse(p.avpf());
        assertTrue(p.encryption(), "media_encryption=sdes");
        assertEquals(Set.of("force_rport", "comedia"), p.nat(), "rtp_symmetric=yes is comedia");
        assertEquals(List.of("g722", "ulaw"), p.codecs());
        assertEquals("2100", p.number());
        assertEquals(List.of("type=transport: read as part of endpoint desk-phone"), reasons("transport-udp"));
    }

    @Test
    void endpointsThatCannotRegisterAreSkippedSayingWhy() {
        assertEquals(List.of("no aors=: in Asterisk this endpoint can neither register nor be called",
                "type=auth: read as part of endpoint no-aor"), reasons("no-aor"));
        assertTrue(reasons("shared-user").contains("auth shared-auth has username=someone-else, but Callway peers"
                + " authenticate with their own name (shared-user)"), reasons("shared-user").toString());
        assertTrue(reasons("zero-contacts").contains("aor zero-contacts has max_contacts=0 (the default) and no"
                + " contact=: Asterisk would refuse its registrations"), reasons("zero-contacts").toString());
        assertEquals(List.of("type=registration is not an endpoint"), reasons("mytrunk"));
        assertEquals(List.of("type=global is not an endpoint"), reasons("global"));
    }

    @Test
    void md5CredentialsNeedOurRealmAndAStaticContactIsTheHost() {
        String conf = """
                [global]
                type=global
                default_realm=callway
                [gw]
                type=aor
                contact=sip:gw@192.0.2.10:5070;transport=udp
                [gw]
                type=auth
                auth_type=md5
                username=gw
                md5_cred=0123456789abcdef0123456789ABCDEF
                [gw]
                type=endpoint
                aors=gw
                auth=gw
                [other]
                type=aor
                max_contacts=1
                [other]
                type=auth
                auth_type=md5
                realm=asterisk
                md5_cred=0123456789abcdef0123456789abcdef
                [other]
                type=endpoint
                aors=other
                auth=other
                transport=nowhere
                """;
        List<Mapped> r = new PjsipConfMapper().map(AsteriskConfigParser.withDefaultLimits().parse(conf), "callway");
        PeerDraft gw = r.stream().filter(Mapped.Peer.class::isInstance).map(m -> ((Mapped.Peer) m).draft())
                .findFirst().orElseThrow(() -> new AssertionError(r.toString()));
        assertEquals("gw", gw.name());
        assertEquals(new Credential.Md5Ha1("callway", "0123456789abcdef0123456789ABCDEF"), gw.credential());
        assertEquals("192.0.2.10:5070", gw.host());
        assertEquals(EnumSet.of(Transport.UDP), gw.transports(), "no transport sections: udp");
        assertEquals(new Mapped.Skipped("other", "md5_cred of auth other was hashed for realm 'asterisk' but"
                + " Callway's realm is 'callway': use auth_type=userpass with password="), r.get(r.size() - 1));
    }
}
