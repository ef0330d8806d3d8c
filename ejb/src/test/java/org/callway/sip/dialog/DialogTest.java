package org.callway.sip.dialog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.callway.sip.message.Address;
import org.callway.sip.message.SipRequest;
import org.callway.sip.message.SipResponse;
import org.callway.sip.message.Uri;
import org.callway.sip.parser.SipParser;
import org.callway.sip.testutil.FakeScheduler;
import org.callway.sip.testutil.Flows;
import org.callway.sip.testutil.Msgs;
import org.callway.sip.testutil.RecordingSender;
import org.callway.sip.testutil.Resources;
import org.callway.sip.transaction.ServerTransaction;
import org.callway.sip.transaction.TimerSettings;
import org.callway.sip.transaction.TransactionLayer;
import org.callway.sip.transport.Flow;
import org.callway.sip.transport.TransportLayer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DialogTest {
    private final RecordingSender wire = new RecordingSender();
    private final List<Optional<Dialog>> seen = new ArrayList<>();
    private final List<ServerTransaction> txs = new ArrayList<>();
    private TransportLayer transport;
    private DialogLayer dialogs;

    @BeforeEach
    void setUp() {
        transport = new TransportLayer(new SipParser(), true);
        dialogs = new DialogLayer(new TransactionLayer(transport, new FakeScheduler(), TimerSettings.DEFAULT));
        dialogs.bind(new DialogUser() {
            @Override
            public void onRequest(ServerTransaction tx, SipRequest request, Optional<Dialog> dialog) {
                txs.add(tx);
                seen.add(dialog);
            }

            @Override
            public void onAck(SipRequest ack, Flow flow, Optional<Dialog> dialog) {
                seen.add(dialog);
            }
        });
    }

    private static final String INVITE = """
            INVITE sip:bob@192.0.2.100 SIP/2.0
            Via: SIP/2.0/UDP 198.51.100.9:5060;branch=z9hG4bKd1
            Max-Forwards: 70
            Record-Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>
            From: "Alice" <sip:alice@example.com>;tag=a1
            To: <sip:bob@example.com>
            Call-ID: dlg-1
            CSeq: 10 INVITE
            Contact: <sip:alice@198.51.100.9:5060>
            Content-Length: 0

            """;

    private Dialog uasDialog() {
        transport.receive(Resources.crlf(INVITE), Flows.udp(wire));
        ServerTransaction tx = txs.get(0);
        SipResponse ok = SipResponse.to(tx.request(), 200, "b1")
                .withHeaders(SipResponse.to(tx.request(), 200, "b1").headers().with("Contact", "<sip:bob@192.0.2.100>"));
        tx.respond(ok);
        return dialogs.established(tx.request(), ok, tx.flow());
    }

    @Test
    void uasEarlyDialogKeepsTheCallersTargetWhenConfirmed() {
        transport.receive(Resources.crlf(INVITE), Flows.udp(wire));
        ServerTransaction tx = txs.get(0);
        SipResponse ringing = SipResponse.to(tx.request(), 180, "b1");
        ringing = ringing.withHeaders(ringing.headers().with("Contact", "<sip:bob@192.0.2.100>"));
        dialogs.established(tx.request(), ringing, tx.flow());
        SipResponse ok = SipResponse.to(tx.request(), 200, "b1");
        ok = ok.withHeaders(ok.headers().with("Contact", "<sip:bob@192.0.2.100>"));
        Dialog d = dialogs.established(tx.request(), ok, tx.flow());
        assertEquals(Dialog.State.CONFIRMED, d.state());
        // Our own 200's Contact must not become the target of our BYE (it would go to ourselves).
        assertEquals("sip:alice@198.51.100.9:5060", d.remoteTarget().toString());
    }

    @Test
    void uasDialogFromInviteAnd2xx() {
        Dialog d = uasDialog();
        assertEquals(new DialogId("dlg-1", "b1", "a1"), d.id());
        assertEquals(Dialog.State.CONFIRMED, d.state());
        assertEquals(10, d.remoteSeq());
        assertEquals(Dialog.EMPTY, d.localSeq());
        assertEquals("sip:alice@198.51.100.9:5060", d.remoteTarget().toString());
        assertEquals(List.of("<sip:p1.example.com;lr>", "<sip:p2.example.com;lr>"),
                d.routeSet().stream().map(Address::toString).toList(), "§12.1.1: Record-Route in order");

        SipRequest bye = d.createRequest("BYE", TransportLayer.via(d.flow(), "z9hG4bKbye"), null, Dialog.EMPTY);
        assertEquals("sip:alice@198.51.100.9:5060", bye.uri().toString(), "loose routing: R-URI = remote target");
        assertEquals(List.of("<sip:p1.example.com;lr>", "<sip:p2.example.com;lr>"), bye.headers().values("Route"));
        assertEquals("a1", bye.to().tag().orElseThrow());
        assertEquals("b1", bye.from().tag().orElseThrow());
        assertEquals("1 BYE", bye.headers().first("CSeq").orElseThrow());
        assertEquals("2 BYE", d.createRequest("BYE", TransportLayer.via(d.flow(), "z9hG4bKbye2"), null, Dialog.EMPTY)
                .headers().first("CSeq").orElseThrow());
    }

    @Test
    void inDialogRequestsCheckedForCSeqOrderAndRefreshTarget() {
        Dialog d = uasDialog();
        String reinvite = INVITE.replace("branch=z9hG4bKd1", "branch=z9hG4bKd2").replace("To: <sip:bob@example.com>",
                "To: <sip:bob@example.com>;tag=b1").replace("CSeq: 10", "CSeq: 11")
                .replace("<sip:alice@198.51.100.9:5060>", "<sip:alice@198.51.100.9:6060>");
        transport.receive(Resources.crlf(reinvite), Flows.udp(wire));
        assertEquals(Optional.of(d), seen.get(1));
        assertEquals(11, d.remoteSeq());
        assertEquals("sip:alice@198.51.100.9:6060", d.remoteTarget().toString(), "§12.2.2 target refresh");

        String old = reinvite.replace("branch=z9hG4bKd2", "branch=z9hG4bKd3").replace("CSeq: 11 INVITE", "CSeq: 5 INVITE");
        transport.receive(Resources.crlf(old), Flows.udp(wire));
        SipResponse r = wire.last().response();
        assertEquals(500, r.status(), "§12.2.2: lower CSeq");
        assertEquals(2, seen.size(), "not passed up");
    }

    @Test
    void unknownDialogGets481() {
        transport.receive(Resources.crlf(Msgs.req("BYE", "z9hG4bKx", "UDP", ";tag=nope")), Flows.udp(wire));
        assertEquals(481, wire.last().response().status());
        assertTrue(seen.isEmpty());
    }

    @Test
    void uacDialogEarlyThenConfirmedWithReversedRouteSet() {
        SipRequest inv = Msgs.request(INVITE.replace("Record-Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>\n", ""));
        SipResponse ringing = Msgs.response("""
                SIP/2.0 180 Ringing
                Via: SIP/2.0/UDP 198.51.100.9:5060;branch=z9hG4bKd1
                Record-Route: <sip:p2.example.com;lr>
                Record-Route: <sip:p1.example.com;lr>
                From: "Alice" <sip:alice@example.com>;tag=a1
                To: <sip:bob@example.com>;tag=b7
                Call-ID: dlg-1
                CSeq: 10 INVITE
                Contact: <sip:bob@203.0.113.5>
                Content-Length: 0

                """);
        Dialog d = dialogs.onUacResponse(inv, ringing, Flows.udp(wire));
        assertEquals(Dialog.State.EARLY, d.state());
        assertEquals(new DialogId("dlg-1", "a1", "b7"), d.id());
        assertEquals(List.of("<sip:p1.example.com;lr>", "<sip:p2.example.com;lr>"),
                d.routeSet().stream().map(Address::toString).toList(), "§12.1.2: reversed");
        SipResponse ok = Msgs.response(Msgs.answerText(ringing, 200, "OK", "<sip:bob@203.0.113.6>"));
        assertEquals(d, dialogs.onUacResponse(inv, ok, Flows.udp(wire)));
        assertEquals(Dialog.State.CONFIRMED, d.state());
        assertEquals("sip:bob@203.0.113.6", d.remoteTarget().toString());
        SipRequest bye = d.createRequest("BYE", TransportLayer.via(d.flow(), "z9hG4bKb"), null, Dialog.EMPTY);
        assertEquals("11 BYE", bye.headers().first("CSeq").orElseThrow(), "local seq continues from the INVITE");
    }

    @Test
    void reinviteFromTheCalleeOfOurInviteRefreshesTheTargetFromItsContactNotOurAnswer() {
        SipRequest inv = Msgs.request(INVITE.replace("Record-Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>\n", ""));
        SipResponse ok = Msgs.response("""
                SIP/2.0 200 OK
                Via: SIP/2.0/UDP 198.51.100.9:5060;branch=z9hG4bKd1
                From: "Alice" <sip:alice@example.com>;tag=a1
                To: <sip:bob@example.com>;tag=b7
                Call-ID: dlg-1
                CSeq: 10 INVITE
                Contact: <sip:bob@203.0.113.6>
                Content-Length: 0

                """);
        Dialog d = dialogs.onUacResponse(inv, ok, Flows.udp(wire));
        transport.receive(Resources.crlf("""
                INVITE sip:alice@198.51.100.9:5060 SIP/2.0
                Via: SIP/2.0/UDP 203.0.113.6:5060;branch=z9hG4bKr1
                Max-Forwards: 70
                From: <sip:bob@example.com>;tag=b7
                To: "Alice" <sip:alice@example.com>;tag=a1
                Call-ID: dlg-1
                CSeq: 1 INVITE
                Contact: <sip:bob@203.0.113.7>
                Content-Length: 0

                """), Flows.udp(wire));
        assertEquals(Optional.of(d), seen.get(0), "the callee's hold re-INVITE is in our dialog");
        ServerTransaction tx = txs.get(0);
        SipResponse answer = SipResponse.to(tx.request(), 200, "a1");
        answer = answer.withHeaders(answer.headers().with("Contact", "<sip:callway@198.51.100.9:5060>"));
        tx.respond(answer);
        assertEquals(d, dialogs.established(tx.request(), answer, tx.flow()));
        // Our BYE must go to the callee's new Contact, not to ourselves (our 200's Contact).
        assertEquals("sip:bob@203.0.113.7", d.remoteTarget().toString());
        assertEquals(Dialog.State.CONFIRMED, d.state());
    }

    @Test
    void strictRouteBecomesRequestUri() {
        SipRequest inv = Msgs.request(INVITE);
        SipResponse ok = Msgs.response("""
                SIP/2.0 200 OK
                Via: SIP/2.0/UDP 198.51.100.9:5060;branch=z9hG4bKd1
                Record-Route: <sip:strict.example.com>
                From: "Alice" <sip:alice@example.com>;tag=a1
                To: <sip:bob@example.com>;tag=b7
                Call-ID: dlg-1
                CSeq: 10 INVITE
                Contact: <sip:bob@203.0.113.5>
                Content-Length: 0

                """);
        Dialog d = dialogs.onUacResponse(inv, ok, Flows.udp(wire));
        SipRequest bye = d.createRequest("BYE", TransportLayer.via(d.flow(), "z9hG4bKb"), null, Dialog.EMPTY);
        assertEquals(Uri.parse("sip:strict.example.com").orElseThrow(), bye.uri(), "§12.2.1.1 strict routing");
        assertEquals(List.of("<sip:bob@203.0.113.5>"), bye.headers().values("Route"), "remote target last");
    }

    @Test
    void twoXxAckFindsItsDialog() {
        Dialog d = uasDialog();
        transport.receive(Resources.crlf(Msgs.req("ACK", "z9hG4bKack", "UDP", ";tag=b1")
                .replace("Call-ID: call-1@198.51.100.9", "Call-ID: dlg-1").replace("CSeq: 1 ACK", "CSeq: 10 ACK")), Flows.udp(wire));
        assertEquals(Optional.of(d), seen.get(seen.size() - 1));
    }

    @Test
    void aByeInTheDialogEndsItOnceAnswered() {
        Dialog d = uasDialog();
        assertEquals(1, dialogs.size());
        String bye = INVITE.replace("INVITE sip:bob@192.0.2.100", "BYE sip:bob@192.0.2.100")
                .replace("branch=z9hG4bKd1", "branch=z9hG4bKbye").replace("To: <sip:bob@example.com>",
                        "To: <sip:bob@example.com>;tag=b1").replace("CSeq: 10 INVITE", "CSeq: 11 BYE");
        transport.receive(Resources.crlf(bye), Flows.udp(wire));
        assertEquals(Optional.of(d), seen.get(1), "the BYE is passed up in its dialog");
        assertEquals(0, dialogs.size(), "§15.1.2: the dialog is gone");
        assertEquals(Dialog.State.TERMINATED, d.state());
    }

    @Test
    void ourByeEndsTheDialogWhenItsFinalResponseArrives() {
        Dialog d = uasDialog();
        SipRequest bye = d.createRequest("BYE", TransportLayer.via(d.flow(), "z9hG4bKours"), null, Dialog.EMPTY);
        List<Integer> heard = new ArrayList<>();
        dialogs.sendRequest(bye, d.flow(), (tx, response) -> heard.add(response.status()));
        assertEquals(1, dialogs.size(), "still there while the BYE is pending (a crossing BYE finds it)");
        transport.receive(Msgs.answer(bye, 200, "a1"), d.flow());
        assertEquals(List.of(200), heard);
        assertEquals(0, dialogs.size(), "§15.1.1");
    }
}
