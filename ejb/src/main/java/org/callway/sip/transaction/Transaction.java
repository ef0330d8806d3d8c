package org.callway.sip.transaction;

import java.util.ArrayList;
import java.util.List;
import org.callway.sip.message.SipRequest;
import org.callway.sip.transport.Flow;

/**
 * What the four state machines of RFC 3261 §17 share: the key, request and flow they were made
 * for, their timers, and how they end. The states differ per figure (5 to 8, with RFC 6026's
 * Accepted), so each subclass keeps its own State enum; the end is the same for all: timers
 * cancelled, the transaction leaves the layer's table (§17.1.1.2, §17.2.1 "destroyed"), and
 * whoever waits for the end is told. Subclasses synchronize on themselves, as this class does.
 */
abstract sealed class Transaction
        permits InviteClientTransaction, NonInviteClientTransaction, InviteServerTransaction, NonInviteServerTransaction {

    final TransactionKey key;
    final SipRequest request;
    final Flow flow;
    final TransactionContext ctx;
    final Timers timers;
    private final List<Runnable> onTerminated = new ArrayList<>(1);
    private boolean ended;

    Transaction(TransactionKey key, SipRequest request, Flow flow, TransactionContext ctx) {
        this.key = key;
        this.request = request;
        this.flow = flow;
        this.ctx = ctx;
        this.timers = new Timers(ctx.scheduler(), this::timerFired);
    }

    /** A timer of this transaction fired: fed through the subclass's state table. */
    abstract void timerFired(Timer timer);

    /** The subclass has moved to its Terminated state: release everything once. */
    final synchronized void end() {
        if (ended) {
            return;
        }
        ended = true;
        timers.cancelAll();
        ctx.removed().accept(this);
        onTerminated.forEach(Runnable::run);
        onTerminated.clear();
    }

    /** Runs {@code r} once the transaction terminates (immediately if it already has). */
    public final synchronized void onTerminated(Runnable r) {
        if (ended) {
            r.run();
        } else {
            onTerminated.add(r);
        }
    }

    public final TransactionKey key() {
        return key;
    }

    public final SipRequest request() {
        return request;
    }

    public final Flow flow() {
        return flow;
    }

    public final synchronized boolean terminated() {
        return ended;
    }
}
