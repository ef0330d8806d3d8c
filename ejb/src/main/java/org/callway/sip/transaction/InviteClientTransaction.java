package org.callway.sip.transaction;

import java.util.ArrayList;
import java.util.List;
import org.callway.sip.message.Header;
import org.callway.sip.message.HeaderNames;
import org.callway.sip.message.Headers;
import org.callway.sip.message.SipMethods;
import org.callway.sip.message.SipRequest;
import org.callway.sip.message.SipResponse;
import org.callway.sip.transport.Flow;

/**
 * INVITE client transaction, RFC 3261 §17.1.1 as updated by RFC 6026 §8.4 (the Accepted state
 * absorbs nothing: every 2xx goes to the TU, which ACKs it itself).
 *
 * <pre>
 * Calling    --1xx--> Proceeding   --2xx--> Accepted --Timer M--> Terminated
 *            --3xx-6xx (send ACK)--> Completed --Timer D--> Terminated
 * </pre>
 */
public final class InviteClientTransaction extends Transaction implements ClientTransaction {

    /** States of Figure 5 in RFC 3261 with RFC 6026's Accepted. */
    public enum State { CALLING, PROCEEDING, ACCEPTED, COMPLETED, TERMINATED }

    private final ClientTransactionUser user;
    private State state = State.CALLING;
    private SipRequest ack;

    InviteClientTransaction(TransactionKey key, SipRequest request, Flow flow, TransactionContext ctx, ClientTransactionUser user) {
        super(key, request, flow, ctx);
        this.user = user;
    }

    synchronized void start() {
        if (!ctx.transport().sendRequest(request, flow)) {
            handle(new ClientInput.TransportError());
            return;
        }
        // §17.1.1.2: Timer A only for unreliable transports; Timer B always
        if (!flow.reliable()) timers.start(Timer.A, ctx.timers().t1());
        timers.start(Timer.B, ctx.timers().timeout());
    }

    public synchronized State state() {
        return state;
    }

    /** Feeds one input through the state table. */
    public synchronized void handle(ClientInput in) {
        switch (state) {
            case CALLING -> calling(in);
            case PROCEEDING -> proceeding(in);
            case ACCEPTED -> accepted(in);
            case COMPLETED -> completed(in);
            case TERMINATED -> { }
        }
    }

    private void calling(ClientInput in) {
        if (in instanceof ClientInput.TimerFired t && t.timer() == Timer.A) {
            // §17.1.1.2: retransmit, then double the interval (no T2 cap for INVITE)
            if (!ctx.transport().sendRequest(request, flow)) {
                transportError();
                return;
            }
            timers.start(Timer.A, Timers.doubled(timers.interval(Timer.A), null));
        } else if (in instanceof ClientInput.TimerFired t && t.timer() == Timer.B) {
            terminate();
            user.onTimeout(this);
        } else {
            proceeding(in);
        }
    }

    private void proceeding(ClientInput in) {
        if (in instanceof ClientInput.TimerFired t && t.timer() == Timer.B) {
            // Only armed by cancelRequest(): §9.1, 64*T1 after the CANCEL without a final response
            // the INVITE counts as cancelled and this transaction goes (a callee gone after 180).
            terminate();
            user.onTimeout(this);
        } else if (in instanceof ClientInput.Provisional p) {
            // §17.1.1.2: no more retransmissions once anything came back; Timer B only in Calling
            timers.cancel(Timer.A);
            timers.cancel(Timer.B);
            state = State.PROCEEDING;
            user.onResponse(this, p.response());
        } else if (in instanceof ClientInput.Success s) {
            timers.cancel(Timer.A);
            timers.cancel(Timer.B);
            state = State.ACCEPTED; // RFC 6026 §8.4
            timers.start(Timer.M, ctx.timers().timeout());
            user.onResponse(this, s.response());
        } else if (in instanceof ClientInput.Failure f) {
            timers.cancel(Timer.A);
            timers.cancel(Timer.B);
            state = State.COMPLETED;
            ack = ackFor(f.response());
            ctx.transport().sendRequest(ack, flow);
            timers.start(Timer.D, ctx.timers().timerD(flow.reliable()));
            user.onResponse(this, f.response());
        } else if (in instanceof ClientInput.TransportError) {
            transportError();
        }
    }

