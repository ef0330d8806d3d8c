package org.callway.sip.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MessageModelTest {

    @Test
    void sipUriWithUserPasswordPortParamsAndHeaders() {
        SipUri u = (SipUri) Uri.parse("sips:alice:secret@example.com:5061;transport=tls;lr?subject=hi&priority=urgent").orElseThrow();
        assertTrue(u.secure());
        assertEquals("alice", u.user());
        assertEquals("secret", u.password());
        assertEquals("example.com", u.host());
        assertEquals(5061, u.port());
        assertEquals("tls", u.transport().orElseThrow());
        assertTrue(u.looseRouting());
        assertEquals("subject=hi&priority=urgent", u.headers());
        assertEquals("sips:alice:secret@example.com:5061;transport=tls;lr?subject=hi&priority=urgent", u.toString());
    }

    @Test
    void escapedUserIsDecodedOnRequest() {
        SipUri u = (SipUri) Uri.parse("sip:%75se%72@example.com").orElseThrow();
        assertEquals("%75se%72", u.user());
        assertEquals("user", u.userDecoded());
    }

    @Test
    void ipv6HostsRfc5118() {
        SipUri u = (SipUri) Uri.parse("sip:[2001:db8::10]:5070;transport=udp").orElseThrow();
        assertEquals("[2001:db8::10]", u.host());
        assertEquals(5070, u.port());
        assertTrue(Uri.parse("sip:[2001:db8::10:5070]").isPresent());
        assertFalse(Uri.parse("sip:[2001:db8:::10]").isPresent(), "three colons");
        assertFalse(Uri.parse("sip:[2001:db8::10").isPresent(), "unclosed");
    }

    @Test
    void telAndUnknownSchemes() {
        TelUri t = (TelUri) Uri.parse("tel:+1-201-555-0123;phone-context=example.com").orElseThrow();
        assertTrue(t.global());
        assertEquals("example.com", t.params().get("phone-context").orElseThrow());
        AbsoluteUri a = (AbsoluteUri) Uri.parse("urn:service:sos").orElseThrow();
        assertEquals("urn", a.scheme());
        assertFalse(Uri.parse("sip:user@exa mple.com").isPresent());
    }

    @Test
    void nameAddrAndAddrSpec() {
        Address a = Address.parse("\"Alice \\\"A\\\" Liddell\" <sip:alice@example.com;transport=ws>;tag=abc;+sip.instance=\"<urn:uuid:1>\"").orElseThrow();
        assertEquals("Alice \"A\" Liddell", a.name().orElseThrow());
        assertEquals("abc", a.tag().orElseThrow());
        assertEquals("ws", ((SipUri) a.uri()).transport().orElseThrow());
        assertEquals("urn:uuid:1", Contacts.instance(a).orElseThrow());

        Address spec = Address.parse("sip:bob@example.com;tag=xyz").orElseThrow();
        assertEquals("xyz", spec.tag().orElseThrow(), "addr-spec params belong to the header (RFC 3261 §20.10)");
        assertTrue(((SipUri) spec.uri()).params().isEmpty());

        Address tokens = Address.parse("Bob Smith <sip:bob@example.com>").orElseThrow();
        assertEquals("Bob Smith", tokens.name().orElseThrow());
        assertFalse(Address.parse("\"Watson, Thomas\" < sip:t.watson@example.org >").isPresent(), "LWS inside <>");
    }

    @Test
    void viaWithReceivedRportAndIpv6() {
        Via v = Via.parse("SIP/2.0/UDP [2001:db8::9:1]:5060;branch=z9hG4bKas3;received=2001:db8::9:255;rport=5061").orElseThrow();
        assertEquals("UDP", v.transport());
        assertEquals("[2001:db8::9:1]", v.host());
        assertEquals(5060, v.port());
        assertEquals("z9hG4bKas3", v.branch().orElseThrow());
        assertTrue(v.rfc3261Branch());
        assertEquals("2001:db8::9:255", v.received().orElseThrow());
        assertEquals(5061, v.rport().orElseThrow());

        Via folded = Via.parse("SIP  /   2.0 /UDP  192.0.2.2;rport;branch=390skdjuw").orElseThrow();
        assertEquals("SIP/2.0", folded.protocol());
        assertTrue(folded.hasRport());
        assertTrue(folded.rport().isEmpty());
        assertFalse(folded.rfc3261Branch());
        assertEquals("SIP/2.0/WS abc.invalid;branch=z9hG4bK1", Via.parse("SIP/2.0/WS abc.invalid;branch=z9hG4bK1").orElseThrow().toString());
    }

    @Test
    void cseqBounds() {
        assertEquals(new CSeq(9, "INVITE"), CSeq.parse("0009  INVITE").orElseThrow());
        assertTrue(CSeq.parse("2147483648 INVITE").isEmpty(), "RFC 3261 §8.1.1.5: < 2**31");
        assertTrue(CSeq.parse("INVITE").isEmpty());
    }

    @Test
    void commaSplitRespectsQuotesAndAngles() {
        List<String> parts = Headers.splitCommas("\"Doe, John\" <sip:j@a.com;x=\"a,b\">, <sip:k@b.com?h=1,2>;q=0.5 , sip:l@c.com");
        assertEquals(3, parts.size());
        assertEquals("<sip:k@b.com?h=1,2>;q=0.5", parts.get(1));
    }

    @Test
    void compactFormsAndCaseInsensitiveNames() {
        Headers h = Headers.of(new Header("i", "abc"), new Header("v", "SIP/2.0/UDP a.com;branch=z9hG4bK1"),
                new Header("VIA", "SIP/2.0/TCP b.com;branch=z9hG4bK2, SIP/2.0/TCP c.com;branch=z9hG4bK3"),
                new Header("m", "*"), new Header("k", "path, outbound"), new Header("cOnTeNt-LeNgTh", "0"));
        assertEquals("abc", h.callId().orElseThrow());
        assertEquals(3, h.vias().size());
        assertEquals("c.com", h.vias().get(2).host());
        assertTrue(h.contacts().orElseThrow().wildcard());
        assertEquals(List.of("path", "outbound"), h.tokens(HeaderNames.SUPPORTED));
        assertEquals(0L, h.contentLength().orElseThrow());
    }

    @Test
    void contactParamsExpiresQRegId() {
        Headers h = Headers.of(new Header("Contact", "<sip:a@1.2.3.4;transport=ws>;q=0.7;expires=600;reg-id=1, <sip:b@h>;expires=0"));
        Contacts c = h.contacts().orElseThrow();
        assertEquals(2, c.addresses().size());
        assertEquals(0.7, Contacts.q(c.addresses().get(0)).orElseThrow());
        assertEquals(600L, Contacts.expires(c.addresses().get(0)).orElseThrow());
        assertEquals(1, Contacts.regId(c.addresses().get(0)).orElseThrow());
        assertEquals(0L, Contacts.expires(c.addresses().get(1)).orElseThrow());
    }

    @Test
    void digestCredentialsAndChallenges() {
        Headers h = Headers.of(new Header("Authorization",
                "Digest username=\"alice\", realm=\"callway\", nonce=\"a,b\", uri=\"sip:example.invalid\", response=\"0123\", algorithm=MD5, qop=auth, nc=00000001, cnonce=\"x\""),
                new Header("WWW-Authenticate", "Digest realm=\"callway\", nonce=\"n1\", qop=\"auth\""),
                new Header("WWW-Authenticate", "Digest realm=\"callway\", nonce=\"n2\", algorithm=SHA-256"));
        AuthValue a = h.auth(HeaderNames.AUTHORIZATION).get(0);
        assertEquals("Digest", a.scheme());
        assertEquals("a,b", a.param("nonce").orElseThrow(), "commas inside quotes stay in the value");
        assertEquals("00000001", a.param("nc").orElseThrow());
        assertEquals(2, h.auth(HeaderNames.WWW_AUTHENTICATE).size());
        assertEquals("SHA-256", h.auth(HeaderNames.WWW_AUTHENTICATE).get(1).param("algorithm").orElseThrow());
    }

    @Test
    void bearerCredentialsAreOneToken68() {
        // RFC 8898 §2.1.1: a JWT access token (base64url parts joined by dots) after "Bearer".
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln-_";
        AuthValue a = Headers.of(new Header("Authorization", "Bearer " + jwt)).auth(HeaderNames.AUTHORIZATION).get(0);
        assertEquals("Bearer", a.scheme());
        assertEquals(jwt, a.token68());
        assertEquals("Bearer " + jwt, a.toString());
        assertEquals("c2VjcmV0==", AuthValue.parse("Basic c2VjcmV0==").orElseThrow().token68(), "trailing = pad");
        assertEquals(null, AuthValue.parse("Digest realm=\"x\"").orElseThrow().token68());
        assertTrue(AuthValue.parse("Bearer a b").isEmpty(), "one token68, nothing after it");
    }

    @Test
    void lazyInvalidHeaderIsTyped() {
        Headers h = Headers.of(new Header("Max-Forwards", "abc"), new Header("Expires", "-1"));
        InvalidHeaderException e = assertThrows(InvalidHeaderException.class, h::maxForwards);
        assertEquals("Max-Forwards", e.header());
        assertThrows(InvalidHeaderException.class, h::expires);
    }

    @Test
    void responseToRequestCopiesMandatoryHeadersAndAddsToTag() {
        Headers h = Headers.of(new Header("Via", "SIP/2.0/UDP a.com;branch=z9hG4bK1"), new Header("From", "<sip:a@a.com>;tag=1"),
                new Header("To", "<sip:b@b.com>"), new Header("Call-ID", "c1"), new Header("CSeq", "1 OPTIONS"),
                new Header("Max-Forwards", "70"));
        SipRequest r = new SipRequest("OPTIONS", Uri.parse("sip:b@b.com").orElseThrow(), h, null);
        SipResponse resp = SipResponse.to(r, 200, "t9");
        assertEquals("SIP/2.0 200 OK", resp.startLine());
        assertEquals("t9", resp.to().tag().orElseThrow());
        assertEquals("c1", resp.callId());
        assertFalse(resp.headers().has("Max-Forwards"));
        assertEquals("0", resp.headers().first("Content-Length").orElseThrow());
    }

    @Test
    void routesPathExpiresAndMoreCompactForms() {
        Headers h = Headers.of(new Header("Route", "<sip:edge.example.com;lr>, <sip:core.example.com;lr;transport=tcp>"),
                new Header("Record-Route", "<sip:[2001:db8::1]:5061;lr;transport=tls>"),
                new Header("Path", "<sip:pcscf.example.com;lr;ob>"), new Header("Min-Expires", "60"),
                new Header("Expires", "3600"), new Header("o", "presence"), new Header("u", "presence, dialog"),
                new Header("e", "gzip"), new Header("s", "hi"), new Header("To", "<tel:+14155550100>"));
        assertEquals(2, h.routes().size());
        assertEquals("tcp", ((SipUri) h.routes().get(1).uri()).transport().orElseThrow());
        assertEquals("[2001:db8::1]", ((SipUri) h.recordRoutes().get(0).uri()).host());
        assertTrue(((SipUri) h.paths().get(0).uri()).params().has("ob"));
        assertEquals(60L, h.minExpires().orElseThrow());
        assertEquals(3600L, h.expires().orElseThrow());
        assertEquals("presence", h.first("Event").orElseThrow());
        assertEquals(List.of("presence", "dialog"), h.values("Allow-Events"));
        assertEquals("gzip", h.first("Content-Encoding").orElseThrow());
        assertEquals("hi", h.first("Subject").orElseThrow());
        assertEquals("+14155550100", ((TelUri) h.to().orElseThrow().uri()).number());
    }

    @Test
    void withKeepsContentLengthLast() {
        Headers h = Headers.of(new Header("Call-ID", "x"), new Header("Content-Length", "0")).with("Allow", "INVITE");
        assertEquals("Call-ID: x\r\nAllow: INVITE\r\nContent-Length: 0\r\n", h.toString());
    }
}
