package org.callway.sip.transaction;

import org.callway.sip.message.SipRequest;
import org.callway.sip.message.SipResponse;
import org.callway.sip.transport.Flow;

/**
 * Non-INVITE server transaction, RFC 3261 §17.2.2 (Figure 8).
 *
 * <pre>
 * Trying --1xx--> Proceeding --200-699--> Completed --Timer J--> Terminated
 * </pre>
 */
public final class NonInviteServerTransaction extends Transaction implements ServerTransaction {

    public enum State { TRYING, PROCEEDING, COMPLETED, TERMINATED }

    private State state = State.TRYING;
    private SipResponse last;

    NonInviteServerTransaction(TransactionKey key, SipRequest request, Flow flow, TransactionContext ctx) {
        super(key, request, flow, ctx);
    }

    public synchronized State state() {
        return state;
    }

    @Override
    public void respond(SipResponse response) {
        handle(ServerInput.of(response));
    }

    public synchronized void handle(ServerInput in) {
        switch (state) {
            case TRYING -> trying(in);
            case PROCEEDING -> proceeding(in);
            case COMPLETED -> completed(in);
            case TERMINATED -> { }
        }
    }

    private void trying(ServerInput in) {
        // §17.2.2: a retransmission in Trying is discarded (nothing to resend yet)
        if (!(in instanceof ServerInput.Retransmission)) proceeding(in);
    }

    private void proceeding(ServerInput in) {
        if (in instanceof ServerInput.Retransmission) {
            send(last);
        } else if (in instanceof ServerInput.SendProvisional p) {
            state = State.PROCEEDING;
            last = p.response();
            send(last);
        } else if (in instanceof ServerInput.SendSuccess || in instanceof ServerInput.SendFailure) {
            last = in instanceof ServerInput.SendSuccess s ? s.response() : ((ServerInput.SendFailure) in).response();
            state = State.COMPLETED;
            send(last);
            if (state == State.TERMINATED) return;
            // Timer J: 64*T1 for unreliable (absorb request retransmissions), zero for reliable
            if (flow.reliable()) terminate();
            else timers.start(Timer.J, ctx.timers().timeout());
        } else if (in instanceof ServerInput.TransportError) {
            terminate();
        }
    }

    private void completed(ServerInput in) {
        if (in instanceof ServerInput.Retransmission) {
            send(last);
        } else if (in instanceof ServerInput.TimerFired t && t.timer() == Timer.J) {
            terminate();
        } else if (in instanceof ServerInput.TransportError) {
            terminate();
        }
        // further final responses from the TU are discarded (§17.2.2)
    }

    private void send(SipResponse r) {
        if (!ctx.transport().sendResponse(r, flow)) terminate();
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
