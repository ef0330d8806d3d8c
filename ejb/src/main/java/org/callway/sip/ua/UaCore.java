package org.callway.sip.ua;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.callway.sip.dialog.Dialog;
import org.callway.sip.dialog.DialogId;
import org.callway.sip.dialog.DialogLayer;
import org.callway.sip.dialog.DialogUser;
import org.callway.sip.message.HeaderNames;
import org.callway.sip.message.InvalidHeaderException;
import org.callway.sip.message.SipMethods;
import org.callway.sip.message.SipRequest;
import org.callway.sip.message.SipResponse;
import org.callway.sip.message.SipUri;
import org.callway.sip.message.TelUri;
import org.callway.sip.parser.MessageValidator;
import org.callway.sip.transaction.Scheduler;
import org.callway.sip.transaction.ServerTransaction;
import org.callway.sip.transaction.TimerSettings;
import org.callway.sip.transaction.TransactionKey;
import org.callway.sip.transport.Flow;

/**
 * The UAS core (RFC 3261 §8.2): checks each new request in the order a user would expect the
 * answer — malformed header (400), Max-Forwards exhausted (483), method (405 with Allow),
 * URI scheme (416), merged request (482), Require (420 with Unsupported) — then answers OPTIONS
 * (§11.2) and CANCEL (§9.2) itself and hands everything else to the handler registered for its
 * method.
 */
public final class UaCore implements DialogUser {
    private static final System.Logger LOG = System.getLogger(UaCore.class.getName());
    private final DialogLayer dialogs;
    private final UaSettings settings;
    private final Map<String, RequestHandler> handlers = new ConcurrentHashMap<>();
    private final Map<String, ServerTransaction> merge = new ConcurrentHashMap<>();
    private final Map<TransactionKey, IncomingRequest> invites = new ConcurrentHashMap<>();
    private final Map<DialogId, Scheduler.Cancellable> unacked = new ConcurrentHashMap<>();
    private final Scheduler scheduler;
    private final TimerSettings timers;

    public UaCore(DialogLayer dialogs, UaSettings settings, Scheduler scheduler, TimerSettings timers) {
        this.dialogs = dialogs;
        this.settings = settings;
        this.scheduler = scheduler;
        this.timers = timers;
        dialogs.bind(this);
    }

    /**
     * Registers the handler for a method ({@code REGISTER}, {@code INVITE}, {@code BYE}, {@code ACK}
     * for 2xx ACKs, ...). A handler for OPTIONS replaces the built-in answer.
     */
    public void register(String method, RequestHandler handler) {
        handlers.put(method, handler);
    }

    /** Methods for Allow: registered ones plus what the core answers itself. */
    public List<String> allow() {
        TreeSet<String> m = new TreeSet<>(handlers.keySet());
        m.add(SipMethods.OPTIONS);
        if (handlers.containsKey(SipMethods.INVITE)) {
            m.add(SipMethods.ACK);
            m.add(SipMethods.CANCEL);
        }
        return new ArrayList<>(m);
    }

    @Override
    public void onRequest(ServerTransaction tx, SipRequest req, Optional<Dialog> dialog) {
        IncomingRequest in = new IncomingRequest(req, tx.flow(), tx, dialogs, dialog.orElse(null), settings.server(), this);
        try {
            if (!reject(in, dialog.isPresent())) dispatch(in);
        } catch (InvalidHeaderException e) {
            // a handler read a header we had not validated for it
            if (!in.answered()) in.respond(400, "Invalid " + e.header());
        } catch (RuntimeException e) {
            // a failing handler is answered and logged, never thrown into the transport's thread
            LOG.log(System.Logger.Level.ERROR, "handler for " + req.method() + " failed", e);
            if (!in.answered()) in.respond(500);
        }
    }

    /** Sends the first applicable rejection; true if one was sent. */
    private boolean reject(IncomingRequest in, boolean inDialog) {
        SipRequest req = in.request();
        Optional<String> bad = MessageValidator.check(req);
        if (bad.isPresent()) {
            in.respond(400, bad.get()); // §8.2: malformed -> 400 naming the header
            return true;
        }
        if (req.is(SipMethods.CANCEL)) return false;
        if (req.headers().maxForwards().orElse(70) == 0 && !settings.localMethods().contains(req.method())) {
            // §16.3 item 2: we would have to forward it (B2BUA leg) with no hops left
            in.respond(483);
            return true;
        }
        if (!req.is(SipMethods.OPTIONS) && !handlers.containsKey(req.method())) {
            SipResponse r = in.response(405);
            in.respond(r.withHeaders(r.headers().with(HeaderNames.ALLOW, String.join(", ", allow())))); // §8.2.1
            return true;
        }
        if (!(req.uri() instanceof SipUri || req.uri() instanceof TelUri)) {
            in.respond(416); // §8.2.2.1
            return true;
        }
        if (!inDialog && merged(in)) {
            in.respond(482, "Loop Detected"); // §8.2.2.2
            return true;
        }
        List<String> unsupported = new ArrayList<>();
        for (String tag : req.headers().tokens(HeaderNames.REQUIRE)) {
            if (!settings.supported().contains(tag)) unsupported.add(tag);
        }
        if (!unsupported.isEmpty()) {
            SipResponse r = in.response(420);
            in.respond(r.withHeaders(r.headers().with(HeaderNames.UNSUPPORTED, String.join(", ", unsupported)))); // §8.2.2.3
            return true;
        }
        return false;
    }

