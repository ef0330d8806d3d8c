package org.callway.sip.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
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
import org.callway.sip.testutil.Resources;
import org.callway.sip.transport.Flow;
import org.callway.sip.transport.TransportLayer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RFC 3261 §17.2 / RFC 6026 server transactions driven by a fake clock. */
class ServerTransactionTest {
    private final FakeScheduler clock = new FakeScheduler();
    private final RecordingSender wire = new RecordingSender();
    private final List<ServerTransaction> txs = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private final List<Long> sentAt = new ArrayList<>();
    private TransportLayer transport;
    private TransactionLayer layer;

    @BeforeEach
    void setUp() {
        transport = new TransportLayer(new SipParser(), false);
        layer = new TransactionLayer(transport, clock, TimerSettings.DEFAULT);
        layer.bind(new TransactionUser() {
            @Override
            public void onRequest(ServerTransaction tx, SipRequest request) {
                txs.add(tx);
                events.add(request.method() + "@" + clock.now());
            }

            @Override
            public void onAck(SipRequest ack, Flow flow) {
                events.add("ACK " + ack.topVia().orElseThrow().branch().orElseThrow() + "@" + clock.now());
            }

            @Override
            public void onAckTimeout(ServerTransaction tx) {
                events.add("ack-timeout@" + clock.now());
            }
        });
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

    private List<Long> sent(String startLinePrefix) {
        recordTimes();
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < wire.sent.size(); i++) {
            if (wire.sent.get(i).text().startsWith(startLinePrefix)) out.add(sentAt.get(i));
        }
        return out;
    }

    private void respond(ServerTransaction tx, SipResponse r) {
        tx.respond(r);
        recordTimes();
    }

    private void receive(String text, Flow flow) {
        transport.receive(Resources.crlf(text), flow);
        recordTimes();
    }

    @Test
    void inviteGets100AtOnceAndRetransmissionsResendTheLastProvisional() {
        Flow udp = Flows.udp(wire);
        receive(Msgs.req("INVITE", "z9hG4bKist1", "UDP", ""), udp);
        assertEquals(List.of(0L), sent("SIP/2.0 100 Trying"));
        InviteServerTransaction tx = (InviteServerTransaction) txs.get(0);
        receive(Msgs.req("INVITE", "z9hG4bKist1", "UDP", ""), udp);
        assertEquals(2, sent("SIP/2.0 100").size(), "retransmitted INVITE -> 100 again");
        respond(tx, SipResponse.to(tx.request(), 180, "t1"));
        receive(Msgs.req("INVITE", "z9hG4bKist1", "UDP", ""), udp);
        assertEquals(2, sent("SIP/2.0 180").size(), "then the 180");
        assertEquals(List.of("INVITE@0"), events, "the TU sees the INVITE once");
        assertEquals(InviteServerTransaction.State.PROCEEDING, tx.state());
    }

    @Test
    void non2xxRetransmittedByTimerGUntilTimerHWithoutAck() {
        Flow udp = Flows.udp(wire);
        receive(Msgs.req("INVITE", "z9hG4bKist2", "UDP", ""), udp);
        InviteServerTransaction tx = (InviteServerTransaction) txs.get(0);
        respond(tx, SipResponse.to(tx.request(), 486, "t1"));
        assertEquals(InviteServerTransaction.State.COMPLETED, tx.state());
        advanceTo(40_000);
        // Timer G: T1, then min(2G, T2); Timer H = 64*T1
        assertEquals(List.of(0L, 500L, 1500L, 3500L, 7500L, 11500L, 15500L, 19500L, 23500L, 27500L, 31500L),
                sent("SIP/2.0 486"));
        assertEquals(List.of("INVITE@0", "ack-timeout@32000"), events);
        assertEquals(InviteServerTransaction.State.TERMINATED, tx.state());
    }

