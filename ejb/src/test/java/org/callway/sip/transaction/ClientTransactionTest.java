package org.callway.sip.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.callway.sip.message.SipRequest;
import org.callway.sip.message.SipResponse;
import org.callway.sip.parser.SipParser;
import org.callway.sip.testutil.FakeScheduler;
import org.callway.sip.testutil.Flows;
import org.callway.sip.testutil.Msgs;
import org.callway.sip.testutil.RecordingSender;
import org.callway.sip.transport.Flow;
import org.callway.sip.transport.TransportLayer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RFC 3261 §17.1 client transactions driven by a fake clock (T1 = 500 ms, T2 = 4 s, T4 = 5 s). */
class ClientTransactionTest {
    private final FakeScheduler clock = new FakeScheduler();
    private final RecordingSender wire = new RecordingSender();
    private final List<String> events = new ArrayList<>();
    private final List<Long> sentAt = new ArrayList<>();
    private TransportLayer transport;
    private TransactionLayer layer;
    private final ClientTransactionUser tu = new ClientTransactionUser() {
        @Override
        public void onResponse(ClientTransaction tx, SipResponse response) {
            events.add(response.status() + "@" + clock.now());
        }

        @Override
        public void onTimeout(ClientTransaction tx) {
            events.add("timeout@" + clock.now());
        }

        @Override
        public void onTransportError(ClientTransaction tx) {
            events.add("transport-error@" + clock.now());
        }
    };

    @BeforeEach
    void setUp() {
        transport = new TransportLayer(new SipParser(), true);
        layer = new TransactionLayer(transport, clock, TimerSettings.DEFAULT);
        layer.bind(new TransactionUser() {
            @Override
            public void onRequest(ServerTransaction tx, SipRequest request) {
            }

            @Override
            public void onAck(SipRequest ack, Flow flow) {
            }

            @Override
            public void onStrayResponse(SipResponse response, Flow flow) {
                events.add("stray " + response.status() + "@" + clock.now());
            }
        });
    }

