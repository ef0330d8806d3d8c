package org.callway.sip.parser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.callway.sip.message.Address;
import org.callway.sip.message.Contacts;
import org.callway.sip.message.HeaderNames;
import org.callway.sip.message.SipRequest;
import org.callway.sip.message.SipResponse;
import org.callway.sip.message.SipUri;
import org.callway.sip.testutil.Resources;
import org.junit.jupiter.api.Test;

class SipParserTest {
    private final SipParser parser = new SipParser();

    static SipRequest request(ParseResult r) {
        return (SipRequest) assertInstanceOf(ParseResult.Parsed.class, r, () -> r.toString()).message();
    }

    @Test
    void jssipRegisterFixture() {
        byte[] raw = Resources.bytes("/sip/fixtures/jssip-3.13-register.sip");
        SipRequest reg = request(parser.parse(raw));
        assertEquals("REGISTER", reg.method());
        assertEquals("sip:example.invalid", reg.uri().toString());
        assertEquals("WS", reg.topVia().orElseThrow().transport());
        assertEquals("d1p8cuoinqvp.invalid", reg.topVia().orElseThrow().host());
        assertEquals("r4mkg20mqe", reg.from().tag().orElseThrow());
        assertEquals(1L, reg.cseq().number());
        assertEquals(600L, reg.headers().expires().orElseThrow());
        Address contact = reg.headers().contacts().orElseThrow().addresses().get(0);
        assertEquals("ws", ((SipUri) contact.uri()).transport().orElseThrow());
        assertEquals("urn:uuid:9118b2f3-1c46-4761-82ee-851328ee59e1", Contacts.instance(contact).orElseThrow());
        assertEquals(1, Contacts.regId(contact).orElseThrow());
        assertTrue(contact.params().has("+sip.ice"));
        assertEquals(List.of("path", "gruu", "outbound"), reg.headers().tokens(HeaderNames.SUPPORTED));
        assertEquals(11, reg.headers().tokens(HeaderNames.ALLOW).size());
        assertEquals("JsSIP 3.13.8", reg.headers().userAgent().orElseThrow());
        assertArrayEquals(raw, reg.serialize(), "serialize(parse(x)) == x for an unmodified message");
    }

    @Test
    void jssipInviteFixtureWithChromiumSdp() {
        byte[] raw = Resources.bytes("/sip/fixtures/jssip-3.13-invite.sip");
        SipRequest inv = request(parser.parse(raw));
        assertEquals("INVITE", inv.method());
        assertEquals(6027L, inv.cseq().number());
        assertEquals("application/sdp", inv.headers().contentType().orElseThrow());
        assertEquals(1709, inv.body().length);
        String sdp = new String(inv.body(), StandardCharsets.UTF_8);
        assertTrue(sdp.startsWith("v=0\r\n"));
        assertTrue(sdp.contains("a=fingerprint:sha-256 D1:50:C7"));
        assertTrue(((SipUri) inv.headers().contacts().orElseThrow().addresses().get(0).uri()).params().has("ob"));
        assertArrayEquals(raw, inv.serialize());
    }

    @Test
    void foldedLinesCompactFormsAndUnknownHeadersKeptVerbatim() {
        byte[] raw = Resources.crlf("""
                OPTIONS sip:bob@example.com SIP/2.0
                v: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1
                 ;received=192.0.2.9
                f: <sip:a@example.com>;tag=1
                t: sip:bob@example.com
                i: abc@192.0.2.1
                CSEQ: 1
                 OPTIONS
                X-Weird: ;;,,;;,;
                l: 0

                """);
        SipRequest r = request(parser.parse(raw));
        assertEquals("192.0.2.9", r.topVia().orElseThrow().received().orElseThrow());
        assertEquals("1 OPTIONS", r.headers().first("CSeq").orElseThrow());
        assertEquals(";;,,;;,;", r.headers().first("x-weird").orElseThrow());
        SipRequest again = request(parser.parse(r.serialize()));
        assertEquals(r.headers().toString(), again.headers().toString(), "re-parse gives the same headers");
    }

    @Test
    void missingCallIdIsATypedFailureNamingTheHeader() {
        byte[] raw = Resources.crlf("""
                OPTIONS sip:bob@example.com SIP/2.0
                Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1
                From: <sip:a@example.com>;tag=1
                To: <sip:bob@example.com>
                CSeq: 1 OPTIONS
                Content-Length: 0

                """);
        ParseResult.Failed f = assertInstanceOf(ParseResult.Failed.class, parser.parse(raw));
        assertEquals(Fault.MISSING_HEADER, f.fault());
        assertEquals("Missing Call-ID", f.reason());
        assertEquals("OPTIONS", f.method());
        assertTrue(f.requestHeaders().isPresent());
    }

