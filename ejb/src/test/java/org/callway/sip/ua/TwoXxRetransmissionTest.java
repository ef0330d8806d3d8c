package org.callway.sip.ua;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.callway.sip.testutil.FakeScheduler;
import org.callway.sip.testutil.Flows;
import org.callway.sip.testutil.Msgs;
import org.callway.sip.testutil.RecordingSender;
import org.callway.sip.testutil.Resources;
import org.callway.sip.transport.Flow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RFC 3261 §13.3.1.4: the UAS core retransmits its 2xx to INVITE until the ACK comes. */
class TwoXxRetransmissionTest {
    private final FakeScheduler clock = new FakeScheduler();
    private final RecordingSender wire = new RecordingSender();
    private final List<IncomingRequest> invites = new ArrayList<>();
    private final List<Long> okAt = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private SipStack stack;

    @BeforeEach
    void setUp() {
        stack = new SipStack(SipStackConfig.DEFAULT, clock);
        stack.register("INVITE", r -> {
            invites.add(r);
            r.onNoAck(() -> events.add("no-ack@" + clock.now()));
            r.respond(200);
        });
    }

    private void advanceTo(long ms) {
        while (clock.now() < ms) {
            clock.advanceMillis(1);
            record();
        }
    }

    private void record() {
        for (int i = okAt.size(); i < wire.sent.size(); i++) okAt.add(wire.sent.get(i).text().startsWith("SIP/2.0 200") ? clock.now() : -1);
    }

    private List<Long> oks() {
        record();
        return okAt.stream().filter(t -> t >= 0).toList();
    }

    @Test
    void retransmittedOverUdpUntilAck() {
        Flow udp = Flows.udp(wire);
        stack.receive(Msgs.bytes("INVITE", "z9hG4bKr1", "UDP"), udp);
        record();
        advanceTo(2000);
        String ack = Msgs.req("ACK", "z9hG4bKr1ack", "UDP", ";tag=" + invites.get(0).localTag());
        stack.receive(Resources.crlf(ack), udp);
        advanceTo(40_000);
        assertEquals(List.of(0L, 500L, 1500L), oks(), "T1, then doubling; stopped by the ACK at 2 s");
        assertEquals(List.of(), events);
    }

    @Test
    void noAckWithin64T1IsReported() {
        stack.receive(Msgs.bytes("INVITE", "z9hG4bKr2", "UDP"), Flows.udp(wire));
        record();
        advanceTo(40_000);
        assertEquals(List.of(0L, 500L, 1500L, 3500L, 7500L, 11500L, 15500L, 19500L, 23500L, 27500L, 31500L), oks(),
                "capped at T2 = 4 s");
        assertEquals(List.of("no-ack@32000"), events);
    }

    @Test
    void notRetransmittedOverReliableFlows() {
        stack.receive(Msgs.bytes("INVITE", "z9hG4bKr3", "TCP"), Flows.tcp(wire));
        record();
        advanceTo(40_000);
        assertEquals(List.of(0L), oks());
    }
}
