package org.callway.sip.ua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.callway.sip.dialog.Dialog;
import org.callway.sip.message.SipResponse;
import org.callway.sip.message.Via;
import org.callway.sip.testutil.FakeScheduler;
import org.callway.sip.testutil.Flows;
import org.callway.sip.testutil.Msgs;
import org.callway.sip.testutil.RecordingSender;
import org.callway.sip.testutil.Resources;
import org.callway.sip.transport.Flow;
import org.callway.sip.transport.WebSocketFlow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a peer sees from the UA core: the response code, the reason, the headers. */
class UaCoreTest {
    private final FakeScheduler clock = new FakeScheduler();
    private final RecordingSender wire = new RecordingSender();
    private final List<IncomingRequest> handled = new ArrayList<>();
    private SipStack stack;

    @BeforeEach
    void setUp() {
        stack = new SipStack(SipStackConfig.DEFAULT, clock);
        stack.register("REGISTER", r -> {
            handled.add(r);
            r.respond(200);
        });
        stack.register("INVITE", handled::add);
        stack.register("BYE", r -> {
            handled.add(r);
            r.respond(200);
        });
        stack.register("ACK", handled::add);
    }

    private SipResponse lastResponse() {
        return wire.last().response();
    }

    private void receive(String text, Flow flow) {
        stack.receive(Resources.crlf(text), flow);
    }

    private void torture(String file) {
        stack.receive(Resources.bytes("/sip/torture/" + file + ".sip"), Flows.udp(wire));
    }

    @Test
    void optionsAnsweredWithAllowAcceptSupported() {
        receive(Msgs.req("OPTIONS", "z9hG4bKo1", "UDP", ""), Flows.udp(wire));
        SipResponse r = lastResponse();
        assertEquals(200, r.status());
        assertEquals("ACK, BYE, CANCEL, INVITE, OPTIONS, REGISTER", r.headers().first("Allow").orElseThrow());
        assertEquals("application/sdp", r.headers().first("Accept").orElseThrow());
        assertEquals("gruu, outbound, path, replaces", r.headers().first("Supported").orElseThrow());
        assertTrue(r.to().tag().isPresent(), "§8.2.6.2: To tag added");
    }

    @Test
    void unknownMethodGets405WithAllow() {
        torture("valid/esc02"); // RE%47IST%45R is a method of its own (RFC 4475 §3.1.1.5)
        SipResponse r = lastResponse();
        assertEquals(405, r.status());
        assertEquals("Method Not Allowed", r.reason());
        assertEquals("ACK, BYE, CANCEL, INVITE, OPTIONS, REGISTER", r.headers().first("Allow").orElseThrow());
    }

    @Test
    void unsupportedRequireGets420ListingUnsupported() {
        torture("valid/bext01");
        SipResponse r = lastResponse();
        assertEquals(420, r.status());
        assertEquals("Bad Extension", r.reason());
        assertEquals("nothingSupportsThis, nothingSupportsThisEither", r.headers().first("Unsupported").orElseThrow(),
                "Proxy-Require is ignored by a UAS (§8.2.2.3)");
    }

    @Test
    void maxForwardsZero() {
        torture("valid/zeromf");
        assertEquals(200, lastResponse().status(), "OPTIONS terminates here: processed normally (RFC 4475 §3.3.11)");
        receive(Msgs.req("INVITE", "z9hG4bKmf", "UDP", "").replace("Max-Forwards: 70", "Max-Forwards: 0"), Flows.udp(wire));
        SipResponse r = lastResponse();
        assertEquals(483, r.status());
        assertEquals("Too Many Hops", r.reason());
        assertTrue(handled.isEmpty());
    }

    @Test
    void mergedRequestGets482() {
        receive(Msgs.req("INVITE", "z9hG4bKm1", "UDP", ""), Flows.udp(wire));
        receive(Msgs.req("INVITE", "z9hG4bKm2", "UDP", ""), Flows.udp(wire, "198.51.100.20", 5060));
        SipResponse r = lastResponse();
        assertEquals(482, r.status());
        assertEquals("Loop Detected", r.reason());
        assertEquals("z9hG4bKm2", r.topVia().orElseThrow().branch().orElseThrow());
        assertEquals(1, handled.size());
    }

    @Test
    void missingMandatoryHeaderGets400NamingIt() {
        torture("invalid/insuf");
        String r = wire.last().text();
        assertTrue(r.startsWith("SIP/2.0 400 Missing From\r\n"), r);
    }

    @Test
    void malformedLazyHeaderGets400NamingIt() {
        torture("invalid/regbadct");
        SipResponse r = lastResponse();
        assertEquals(400, r.status());
        assertEquals("Invalid Contact", r.reason());
        assertTrue(handled.isEmpty());
    }