    private void accepted(ClientInput in) {
        if (in instanceof ClientInput.Success s) {
            user.onResponse(this, s.response()); // RFC 6026 §8.4: further 2xx go to the TU
        } else if (in instanceof ClientInput.TimerFired t && t.timer() == Timer.M) {
            terminate();
        }
    }

    private void completed(ClientInput in) {
        if (in instanceof ClientInput.Failure) {
            ctx.transport().sendRequest(ack, flow); // §17.1.1.2: retransmitted final -> ACK again, not passed up
        } else if (in instanceof ClientInput.TimerFired t && t.timer() == Timer.D) {
            terminate();
        } else if (in instanceof ClientInput.TransportError) {
            terminate();
        }
    }

    private void transportError() {
        terminate();
        user.onTransportError(this);
    }

    private void terminate() {
        state = State.TERMINATED;
        end();
    }

    @Override
    void timerFired(Timer timer) {
        handle(new ClientInput.TimerFired(timer));
    }

    /**
     * §17.1.1.3: the ACK for a non-2xx has the INVITE's Request-URI, Call-ID, From, CSeq number
     * and top Via (same branch), the response's To (with its tag), and the INVITE's Route set.
     */
    SipRequest ackFor(SipResponse resp) {
        Headers in = request.headers();
        List<Header> out = new ArrayList<>(8);
        out.add(new Header(HeaderNames.VIA, request.topVia().orElseThrow().toString()));
        out.add(new Header(HeaderNames.MAX_FORWARDS, "70"));
        out.add(new Header(HeaderNames.FROM, in.first(HeaderNames.FROM).orElseThrow()));
        out.add(new Header(HeaderNames.TO, resp.headers().first(HeaderNames.TO).orElseThrow()));
        out.add(new Header(HeaderNames.CALL_ID, request.callId()));
        out.add(new Header(HeaderNames.CSEQ, request.cseq().number() + " " + SipMethods.ACK));
        for (Header h : in.all(HeaderNames.ROUTE)) out.add(new Header(HeaderNames.ROUTE, h.value()));
        out.add(new Header(HeaderNames.CONTENT_LENGTH, "0"));
        return new SipRequest(SipMethods.ACK, request.uri(), new Headers(out), null);
    }

    /**
     * The CANCEL for this INVITE (§9.1): same Request-URI, Call-ID, From, To, CSeq number and
     * top Via (so the server matches it to the INVITE), the INVITE's Route set. The TU sends it
     * through {@link TransactionLayer#sendRequest} once a provisional response has arrived.
     * From now on a final response is due within 64*T1 (Timer B's length), else the TU hears
     * a timeout and the transaction ends (§9.1).
     */
    public synchronized SipRequest cancelRequest() {
        if (state == State.PROCEEDING) {
            timers.start(Timer.B, ctx.timers().timeout()); // in Calling, Timer B already runs
        }
        Headers in = request.headers();
        List<Header> out = new ArrayList<>(8);
        out.add(new Header(HeaderNames.VIA, request.topVia().orElseThrow().toString()));
        out.add(new Header(HeaderNames.MAX_FORWARDS, "70"));
        out.add(new Header(HeaderNames.FROM, in.first(HeaderNames.FROM).orElseThrow()));
        out.add(new Header(HeaderNames.TO, in.first(HeaderNames.TO).orElseThrow()));
        out.add(new Header(HeaderNames.CALL_ID, request.callId()));
        out.add(new Header(HeaderNames.CSEQ, request.cseq().number() + " " + SipMethods.CANCEL));
        for (Header h : in.all(HeaderNames.ROUTE)) out.add(new Header(HeaderNames.ROUTE, h.value()));
        out.add(new Header(HeaderNames.CONTENT_LENGTH, "0"));
        return new SipRequest(SipMethods.CANCEL, request.uri(), new Headers(out), null);
    }
}