    @Test
    void limitsAreTypedFailures() {
        byte[] raw = Resources.bytes("/sip/fixtures/jssip-3.13-register.sip");
        assertEquals(Fault.MESSAGE_TOO_LARGE, ((ParseResult.Failed) new SipParser(new ParseLimits(100, 50, 1000)).parse(raw)).fault());
        assertEquals(Fault.TOO_MANY_HEADERS, ((ParseResult.Failed) new SipParser(new ParseLimits(9000, 5, 1000)).parse(raw)).fault());
        ParseResult.Failed longLine = (ParseResult.Failed) new SipParser(new ParseLimits(9000, 50, 60)).parse(raw);
        assertEquals(Fault.LINE_TOO_LONG, longLine.fault());
        assertTrue(longLine.offset() > 0);
    }

    @Test
    void contentLengthLargerThanDatagramIs400() {
        byte[] raw = Resources.crlf("""
                MESSAGE sip:bob@example.com SIP/2.0
                Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1
                From: <sip:a@example.com>;tag=1
                To: <sip:bob@example.com>
                Call-ID: x
                CSeq: 1 MESSAGE
                Content-Length: 50

                hello""");
        ParseResult.Failed f = assertInstanceOf(ParseResult.Failed.class, parser.parse(raw));
        assertEquals(Fault.BODY_TRUNCATED, f.fault());
    }

    @Test
    void responseParses() {
        byte[] raw = Resources.crlf("""
                SIP/2.0 180 Ringing
                Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1
                From: <sip:a@example.com>;tag=1
                To: <sip:bob@example.com>;tag=2
                Call-ID: x
                CSeq: 1 INVITE
                Content-Length: 0

                """);
        SipResponse r = (SipResponse) ((ParseResult.Parsed) parser.parse(raw)).message();
        assertEquals(180, r.status());
        assertEquals("Ringing", r.reason());
        assertEquals("2", r.to().tag().orElseThrow());
    }

    @Test
    void streamDecoderPartialMultipleAndKeepAlives() {
        byte[] reg = Resources.bytes("/sip/fixtures/jssip-3.13-register.sip");
        byte[] inv = Resources.bytes("/sip/fixtures/jssip-3.13-invite.sip");
        StreamDecoder d = new StreamDecoder(parser);
        assertEquals(List.of(new ParseResult.KeepAlive(true)), d.feed("\r\n\r\n".getBytes()));
        assertTrue(d.feed(reg, 0, 100).isEmpty());
        byte[] rest = new byte[reg.length - 100 + inv.length + 2];
        System.arraycopy(reg, 100, rest, 0, reg.length - 100);
        System.arraycopy(inv, 0, rest, reg.length - 100, inv.length);
        rest[rest.length - 2] = '\r';
        rest[rest.length - 1] = '\n';
        List<ParseResult> out = d.feed(rest);
        assertEquals(2, out.size());
        assertEquals("REGISTER", request(out.get(0)).method());
        assertEquals(1709, request(out.get(1)).body().length);
        assertEquals(2, d.buffered(), "a lone CRLF may be the start of a ping: held");
        assertEquals(List.of(new ParseResult.KeepAlive(false)), d.feed(reg, 0, 1).subList(0, 1), "CRLF pong swallowed");
    }

    @Test
    void streamWithoutContentLengthBreaksTheStream() {
        StreamDecoder d = new StreamDecoder(parser);
        byte[] raw = Resources.crlf("""
                OPTIONS sip:bob@example.com SIP/2.0
                Via: SIP/2.0/TCP 192.0.2.1;branch=z9hG4bK1
                From: <sip:a@example.com>;tag=1
                To: <sip:bob@example.com>
                Call-ID: x
                CSeq: 1 OPTIONS

                """);
        ParseResult.Failed f = assertInstanceOf(ParseResult.Failed.class, d.feed(raw).get(0));
        assertEquals("Missing Content-Length", f.reason());
        assertTrue(d.broken());
    }

    @Test
    void chromiumSdpOfferAsInviteBodyOverATcpStream() {
        byte[] sdp = Resources.bytes("/sip/fixtures/chromium-156-audio-offer.sdp");
        byte[] head = Resources.crlf("""
                INVITE sip:bob@example.com SIP/2.0
                Via: SIP/2.0/TCP 192.0.2.2:50000;branch=z9hG4bKsdp
                Max-Forwards: 70
                From: <sip:alice@example.com>;tag=c1
                To: <sip:bob@example.com>
                Call-ID: sdp-offer
                CSeq: 1 INVITE
                Content-Type: application/sdp
                Content-Length: %d

                """.formatted(sdp.length));
        byte[] msg = new byte[head.length + sdp.length];
        System.arraycopy(head, 0, msg, 0, head.length);
        System.arraycopy(sdp, 0, msg, head.length, sdp.length);
        StreamDecoder d = new StreamDecoder(parser);
        List<ParseResult> out = new java.util.ArrayList<>();
        for (int i = 0; i < msg.length; i += 97) out.addAll(d.feed(msg, i, Math.min(97, msg.length - i))); // arbitrary TCP segments
        SipRequest inv = request(out.get(0));
        assertEquals(1, out.size());
        assertArrayEquals(sdp, inv.body());
        assertTrue(new String(inv.body(), StandardCharsets.UTF_8).contains("UDP/TLS/RTP/SAVPF"));
        assertArrayEquals(msg, inv.serialize());
    }
}
