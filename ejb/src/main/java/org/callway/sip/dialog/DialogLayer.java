package org.callway.sip.dialog;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.callway.sip.message.SipMethods;
import org.callway.sip.message.SipRequest;
import org.callway.sip.message.SipResponse;
import org.callway.sip.message.StatusCodes;
import org.callway.sip.transaction.ClientTransaction;
import org.callway.sip.transaction.ClientTransactionUser;
import org.callway.sip.transaction.ServerTransaction;
import org.callway.sip.transaction.TransactionLayer;
import org.callway.sip.transaction.TransactionUser;
import org.callway.sip.transport.Flow;

/**
 * The dialog layer (RFC 3261 §12): keeps dialogs by id, routes requests carrying a To tag to
 * theirs (481 if none, 500 if out of order, §12.2.2), and offers the layer above the transaction
 * operations it needs, so the UA core never reaches past this layer.
 */
public final class DialogLayer implements TransactionUser {
    private final TransactionLayer transactions;
    private final Map<DialogId, Dialog> dialogs = new ConcurrentHashMap<>();
    private volatile DialogUser user;

    public DialogLayer(TransactionLayer transactions) {
        this.transactions = transactions;
        transactions.bind(this);
    }

    public void bind(DialogUser user) {
        this.user = user;
    }

    @Override
    public void onRequest(ServerTransaction tx, SipRequest request) {
        Optional<String> toTag = request.to().tag();
        if (toTag.isEmpty() || request.is(SipMethods.CANCEL)) {
            // CANCEL carries the To of the request it cancels; it is matched by transaction (§9.2)
            user.onRequest(tx, request, Optional.empty());
            return;
        }
        Dialog d = dialogs.get(new DialogId(request.callId(), toTag.get(), request.from().tag().orElse("")));
        if (d == null || d.state() == Dialog.State.TERMINATED) {
            tx.respond(SipResponse.to(request, 481, StatusCodes.reason(481), null)); // §12.2.2
            return;
        }
        if (d.accept(request, tx.flow()) == Dialog.Check.OUT_OF_ORDER) {
            tx.respond(SipResponse.to(request, 500, "CSeq Out of Order", null)); // §12.2.2
            return;
        }
        user.onRequest(tx, request, Optional.of(d));
        if (request.is(SipMethods.BYE)) {
            // §15.1.2: a BYE ends the dialog (the user has answered it); a retransmission is
            // absorbed by its server transaction, anything later gets 481.
            terminate(d);
        }
    }

    @Override
    public void onAck(SipRequest ack, Flow flow) {
        Optional<Dialog> d = ack.to().tag()
                .map(t -> dialogs.get(new DialogId(ack.callId(), t, ack.from().tag().orElse(""))));
        user.onAck(ack, flow, d);
    }

    @Override
    public void onStrayResponse(SipResponse response, Flow flow) {
        if (user != null) user.onStrayResponse(response, flow);
    }

    @Override
    public void onAckTimeout(ServerTransaction tx) {
        if (user != null) user.onAckTimeout(tx);
    }

    /** UAS: our 1xx/2xx with a To tag to a dialog-creating request makes (or updates) a dialog (§12.1.1). */
    public Dialog established(SipRequest request, SipResponse response, Flow flow) {
        Dialog d = Dialog.asUas(request, response, flow);
        Dialog prev = dialogs.putIfAbsent(d.id(), d);
        if (prev != null) {
            // A 2xx to a re-INVITE on a dialog we may have started as UAC: our response's Contact
            // is ours, never the remote target (that came from the request, §12.2.2).
            prev.answered(response);
            return prev;
        }
        return d;
    }

    /** UAC: a 1xx/2xx with a To tag to our request makes or updates its dialog (§12.1.2, §12.2.1.2). */
    public Dialog onUacResponse(SipRequest request, SipResponse response, Flow flow) {
        DialogId id = new DialogId(request.callId(), request.from().tag().orElse(""), response.to().tag().orElseThrow());
        Dialog d = dialogs.get(id);
        if (d == null) {
            d = Dialog.asUac(request, response, flow);
            Dialog prev = dialogs.putIfAbsent(id, d);
            if (prev != null) d = prev;
            else return d;
        }
        d.update(response);
        return d;
    }

    /** Ends a dialog (BYE answered, early dialog failed, §12.3, §15). */
    public void terminate(Dialog d) {
        d.terminate();
        dialogs.remove(d.id(), d);
    }

    public Optional<Dialog> find(DialogId id) {
        return Optional.ofNullable(dialogs.get(id));
    }

    public int size() {
        return dialogs.size();
    }

    // ---- what the UA core needs from the transaction layer, without reaching past this layer

    public ClientTransaction sendRequest(SipRequest request, Flow flow, ClientTransactionUser tu) {
        if (request.is(SipMethods.BYE)) {
            Dialog d = dialogs.get(new DialogId(request.callId(), request.from().tag().orElse(""),
                    request.to().tag().orElse("")));
            if (d != null) {
                return transactions.sendRequest(request, flow, ending(d, tu));
            }
        }
        return transactions.sendRequest(request, flow, tu);
    }

    /**
     * §15.1.1: our BYE ends the dialog once it is answered, or times out, or cannot be sent (a
     * 481 or 408 means the same); until then the far end may still send in it (a crossing BYE).
     */
    private ClientTransactionUser ending(Dialog d, ClientTransactionUser tu) {
        return new ClientTransactionUser() {
            @Override
            public void onResponse(ClientTransaction tx, SipResponse response) {
                if (response.status() >= 200) {
                    terminate(d);
                }
                tu.onResponse(tx, response);
            }

            @Override
            public void onTimeout(ClientTransaction tx) {
                terminate(d);
                tu.onTimeout(tx);
            }

            @Override
            public void onTransportError(ClientTransaction tx) {
                terminate(d);
                tu.onTransportError(tx);
            }
        };
    }

    public boolean sendAck(SipRequest ack, Flow flow) {
        return transactions.sendAck(ack, flow);
    }

    public Optional<ServerTransaction> inviteFor(SipRequest cancel) {
        return transactions.inviteFor(cancel);
    }
}