    @Test
    void ackForNon2xxIsAbsorbedAndTimerIEnds() {
        Flow udp = Flows.udp(wire);
        receive(Msgs.req("INVITE", "z9hG4bKist3", "UDP", ""), udp);
        InviteServerTransaction tx = (InviteServerTransaction) txs.get(0);
        respond(tx, SipResponse.to(tx.request(), 404, "t1"));
        advanceTo(600);
        receive(Msgs.req("ACK", "z9hG4bKist3", "UDP", ";tag=t1").replace("CSeq: 1 ACK", "CSeq: 1 ACK"), udp);
        assertEquals(InviteServerTransaction.State.CONFIRMED, tx.state());
        receive(Msgs.req("ACK", "z9hG4bKist3", "UDP", ";tag=t1"), udp);
        advanceTo(10_000);
        assertEquals(List.of(0L, 500L), sent("SIP/2.0 404"), "no retransmission after ACK");
        assertEquals(List.of("INVITE@0"), events, "non-2xx ACKs never reach the TU");
        assertEquals(InviteServerTransaction.State.TERMINATED, tx.state(), "Timer I = T4");
    }

    @Test
    void overTcpThereIsNoTimerGAndAckTerminatesAtOnce() {
        Flow tcp = Flows.tcp(wire);
        receive(Msgs.req("INVITE", "z9hG4bKist4", "TCP", ""), tcp);
        InviteServerTransaction tx = (InviteServerTransaction) txs.get(0);
        respond(tx, SipResponse.to(tx.request(), 486, "t1"));
        advanceTo(10_000);
        assertEquals(List.of(0L), sent("SIP/2.0 486"));
        receive(Msgs.req("ACK", "z9hG4bKist4", "TCP", ";tag=t1"), tcp);
        assertEquals(InviteServerTransaction.State.TERMINATED, tx.state(), "Timer I = 0 for reliable");
    }

    @Test
    void rfc6026AcceptedAbsorbsInviteRetransmissionsAndPasses2xxAckUp() {
        Flow udp = Flows.udp(wire);
        receive(Msgs.req("INVITE", "z9hG4bKist5", "UDP", ""), udp);
        InviteServerTransaction tx = (InviteServerTransaction) txs.get(0);
        SipResponse ok = SipResponse.to(tx.request(), 200, "t1");
        respond(tx, ok);
        assertEquals(InviteServerTransaction.State.ACCEPTED, tx.state());
        receive(Msgs.req("INVITE", "z9hG4bKist5", "UDP", ""), udp);
        assertEquals(1, sent("SIP/2.0 200").size(), "INVITE retransmission absorbed in Accepted");
        advanceTo(500);
        respond(tx, ok); // the TU's own 2xx retransmission (§13.3.1.4) goes out
        assertEquals(2, sent("SIP/2.0 200").size());
        receive(Msgs.req("ACK", "z9hG4bKack5", "UDP", ";tag=t1"), udp);
        assertEquals(List.of("INVITE@0", "ACK z9hG4bKack5@500"), events, "2xx ACK (own branch) to the TU");
        advanceTo(32_000);
        assertEquals(InviteServerTransaction.State.TERMINATED, tx.state(), "Timer L = 64*T1");
    }

    @Test
    void nonInviteTryingAbsorbsThenCompletedResendsUntilTimerJ() {
        Flow udp = Flows.udp(wire);
        receive(Msgs.req("OPTIONS", "z9hG4bKnist1", "UDP", ""), udp);
        NonInviteServerTransaction tx = (NonInviteServerTransaction) txs.get(0);
        receive(Msgs.req("OPTIONS", "z9hG4bKnist1", "UDP", ""), udp);
        assertTrue(wire.sent.isEmpty(), "Trying: retransmission absorbed, nothing to resend");
        respond(tx, SipResponse.to(tx.request(), 200, "t1"));
        advanceTo(1000);
        receive(Msgs.req("OPTIONS", "z9hG4bKnist1", "UDP", ""), udp);
        assertEquals(List.of(0L, 1000L), sent("SIP/2.0 200"), "Completed: resend the final");
        assertEquals(NonInviteServerTransaction.State.COMPLETED, tx.state());
        advanceTo(32_000);
        assertEquals(NonInviteServerTransaction.State.TERMINATED, tx.state(), "Timer J = 64*T1");
        receive(Msgs.req("OPTIONS", "z9hG4bKnist1", "UDP", ""), udp);
        assertEquals(List.of("OPTIONS@0", "OPTIONS@32000"), events, "after J the same request is new");
    }

