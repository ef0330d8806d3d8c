package org.callway.sip.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.callway.sip.message.SipRequest;
import org.callway.sip.message.SipResponse;
import org.callway.sip.message.Via;
import org.callway.sip.parser.SipParser;
import org.callway.sip.testutil.Flows;
import org.callway.sip.testutil.RecordingSender;
import org.callway.sip.testutil.Resources;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TransportLayerTest {
    private final RecordingSender wire = new RecordingSender();
    private final List<SipRequest> requests = new ArrayList<>();
    private final List<SipResponse> responses = new ArrayList<>();
    private final List<Flow> flows = new ArrayList<>();
    private TransportLayer transport;

    @BeforeEach
    void setUp() {
        transport = layer(true);
    }

    private TransportLayer layer(boolean forceRport) {
        TransportLayer t = new TransportLayer(new SipParser(), forceRport);
        t.bind(new TransportUser() {
            @Override
            public void onRequest(SipRequest request, Flow flow) {
                requests.add(request);
                flows.add(flow);
            }

            @Override
            public void onResponse(SipResponse response, Flow flow) {
                responses.add(response);
                flows.add(flow);
            }
        });
        return t;
    }

    private static byte[] options(String via) {
        return Resources.crlf("""
                OPTIONS sip:callway.example.com SIP/2.0
                Via: %s
                From: <sip:a@example.com>;tag=1
                To: <sip:callway.example.com>
                Call-ID: opt-1
                CSeq: 1 OPTIONS
                Max-Forwards: 70
                Content-Length: 0

                """.formatted(via));
    }

    @Test
    void jssipRegisterOverWebSocketGetsReceivedAndRport() {
        WebSocketFlow ws = Flows.ws(wire);
        transport.receive(Resources.bytes("/sip/fixtures/jssip-3.13-register.sip"), ws);
        Via top = requests.get(0).topVia().orElseThrow();
        assertEquals("198.51.100.7", top.received().orElseThrow(), "RFC 3261 §18.2.1: .invalid host differs from source");
        assertEquals(53211, top.rport().orElseThrow(), "force_rport");
        assertSame(ws, flows.get(0));
    }

    @Test
    void rfc3581RportOnlyWhenAskedWithoutForce() {
        TransportLayer plain = layer(false);
        plain.receive(options("SIP/2.0/UDP 198.51.100.9:5060;branch=z9hG4bK1"), Flows.udp(wire));
        Via same = requests.get(0).topVia().orElseThrow();
        assertTrue(same.received().isEmpty(), "sent-by equals source: no received (§18.2.1)");
        assertFalse(same.hasRport());

        plain.receive(options("SIP/2.0/UDP 198.51.100.9:5060;rport;branch=z9hG4bK2"), Flows.udp(wire));
        Via asked = requests.get(1).topVia().orElseThrow();
        assertEquals(40000, asked.rport().orElseThrow());
        assertEquals("198.51.100.9", asked.received().orElseThrow(), "RFC 3581 §4: received always added with rport");
    }

    @Test
    void udpResponseGoesToReceivedAndRport() {
        UdpFlow udp = Flows.udp(wire);
        transport.receive(options("SIP/2.0/UDP 10.0.0.5:5060;rport;branch=z9hG4bK1"), udp);
        SipResponse ok = SipResponse.to(requests.get(0), 200, "t");
        assertTrue(transport.sendResponse(ok, udp));
        assertEquals(new InetSocketAddress("198.51.100.9", 40000), wire.last().destination());
    }

    @Test
    void udpResponseWithoutRportGoesToSentByPortAtReceivedAddress() {
        TransportLayer plain = layer(false);
        UdpFlow udp = Flows.udp(wire);
        plain.receive(options("SIP/2.0/UDP 10.0.0.5:5070;branch=z9hG4bK1"), udp);
        plain.sendResponse(SipResponse.to(requests.get(0), 200, "t"), udp);
        assertEquals(new InetSocketAddress("198.51.100.9", 5070), wire.last().destination(), "§18.2.2: received + sent-by port");
    }

    @Test
    void maddrWinsForUnreliable() {
        TransportLayer plain = layer(false);
        UdpFlow udp = Flows.udp(wire);
        plain.receive(options("SIP/2.0/UDP 10.0.0.5;maddr=239.255.255.1;branch=z9hG4bK1"), udp);
        plain.sendResponse(SipResponse.to(requests.get(0), 200, "t"), udp);
        assertEquals(new InetSocketAddress("239.255.255.1", 5060), wire.last().destination());
    }

    @Test
    void reliableFlowsAnswerOverTheSameConnection() {
        WebSocketFlow ws = Flows.ws(wire);
        transport.receive(Resources.bytes("/sip/fixtures/jssip-3.13-register.sip"), ws);
        transport.sendResponse(SipResponse.to(requests.get(0), 200, "t"), ws);
        assertSame(ws, wire.last().flow());
        assertEquals(ws.remote(), wire.last().destination());
    }

    @Test
    void malformedRequestAnswered400NamingTheFault() {
        UdpFlow udp = Flows.udp(wire);
        byte[] noCallId = Resources.crlf("""
                OPTIONS sip:callway.example.com SIP/2.0
                Via: SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bK77
                From: <sip:a@example.com>;tag=1
                To: <sip:callway.example.com>
                CSeq: 1 OPTIONS
                Content-Length: 0

                """);
        transport.receive(noCallId, udp);
        String r = wire.last().text(); // no Call-ID to echo, so not parseable by a strict parser
        assertTrue(r.startsWith("SIP/2.0 400 Missing Call-ID\r\n"), r);
        assertTrue(r.contains("Via: SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bK77;received=198.51.100.9;rport=40000\r\n"), r);
        assertTrue(r.contains("CSeq: 1 OPTIONS\r\n"), r);
        assertEquals(new InetSocketAddress("198.51.100.9", 40000), wire.last().destination());
        assertEquals(1, transport.stats().rejected());
        assertTrue(requests.isEmpty());
    }

    @Test
    void badVersionGets505() {
        transport.receive(Resources.bytes("/sip/torture/invalid/badvers.sip"), Flows.udp(wire));
        assertEquals(505, wire.last().response().status());
    }

    @Test
    void unanswerableInputIsDroppedAndCounted() {
        transport.receive(Resources.bytes("/sip/torture/invalid/bigcode.sip"), Flows.udp(wire));
        transport.receive("garbage\r\n\r\n".getBytes(), Flows.udp(wire));
        transport.receive(Resources.crlf("""
                ACK sip:x@example.com SIP/2.0
                Via: SIP/2.0/UDP 10.0.0.5;branch=z9hG4bK1
                CSeq: 1 ACK

                """), Flows.udp(wire));
        assertTrue(wire.sent.isEmpty());
        assertEquals(3, transport.stats().dropped());
    }

    @Test
    void tcpStreamFramingAndKeepAlivePong() {
        StreamFlow tcp = Flows.tcp(wire);
        byte[] a = options("SIP/2.0/TCP 10.0.0.5;branch=z9hG4bK1");
        transport.receive("\r\n\r\n".getBytes(), tcp);
        assertEquals("\r\n", wire.last().text(), "RFC 5626 §4.4.1 pong");
        transport.receive(java.util.Arrays.copyOfRange(a, 0, 50), tcp);
        assertTrue(requests.isEmpty());
        byte[] rest = new byte[a.length - 50 + a.length];
        System.arraycopy(a, 50, rest, 0, a.length - 50);
        System.arraycopy(a, 0, rest, a.length - 50, a.length);
        transport.receive(rest, tcp);
        assertEquals(2, requests.size());
        assertEquals(1, transport.stats().keepAlives());
    }

    @Test
    void unframeableStreamIsClosed() {
        StreamFlow tcp = Flows.tcp(wire);
        transport.receive(Resources.crlf("""
                OPTIONS sip:x@example.com SIP/2.0
                Via: SIP/2.0/TCP 10.0.0.5;branch=z9hG4bK1
                From: <sip:a@example.com>;tag=1
                To: <sip:x@example.com>
                Call-ID: c
                CSeq: 1 OPTIONS

                """), tcp);
        assertEquals("Missing Content-Length", wire.last().response().reason());
        assertEquals(List.of(tcp), wire.closed);
    }

    @Test
    void responsesArePassedUpUnchanged() {
        transport.receive(Resources.bytes("/sip/torture/valid/noreason.sip"), Flows.udp(wire));
        assertEquals(100, responses.get(0).status());
    }

    @Test
    void aFullLaneAnswersANewInviteWith503AndRetryAfterAndDropsTheRest() {
        Lanes full = (key, task) -> false;
        TransportLayer t = new TransportLayer(new SipParser(), true, full);
        t.bind(new TransportUser() {
            @Override
            public void onRequest(SipRequest request, Flow flow) {
                requests.add(request);
            }

            @Override
            public void onResponse(SipResponse response, Flow flow) {
                responses.add(response);
            }
        });
        t.receive(Resources.bytes("/sip/fixtures/jssip-3.13-invite.sip"), Flows.ws(wire));
        SipResponse busy = wire.last().response();
        assertEquals(503, busy.status(), "RFC 3261 §21.5.4");
        assertEquals("1", busy.headers().first("Retry-After").orElseThrow(), "§20.33: when to try again");
        assertTrue(requests.isEmpty(), "not handled");
        int sent = wire.sent.size();
        t.receive(options("SIP/2.0/UDP 198.51.100.9:5060;branch=z9hG4bK9"), Flows.udp(wire));
        assertEquals(sent, wire.sent.size(), "an OPTIONS is dropped: the client retransmits it");
        assertEquals(2, t.stats().overloaded());
    }
}