    @Test
    void unknownUriSchemeGets416() {
        torture("valid/unkscm");
        assertEquals(416, lastResponse().status());
    }

    @Test
    void jssipRegisterReachesTheRegistrarAndTheAnswerGoesBackOverTheWebSocket() {
        WebSocketFlow ws = Flows.ws(wire);
        stack.receive(Resources.bytes("/sip/fixtures/jssip-3.13-register.sip"), ws);
        assertEquals(1, handled.size());
        assertSame(ws, handled.get(0).flow());
        assertSame(ws, wire.last().flow());
        SipResponse r = lastResponse();
        assertEquals(200, r.status());
        Via v = r.topVia().orElseThrow();
        assertEquals("d1p8cuoinqvp.invalid", v.host());
        assertEquals("198.51.100.7", v.received().orElseThrow());
        assertEquals(53211, v.rport().orElseThrow());
        assertEquals("hqnfai19gebpdjk9nfuqkv", r.callId());
    }

    @Test
    void cancelAnswers200AndTheInvite487() {
        Flow udp = Flows.udp(wire);
        receive(Msgs.req("INVITE", "z9hG4bKc1", "UDP", ""), udp);
        IncomingRequest inv = handled.get(0);
        List<String> cancelled = new ArrayList<>();
        inv.onCancel(() -> cancelled.add("cancelled"));
        inv.respond(180);
        receive(Msgs.req("CANCEL", "z9hG4bKc1", "UDP", ""), udp);
        List<SipResponse> rs = wire.responses();
        SipResponse cancelOk = rs.get(rs.size() - 2);
        SipResponse terminated = rs.get(rs.size() - 1);
        assertEquals("200 CANCEL", cancelOk.status() + " " + cancelOk.cseq().method());
        assertEquals("487 INVITE", terminated.status() + " " + terminated.cseq().method());
        assertEquals(inv.localTag(), terminated.to().tag().orElseThrow(), "same To tag as the 180");
        assertEquals(List.of("cancelled"), cancelled);
    }

    @Test
    void cancelWithoutInviteGets481() {
        receive(Msgs.req("CANCEL", "z9hG4bKnone", "UDP", ""), Flows.udp(wire));
        assertEquals(481, lastResponse().status());
    }

    @Test
    void inviteDialogThenAckAndBye() {
        Flow tcp = Flows.tcp(wire);
        stack.receive(Resources.bytes("/sip/fixtures/jssip-3.13-invite.sip"), Flows.ws(wire));
        IncomingRequest inv = handled.get(0);
        inv.respond(200);
        Dialog d = inv.dialog().orElseThrow();
        assertEquals(Dialog.State.CONFIRMED, d.state());
        assertEquals("sip:8ckl94vc@d1p8cuoinqvp.invalid;transport=ws;ob", d.remoteTarget().toString());

        String tag = inv.localTag();
        String ack = """
                ACK sip:bob@example.invalid SIP/2.0
                Via: SIP/2.0/WS d1p8cuoinqvp.invalid;branch=z9hG4bK-ack
                Max-Forwards: 69
                To: <sip:bob@example.invalid>;tag=%s
                From: <sip:alice@example.invalid>;tag=p9cms19cu9
                Call-ID: 5liaav4qjqtg0174d1bp
                CSeq: 6027 ACK
                Content-Length: 0

                """.formatted(tag);
        receive(ack, Flows.ws(wire));
        assertEquals("ACK", handled.get(1).method());
        assertEquals(d, handled.get(1).dialog().orElseThrow());

        receive(ack.replace("ACK sip", "BYE sip").replace("6027 ACK", "6028 BYE").replace("z9hG4bK-ack", "z9hG4bK-bye"), Flows.ws(wire));
        assertEquals("BYE", handled.get(2).method());
        assertEquals(200, lastResponse().status());
        assertEquals(Dialog.State.TERMINATED, d.state());
        receive(ack.replace("ACK sip", "BYE sip").replace("6027 ACK", "6029 BYE").replace("z9hG4bK-ack", "z9hG4bK-bye2"), Flows.ws(wire));
        assertEquals(481, lastResponse().status(), "dialog gone");
    }

    @Test
    void statsCountRejectedAndDropped() {
        torture("invalid/insuf");
        torture("invalid/bigcode");
        assertEquals(1, stack.stats().rejected());
        assertEquals(1, stack.stats().dropped());
    }

    @Test
    void failingHandlerIsAnswered500AndNothingIsThrownAtTheTransport() {
        stack.register("MESSAGE", r -> {
            throw new IllegalStateException("boom");
        });
        receive(Msgs.req("MESSAGE", "z9hG4bKboom", "UDP", ""), Flows.udp(wire));
        assertEquals(500, lastResponse().status());
    }
}