    @Test
    void nonInviteProceedingResendsProvisional() {
        Flow udp = Flows.udp(wire);
        receive(Msgs.req("REGISTER", "z9hG4bKnist2", "UDP", ""), udp);
        NonInviteServerTransaction tx = (NonInviteServerTransaction) txs.get(0);
        respond(tx, SipResponse.to(tx.request(), 100, null));
        receive(Msgs.req("REGISTER", "z9hG4bKnist2", "UDP", ""), udp);
        assertEquals(2, sent("SIP/2.0 100").size());
        assertEquals(NonInviteServerTransaction.State.PROCEEDING, tx.state());
        respond(tx, SipResponse.to(tx.request(), 200, "t"));
        respond(tx, SipResponse.to(tx.request(), 500, "t"));
        assertEquals(0, sent("SIP/2.0 500").size(), "§17.2.2: a second final is discarded");
    }

    @Test
    void nonInviteOverTcpTerminatesOnFinal() {
        receive(Msgs.req("OPTIONS", "z9hG4bKnist3", "TCP", ""), Flows.tcp(wire));
        NonInviteServerTransaction tx = (NonInviteServerTransaction) txs.get(0);
        respond(tx, SipResponse.to(tx.request(), 200, "t1"));
        assertEquals(NonInviteServerTransaction.State.TERMINATED, tx.state(), "Timer J = 0 for reliable");
        assertEquals(0, layer.serverCount());
    }

    @Test
    void rfc2543MatchingWithoutMagicCookie() {
        Flow udp = Flows.udp(wire);
        receive(Msgs.req("INVITE", "2543-old", "UDP", ""), udp);
        receive(Msgs.req("INVITE", "2543-old", "UDP", ""), udp);
        assertEquals(1, txs.size(), "§17.2.3 fallback: retransmission matched without a cookie");
        InviteServerTransaction tx = (InviteServerTransaction) txs.get(0);
        respond(tx, SipResponse.to(tx.request(), 486, "t9"));
        receive(Msgs.req("ACK", "2543-old", "UDP", ";tag=t9"), udp);
        assertEquals(InviteServerTransaction.State.CONFIRMED, tx.state(), "ACK matched by the To tag of our response");
    }

    @Test
    void cancelFindsItsInvite() {
        Flow udp = Flows.udp(wire);
        receive(Msgs.req("INVITE", "z9hG4bKist6", "UDP", ""), udp);
        receive(Msgs.req("CANCEL", "z9hG4bKist6", "UDP", ""), udp);
        assertEquals(2, txs.size(), "CANCEL is its own transaction");
        assertSame(txs.get(0), layer.inviteFor(txs.get(1).request()).orElseThrow());
    }

    @Test
    void sameBranchDifferentSentByIsADifferentTransaction() {
        Flow udp = Flows.udp(wire);
        receive(Msgs.req("OPTIONS", "z9hG4bKsb", "UDP", ""), udp);
        receive(Msgs.req("OPTIONS", "z9hG4bKsb", "UDP", "").replace("198.51.100.9:5060", "198.51.100.9:5062"), udp);
        assertEquals(2, txs.size());
    }

    @Test
    void transportErrorWhileAnsweringEndsTheTransaction() {
        Flow udp = Flows.udp(wire);
        receive(Msgs.req("INVITE", "z9hG4bKte1", "UDP", ""), udp);
        receive(Msgs.req("OPTIONS", "z9hG4bKte2", "UDP", ""), udp);
        wire.fail = true;
        respond(txs.get(0), SipResponse.to(txs.get(0).request(), 486, "t"));
        respond(txs.get(1), SipResponse.to(txs.get(1).request(), 200, "t"));
        assertTrue(txs.get(0).terminated(), "§17.2.4: a transport failure ends the INVITE transaction");
        assertTrue(txs.get(1).terminated());
        assertEquals(0, layer.serverCount());
        assertEquals(2, transport.stats().sendFailures());
    }
}
