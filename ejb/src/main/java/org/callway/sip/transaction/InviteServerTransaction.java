package org.callway.sip.transaction;

import org.callway.sip.message.SipRequest;
import org.callway.sip.message.SipResponse;
import org.callway.sip.transport.Flow;

/**
 * INVITE server transaction, RFC 3261 §17.2.1 (Figure 7) as updated by RFC 6026 §7.1 and §8.5-8.7.
 *
 * <pre>
 * Proceeding --2xx--> Accepted --Timer L--> Terminated      (RFC 6026: 2xx no longer ends it)
 *            --3xx-6xx--> Completed --ACK--> Confirmed --Timer I--> Terminated
 *                                   --Timer H--> Terminated (no ACK: TU told)
 * </pre>
 * A 100 Trying is sent at once (§17.2.1 allows it; the TU's answer is rarely within 200 ms).
 */
public final class InviteServerTransaction extends Transaction implements ServerTransaction {

    public enum State { PROCEEDING, COMPLETED, CONFIRMED, ACCEPTED, TERMINATED }

    private final TransactionUser user;
    private State state = State.PROCEEDING;
    private SipResponse last;
    private String localTag;

    InviteServerTransaction(TransactionKey key, SipRequest request, Flow flow, TransactionContext ctx, TransactionUser user) {
        super(key, request, flow, ctx);
        this.user = user;
    }

    synchronized void start() {
        last = SipResponse.to(request, 100, null);
        ctx.transport().sendResponse(last, flow);
    }

    public synchronized State state() {
        return state;
    }

    /** The To tag of the final response we sent (RFC 2543 ACK matching, §17.2.3). */
    synchronized String localTag() {
        return localTag;
    }

    @Override
    public void respond(SipResponse response) {
        handle(ServerInput.of(response));
    }

    public synchronized void handle(ServerInput in) {
        switch (state) {
            case PROCEEDING -> proceeding(in);
            case COMPLETED -> completed(in);
            case CONFIRMED -> confirmed(in);
            case ACCEPTED -> accepted(in);
            case TERMINATED -> { }
        }
    }

    private void proceeding(ServerInput in) {
        if (in instanceof ServerInput.Retransmission) {
            send(last); // §17.2.1: resend the most recent provisional
        } else if (in instanceof ServerInput.SendProvisional p) {
            last = p.response();
            send(last);
        } else if (in instanceof ServerInput.SendSuccess s) {
            last = s.response();
            localTag = s.response().to().tag().orElse(null);
            state = State.ACCEPTED; // RFC 6026 §8.5
            timers.start(Timer.L, ctx.timers().timeout());
            send(last);
        } else if (in instanceof ServerInput.SendFailure f) {
            last = f.response();
            localTag = f.response().to().tag().orElse(null);
            state = State.COMPLETED;
            if (!flow.reliable()) timers.start(Timer.G, ctx.timers().t1());
            timers.start(Timer.H, ctx.timers().timeout());
            send(last);
        } else if (in instanceof ServerInput.TransportError) {
            terminate();
        }
    }

    private void completed(ServerInput in) {
        if (in instanceof ServerInput.Retransmission) {
            send(last);
        } else if (in instanceof ServerInput.Ack) {
            timers.cancel(Timer.G);
            timers.cancel(Timer.H);
            state = State.CONFIRMED;
            // Timer I: T4 for unreliable (absorb ACK retransmissions), zero for reliable
            if (flow.reliable()) terminate();
            else timers.start(Timer.I, ctx.timers().t4());
        } else if (in instanceof ServerInput.TimerFired t && t.timer() == Timer.G) {
            send(last);
            timers.start(Timer.G, Timers.doubled(timers.interval(Timer.G), ctx.timers().t2())); // min(2G, T2)
        } else if (in instanceof ServerInput.TimerFired t && t.timer() == Timer.H) {
            terminate();
            user.onAckTimeout(this);
        } else if (in instanceof ServerInput.TransportError) {
            terminate();
        }
    }

    private void confirmed(ServerInput in) {
        // ACK retransmissions are absorbed
        if (in instanceof ServerInput.TimerFired t && t.timer() == Timer.I) terminate();
    }

    private void accepted(ServerInput in) {
        if (in instanceof ServerInput.SendSuccess s) {
            last = s.response();
            send(last); // RFC 6026 §8.6: the TU's 2xx retransmissions go out through the transaction
        } else if (in instanceof ServerInput.Ack a) {
            user.onAck(a.ack(), flow); // RFC 6026 §8.7: ACK in Accepted goes to the TU
        } else if (in instanceof ServerInput.TimerFired t && t.timer() == Timer.L) {
            terminate();
        }
        // Retransmission: absorbed (RFC 6026 §7.1: the INVITE must not reach the TU again)
    }

    private void send(SipResponse r) {
        if (!ctx.transport().sendResponse(r, flow)) {
            // §17.2.4: a failed send is a transport error; the transaction ends
            terminate();
        }
    }

    private void terminate() {
        state = State.TERMINATED;
        end();
    }

    @Override
    void timerFired(Timer timer) {
        handle(new ServerInput.TimerFired(timer));
    }

    @Override
    public synchronized boolean finalSent() {
        return last != null && last.status() >= 200;
    }
}