    /**
     * §8.2.2.2: a request without To tag whose From tag, Call-ID and CSeq match a request still
     * in a server transaction, but which did not match that transaction, arrived by another path.
     */
    private boolean merged(IncomingRequest in) {
        SipRequest req = in.request();
        String key = req.from().tag().orElse("") + "|" + req.callId() + "|" + req.cseq();
        ServerTransaction tx = in.transaction();
        ServerTransaction prev = merge.putIfAbsent(key, tx);
        if (prev != null && prev != tx && !prev.terminated()) return true;
        if (prev != null && prev != tx) merge.put(key, tx);
        tx.onTerminated(() -> merge.remove(key, tx));
        return false;
    }

    private void dispatch(IncomingRequest in) {
        SipRequest req = in.request();
        if (req.is(SipMethods.CANCEL)) {
            cancel(in);
            return;
        }
        RequestHandler h = handlers.get(req.method());
        if (h == null && req.is(SipMethods.OPTIONS)) {
            options(in);
            return;
        }
        if (req.is(SipMethods.INVITE)) {
            TransactionKey key = in.transaction().key();
            invites.put(key, in);
            in.transaction().onTerminated(() -> invites.remove(key, in));
        }
        h.handle(in);
    }

    /** §11.2: 200 with Allow, Accept and Supported. */
    private void options(IncomingRequest in) {
        SipResponse r = in.response(200);
        in.respond(r.withHeaders(r.headers()
                .with(HeaderNames.ALLOW, String.join(", ", allow()))
                .with(HeaderNames.ACCEPT, String.join(", ", settings.accept()))
                .with(HeaderNames.SUPPORTED, String.join(", ", new TreeSet<>(settings.supported())))));
    }

    /**
     * §9.2: 200 to the CANCEL if it matches an INVITE transaction (481 otherwise); if that INVITE
     * has no final response yet, answer it 487 and tell its handler.
     */
    private void cancel(IncomingRequest in) {
        Optional<ServerTransaction> invite = dialogs.inviteFor(in.request());
        if (invite.isEmpty()) {
            in.respond(481);
            return;
        }
        in.respond(200);
        IncomingRequest inv = invites.get(invite.get().key());
        if (inv != null && !inv.answered()) {
            inv.respond(487);
            inv.cancel();
        }
    }

    @Override
    public void onAck(SipRequest ack, Flow flow, Optional<Dialog> dialog) {
        dialog.map(d -> unacked.remove(d.id())).ifPresent(Scheduler.Cancellable::cancel);
        RequestHandler h = handlers.get(SipMethods.ACK);
        if (h != null) h.handle(new IncomingRequest(ack, flow, null, dialogs, dialog.orElse(null), null, this));
    }

    /**
     * §13.3.1.4: the UAS core, not the transaction, retransmits a 2xx to INVITE over an
     * unreliable flow — after T1, then doubling up to T2 — until the ACK arrives; with no ACK
     * within 64*T1 the request's no-ACK listeners run (the call service then sends BYE).
     */
    void sent2xx(IncomingRequest in, SipResponse ok, Dialog dialog) {
        if (in.flow().reliable() || dialog == null) return;
        new Retransmission(in, ok, dialog.id()).schedule(timers.t1(), java.time.Duration.ZERO);
    }

    private final class Retransmission {
        private final IncomingRequest in;
        private final SipResponse ok;
        private final DialogId id;

        Retransmission(IncomingRequest in, SipResponse ok, DialogId id) {
            this.in = in;
            this.ok = ok;
            this.id = id;
        }

        void schedule(java.time.Duration interval, java.time.Duration elapsed) {
            java.time.Duration at = elapsed.plus(interval);
            boolean last = at.compareTo(timers.timeout()) >= 0;
            java.time.Duration wait = last ? timers.timeout().minus(elapsed) : interval;
            unacked.put(id, scheduler.schedule(wait, () -> {
                if (!unacked.containsKey(id)) return;
                if (last) {
                    unacked.remove(id);
                    in.noAck();
                    return;
                }
                in.transaction().respond(ok); // RFC 6026 §8.6: out through the Accepted transaction
                java.time.Duration next = interval.multipliedBy(2);
                schedule(next.compareTo(timers.t2()) > 0 ? timers.t2() : next, at);
            }));
        }
    }
}
