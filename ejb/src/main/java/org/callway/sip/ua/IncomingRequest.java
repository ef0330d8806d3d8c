package org.callway.sip.ua;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.callway.sip.dialog.Dialog;
import org.callway.sip.dialog.DialogLayer;
import org.callway.sip.message.SipMethods;
import org.callway.sip.message.SipRequest;
import org.callway.sip.message.SipResponse;
import org.callway.sip.message.StatusCodes;
import org.callway.sip.transaction.ServerTransaction;
import org.callway.sip.transport.Flow;

/**
 * A request handed to a {@link RequestHandler}: the message, the flow it came over, its dialog
 * if it is in one, and the means to answer. All responses carry the same To tag (§8.2.6.2); a
 * 101-299 to INVITE creates the dialog (§12.1.1), a 2xx to BYE ends it (§15.1.2).
 */
public final class IncomingRequest {
    private final SipRequest request;
    private final Flow flow;
    private final ServerTransaction tx;
    private final DialogLayer dialogs;
    private final String server;
    private final UaCore core;
    private final List<Runnable> cancelListeners = new ArrayList<>(1);
    private final List<Runnable> noAckListeners = new ArrayList<>(1);
    private Dialog dialog;
    private String localTag;
    private boolean cancelled;

    IncomingRequest(SipRequest request, Flow flow, ServerTransaction tx, DialogLayer dialogs, Dialog dialog, String server,
                    UaCore core) {
        this.core = core;
        this.request = request;
        this.flow = flow;
        this.tx = tx;
        this.dialogs = dialogs;
        this.dialog = dialog;
        this.server = server;
        this.localTag = request.to().tag().orElse(null);
    }

    public SipRequest request() {
        return request;
    }

    public String method() {
        return request.method();
    }

    public Flow flow() {
        return flow;
    }

    public synchronized Optional<Dialog> dialog() {
        return Optional.ofNullable(dialog);
    }

    /** The To tag our responses carry (chosen on first use, §19.3: at least 32 bits of randomness). */
    public synchronized String localTag() {
        if (localTag == null) localTag = UUID.randomUUID().toString().substring(0, 13).replace("-", "");
        return localTag;
    }

    /** A response to this request with our To tag, ready to add headers/body to. */
    public SipResponse response(int status, String reason) {
        SipResponse r = SipResponse.to(request, status, reason, status > 100 ? localTag() : null);
        return server != null && status > 100 ? r.withHeaders(r.headers().with("Server", server)) : r;
    }

    public SipResponse response(int status) {
        return response(status, StatusCodes.reason(status));
    }

    public void respond(int status) {
        respond(response(status));
    }

    public void respond(int status, String reason) {
        respond(response(status, reason));
    }

    /** Sends {@code r} through the server transaction. ACKs cannot be answered. */
    public void respond(SipResponse r) {
        if (tx == null) throw new IllegalStateException("an ACK has no response");
        if (request.is(SipMethods.INVITE) && r.status() > 100 && r.status() < 300 && r.to().tag().isPresent()) {
            Dialog d = dialogs.established(request, r, flow);
            synchronized (this) {
                dialog = d;
            }
        } else if (request.is(SipMethods.INVITE) && r.status() >= 300) {
            Optional<Dialog> d = dialog();
            if (d.isPresent() && d.get().state() == Dialog.State.EARLY) dialogs.terminate(d.get());
        } else if (request.is(SipMethods.BYE) && r.success()) {
            dialog().ifPresent(dialogs::terminate);
        }
        tx.respond(r);
        if (request.is(SipMethods.INVITE) && r.success()) core.sent2xx(this, r, dialog().orElse(null));
    }

    /** Runs {@code r} if no ACK arrives for our 2xx within 64*T1 (§13.3.1.4: the dialog should then be ended with BYE). */
    public synchronized void onNoAck(Runnable r) {
        noAckListeners.add(r);
    }

    void noAck() {
        List<Runnable> run;
        synchronized (this) {
            run = new ArrayList<>(noAckListeners);
        }
        run.forEach(Runnable::run);
    }

    /** Whether a final response went out. */
    public boolean answered() {
        return tx == null || tx.finalSent();
    }

    /** Runs {@code r} when a CANCEL for this INVITE arrives (after the 487 was sent, §9.2). */
    public synchronized void onCancel(Runnable r) {
        if (cancelled) r.run();
        else cancelListeners.add(r);
    }

    public synchronized boolean cancelled() {
        return cancelled;
    }

    void cancel() {
        List<Runnable> run;
        synchronized (this) {
            cancelled = true;
            run = new ArrayList<>(cancelListeners);
            cancelListeners.clear();
        }
        run.forEach(Runnable::run);
    }

    ServerTransaction transaction() {
        return tx;
    }
}