    private List<Long> sendTimes(String method) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < wire.sent.size(); i++) {
            if (wire.sent.get(i).text().startsWith(method + " ")) out.add(sentAt.get(i));
        }
        return out;
    }

    private void recordTimes() {
        while (sentAt.size() < wire.sent.size()) sentAt.add(clock.now());
    }

    private void advanceTo(long ms) {
        while (clock.now() < ms) {
            clock.advanceMillis(1);
            recordTimes();
        }
    }

    private InviteClientTransaction invite(Flow flow, String transportName) {
        SipRequest inv = Msgs.request(Msgs.req("INVITE", "z9hG4bKict1", transportName, ""));
        InviteClientTransaction tx = (InviteClientTransaction) layer.sendRequest(inv, flow, tu);
        recordTimes();
        return tx;
    }

    @Test
    void inviteOverUdpRetransmitsWithTimerADoublingUntilTimerB() {
        InviteClientTransaction tx = invite(Flows.udp(wire), "UDP");
        advanceTo(40_000);
        // Timer A: T1, 2T1, 4T1 ... (no cap for INVITE); Timer B = 64*T1 = 32 s
        assertEquals(List.of(0L, 500L, 1500L, 3500L, 7500L, 15500L, 31500L), sendTimes("INVITE"));
        assertEquals(List.of("timeout@32000"), events);
        assertEquals(InviteClientTransaction.State.TERMINATED, tx.state());
        assertEquals(0, layer.clientCount());
    }

    @Test
    void inviteOverTcpIsNotRetransmitted() {
        invite(Flows.tcp(wire), "TCP");
        advanceTo(40_000);
        assertEquals(List.of(0L), sendTimes("INVITE"));
        assertEquals(List.of("timeout@32000"), events);
    }

    @Test
    void provisionalStopsRetransmissionsAndNon2xxIsAckedInsideTheTransaction() {
        InviteClientTransaction tx = invite(Flows.udp(wire), "UDP");
        advanceTo(600);
        transport.receive(Msgs.answer(tx.request(), 180, "b1"), tx.flow());
        assertEquals(InviteClientTransaction.State.PROCEEDING, tx.state());
        advanceTo(40_000);
        assertEquals(List.of(0L, 500L), sendTimes("INVITE"), "no retransmission after 1xx; Timer B off in Proceeding");
        assertTrue(events.stream().noneMatch(e -> e.startsWith("timeout")));

        transport.receive(Msgs.answer(tx.request(), 486, "b1"), tx.flow());
        recordTimes();
        assertEquals(InviteClientTransaction.State.COMPLETED, tx.state());
        SipRequest ack = wire.last().request();
        assertEquals("ACK", ack.method());
        assertEquals("z9hG4bKict1", ack.topVia().orElseThrow().branch().orElseThrow(), "§17.1.1.3: same branch");
        assertEquals("b1", ack.to().tag().orElseThrow());
        assertEquals("1 ACK", ack.headers().first("CSeq").orElseThrow());

        transport.receive(Msgs.answer(tx.request(), 486, "b1"), tx.flow()); // retransmitted final
        recordTimes();
        assertEquals(2, sendTimes("ACK").size(), "ACK re-sent for the retransmission");
        assertEquals(List.of("180@600", "486@40000"), events, "the retransmitted 486 is not passed up");

        advanceTo(40_000 + 32_000);
        assertEquals(InviteClientTransaction.State.TERMINATED, tx.state(), "Timer D (32 s)");
    }

    @Test
    void non2xxOverTcpTerminatesAtOnce() {
        InviteClientTransaction tx = invite(Flows.tcp(wire), "TCP");
        transport.receive(Msgs.answer(tx.request(), 603, "b1"), tx.flow());
        assertEquals(InviteClientTransaction.State.TERMINATED, tx.state(), "Timer D = 0 for reliable");
        assertEquals("ACK", wire.last().request().method());
    }

    @Test
    void rfc6026AcceptedPassesEvery2xxUpUntilTimerM() {
        InviteClientTransaction tx = invite(Flows.udp(wire), "UDP");
        transport.receive(Msgs.answer(tx.request(), 200, "b1"), tx.flow());
        assertEquals(InviteClientTransaction.State.ACCEPTED, tx.state());
        advanceTo(1000);
        transport.receive(Msgs.answer(tx.request(), 200, "b2"), tx.flow()); // a forked 2xx
        assertEquals(List.of(0L), sendTimes("INVITE"));
        assertEquals(0, sendTimes("ACK").size(), "the TU ACKs a 2xx, not the transaction");
        advanceTo(32_000);
        assertEquals(InviteClientTransaction.State.TERMINATED, tx.state(), "Timer M = 64*T1");
        transport.receive(Msgs.answer(tx.request(), 200, "b1"), tx.flow());
        assertEquals(List.of("200@0", "200@1000", "stray 200@32000"), events);
    }

    @Test
    void nonInviteOverUdpRetransmitsCappedAtT2UntilTimerF() {
        SipRequest opt = Msgs.request(Msgs.req("OPTIONS", "z9hG4bKnict1", "UDP", ""));
        NonInviteClientTransaction tx = (NonInviteClientTransaction) layer.sendRequest(opt, Flows.udp(wire), tu);
        recordTimes();
        advanceTo(40_000);
        assertEquals(List.of(0L, 500L, 1500L, 3500L, 7500L, 11500L, 15500L, 19500L, 23500L, 27500L, 31500L),
                sendTimes("OPTIONS"), "Timer E: min(2E, T2)");
        assertEquals(List.of("timeout@32000"), events, "Timer F = 64*T1");
        assertEquals(NonInviteClientTransaction.State.TERMINATED, tx.state());
    }

    @Test
    void nonInviteProceedingRetransmitsEveryT2ThenTimerKAbsorbs() {
        SipRequest reg = Msgs.request(Msgs.req("REGISTER", "z9hG4bKnict2", "UDP", ""));
        NonInviteClientTransaction tx = (NonInviteClientTransaction) layer.sendRequest(reg, Flows.udp(wire), tu);
        recordTimes();
        advanceTo(600); // one retransmission at 500
        transport.receive(Msgs.answer(reg, 100, null), tx.flow());
        assertEquals(NonInviteClientTransaction.State.PROCEEDING, tx.state());
        advanceTo(9_000);
        assertEquals(List.of(0L, 500L, 1500L, 5500L), sendTimes("REGISTER"), "Proceeding: E fires at T2 intervals");
        transport.receive(Msgs.answer(reg, 200, "r1"), tx.flow());
        assertEquals(NonInviteClientTransaction.State.COMPLETED, tx.state());
        transport.receive(Msgs.answer(reg, 200, "r1"), tx.flow());
        assertEquals(List.of("100@600", "200@9000"), events, "retransmitted 200 absorbed in Completed");
        advanceTo(9_000 + 4_999);
        assertEquals(NonInviteClientTransaction.State.COMPLETED, tx.state());
        advanceTo(9_000 + 5_000);
        assertEquals(NonInviteClientTransaction.State.TERMINATED, tx.state(), "Timer K = T4");
    }

    @Test
    void nonInviteOverTcpTerminatesOnFinal() {
        SipRequest opt = Msgs.request(Msgs.req("OPTIONS", "z9hG4bKnict3", "TCP", ""));
        NonInviteClientTransaction tx = (NonInviteClientTransaction) layer.sendRequest(opt, Flows.tcp(wire), tu);
        advanceTo(10_000);
        assertEquals(1, wire.sent.size());
        transport.receive(Msgs.answer(opt, 200, "x"), tx.flow());
        assertEquals(NonInviteClientTransaction.State.TERMINATED, tx.state(), "Timer K = 0 for reliable");
    }

    @Test
    void transportErrorIsReported() {
        wire.fail = true;
        SipRequest opt = Msgs.request(Msgs.req("OPTIONS", "z9hG4bKnict4", "UDP", ""));
        NonInviteClientTransaction tx = (NonInviteClientTransaction) layer.sendRequest(opt, Flows.udp(wire), tu);
        assertEquals(List.of("transport-error@0"), events);
        assertTrue(tx.terminated());
    }

    @Test
    void responsesMatchByBranchAndCSeqMethod() {
        InviteClientTransaction inv = invite(Flows.udp(wire), "UDP");
        // a 200 to a CANCEL with the same branch belongs to the CANCEL, not the INVITE (§17.1.3)
        SipRequest cancel = Msgs.request(Msgs.req("CANCEL", "z9hG4bKict1", "UDP", ""));
        transport.receive(Msgs.answer(cancel, 200, null), inv.flow());
        assertEquals(InviteClientTransaction.State.CALLING, inv.state());
        assertEquals(List.of("stray 200@0"), events);
        assertFalse(inv.terminated());
    }

    @Test
    void cancelGoesInItsOwnTransactionAndTheInviteEndsWith487() {
        InviteClientTransaction inv = invite(Flows.udp(wire), "UDP");
        transport.receive(Msgs.answer(inv.request(), 180, "b1"), inv.flow());
        SipRequest cancel = inv.cancelRequest();
        assertEquals("1 CANCEL", cancel.headers().first("CSeq").orElseThrow());
        assertEquals(inv.request().uri(), cancel.uri());
        assertEquals("z9hG4bKict1", cancel.topVia().orElseThrow().branch().orElseThrow(), "§9.1: same branch as the INVITE");
        ClientTransaction ctx = layer.sendRequest(cancel, inv.flow(), tu);
        transport.receive(Msgs.answer(cancel, 200, null), inv.flow());
        assertTrue(ctx.terminated() || ((NonInviteClientTransaction) ctx).state() == NonInviteClientTransaction.State.COMPLETED);
        transport.receive(Msgs.answer(inv.request(), 487, "b1"), inv.flow());
        assertEquals(InviteClientTransaction.State.COMPLETED, inv.state());
        assertEquals(List.of("180@0", "200@0", "487@0"), events);
        assertEquals("ACK", wire.last().request().method(), "487 ACKed by the transaction");
    }

    @Test
    void aCancelledInviteWithoutFinalResponseEndsAfter64T1() {
        InviteClientTransaction inv = invite(Flows.udp(wire), "UDP");
        transport.receive(Msgs.answer(inv.request(), 180, "b1"), inv.flow());
        advanceTo(100_000);
        assertEquals(InviteClientTransaction.State.PROCEEDING, inv.state(), "no timer ends a ringing INVITE by itself");
        layer.sendRequest(inv.cancelRequest(), inv.flow(), tu);
        advanceTo(100_000 + 31_999);
        assertFalse(inv.terminated());
        advanceTo(100_000 + 32_001);
        assertTrue(inv.terminated(), "§9.1: the callee never sent its 487");
        assertTrue(events.contains("timeout@132000"), events.toString());
    }
}
