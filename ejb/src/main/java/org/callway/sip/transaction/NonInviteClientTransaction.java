package org.callway.sip.transaction;

import org.callway.sip.message.SipRequest;
import org.callway.sip.transport.Flow;

/**
 * Non-INVITE client transaction, RFC 3261 §17.1.2 (Figure 6).
 *
 * <pre>
 * Trying --1xx--> Proceeding --200-699--> Completed --Timer K--> Terminated
 * Timer E retransmits (T1 doubling to T2; T2 flat in Proceeding), Timer F times out.
 * </pre>
 */
public final class NonInviteClientTransaction extends Transaction implements ClientTransaction {

    public enum State { TRYING, PROCEEDING, COMPLETED, TERMINATED }

    private final ClientTransactionUser user;
    private State state = State.TRYING;

    NonInviteClientTransaction(TransactionKey key, SipRequest request, Flow flow, TransactionContext ctx,
                               ClientTransactionUser user) {
        super(key, request, flow, ctx);
        this.user = user;
    }

    synchronized void start() {
        if (!ctx.transport().sendRequest(request, flow)) {
            handle(new ClientInput.TransportError());
            return;
        }
        timers.start(Timer.F, ctx.timers().timeout());
        if (!flow.reliable()) timers.start(Timer.E, ctx.timers().t1());
    }

    public synchronized State state() {
        return state;
    }

    public synchronized void handle(ClientInput in) {
        switch (state) {
            case TRYING -> trying(in);
            case PROCEEDING -> proceeding(in);
            case COMPLETED -> completed(in);
            case TERMINATED -> { }
        }
    }

    private void trying(ClientInput in) {
        if (in instanceof ClientInput.TimerFired t && t.timer() == Timer.E) {
            retransmit(Timers.doubled(timers.interval(Timer.E), ctx.timers().t2())); // §17.1.2.2: min(2E, T2)
        } else {
            common(in);
        }
    }

    private void proceeding(ClientInput in) {
        if (in instanceof ClientInput.TimerFired t && t.timer() == Timer.E) {
            retransmit(ctx.timers().t2()); // §17.1.2.2: in Proceeding, every T2
        } else {
            common(in);
        }
    }

    private void common(ClientInput in) {
        if (in instanceof ClientInput.Provisional p) {
            state = State.PROCEEDING;
            user.onResponse(this, p.response());
        } else if (in instanceof ClientInput.Success || in instanceof ClientInput.Failure) {
            timers.cancel(Timer.E);
            timers.cancel(Timer.F);
            state = State.COMPLETED;
            user.onResponse(this, in instanceof ClientInput.Success s ? s.response() : ((ClientInput.Failure) in).response());
            // Timer K: T4 for unreliable, zero for reliable (§17.1.2.2)
            if (flow.reliable()) terminate();
            else timers.start(Timer.K, ctx.timers().t4());
        } else if (in instanceof ClientInput.TimerFired t && t.timer() == Timer.F) {
            terminate();
            user.onTimeout(this);
        } else if (in instanceof ClientInput.TransportError) {
            terminate();
            user.onTransportError(this);
        }
    }

    private void completed(ClientInput in) {
        // responses retransmitted into Completed are absorbed
        if (in instanceof ClientInput.TimerFired t && t.timer() == Timer.K) terminate();
    }

    private void retransmit(java.time.Duration next) {
        if (!ctx.transport().sendRequest(request, flow)) {
            terminate();
            user.onTransportError(this);
            return;
        }
        timers.start(Timer.E, next);
    }

    private void terminate() {
        state = State.TERMINATED;
        end();
    }

    @Override
    void timerFired(Timer timer) {
        handle(new ClientInput.TimerFired(timer));
    }
}
