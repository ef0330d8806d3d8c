package org.callway.sip.transaction;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.callway.sip.message.SipMethods;
import org.callway.sip.message.SipRequest;
import org.callway.sip.message.SipResponse;
import org.callway.sip.transport.Flow;
import org.callway.sip.transport.TransportLayer;
import org.callway.sip.transport.TransportUser;

/**
 * The transaction layer (RFC 3261 §17): matches messages from the transport to transactions
 * (§17.1.3, §17.2.3), creates server transactions for new requests, and runs client transactions
 * for requests the layers above send. ACKs for non-2xx responses are absorbed by their INVITE
 * transaction; ACKs for 2xx go up to the dialog layer.
 */
public final class TransactionLayer implements TransportUser {
    private final TransactionContext ctx;
    private final Map<TransactionKey, ServerTransaction> servers = new ConcurrentHashMap<>();
    private final Map<TransactionKey, ClientTransaction> clients = new ConcurrentHashMap<>();
    private volatile TransactionUser user;

    public TransactionLayer(TransportLayer transport, Scheduler scheduler, TimerSettings timers) {
        this.ctx = new TransactionContext(transport, scheduler, timers, this::remove);
        transport.bind(this);
    }

    public void bind(TransactionUser user) {
        this.user = user;
    }

    public TimerSettings timers() {
        return ctx.timers();
    }

    public Scheduler scheduler() {
        return ctx.scheduler();
    }

    public TransportLayer transport() {
        return ctx.transport();
    }

    private void remove(Object tx) {
        if (tx instanceof ServerTransaction s) servers.remove(s.key(), s);
        if (tx instanceof ClientTransaction c) clients.remove(c.key(), c);
    }

    @Override
    public void onRequest(SipRequest request, Flow flow) {
        TransactionKey key = TransactionKey.server(request);
        ServerTransaction existing = servers.get(key);
        if (request.is(SipMethods.ACK)) {
            if (existing instanceof InviteServerTransaction ist && ackMatches(ist, request)) {
                ist.handle(new ServerInput.Ack(request)); // non-2xx ACK absorbed; Accepted passes it up
            } else {
                user.onAck(request, flow); // 2xx ACK: own branch, no transaction (§17.1.1.3)
            }
            return;
        }
        if (existing != null) {
            // a retransmission (§17.2.3)
            if (existing instanceof InviteServerTransaction ist) ist.handle(new ServerInput.Retransmission(request));
            else ((NonInviteServerTransaction) existing).handle(new ServerInput.Retransmission(request));
            return;
        }
        ServerTransaction tx;
        if (request.is(SipMethods.INVITE)) {
            InviteServerTransaction ist = new InviteServerTransaction(key, request, flow, ctx, user);
            if (servers.putIfAbsent(key, ist) != null) {
                onRequest(request, flow); // lost a race with a retransmission
                return;
            }
            ist.start();
            tx = ist;
        } else {
            tx = new NonInviteServerTransaction(key, request, flow, ctx);
            if (servers.putIfAbsent(key, tx) != null) {
                onRequest(request, flow);
                return;
            }
        }
        user.onRequest(tx, request);
    }

    /** RFC 2543 peers: the ACK's To tag must be the tag of our response (§17.2.3). */
    private static boolean ackMatches(InviteServerTransaction ist, SipRequest ack) {
        if (ack.topVia().orElseThrow().rfc3261Branch()) return true;
        String tag = ist.localTag();
        return tag == null || tag.equals(ack.to().tag().orElse(null));
    }

    @Override
    public void onResponse(SipResponse response, Flow flow) {
        ClientTransaction tx = clients.get(TransactionKey.client(response));
        if (tx instanceof InviteClientTransaction ict) {
            ict.handle(ClientInput.of(response));
        } else if (tx instanceof NonInviteClientTransaction nict) {
            nict.handle(ClientInput.of(response));
        } else if (user != null) {
            user.onStrayResponse(response, flow);
        }
    }

    /**
     * Sends {@code request} (its top Via must carry a fresh magic-cookie branch, §8.1.1.7) in a new
     * client transaction over {@code flow}. ACK is not sent this way: see {@link #sendAck}.
     */
    public ClientTransaction sendRequest(SipRequest request, Flow flow, ClientTransactionUser tu) {
        if (request.is(SipMethods.ACK)) throw new IllegalArgumentException("ACK has no client transaction");
        TransactionKey key = TransactionKey.client(request);
        if (request.is(SipMethods.INVITE)) {
            InviteClientTransaction t = new InviteClientTransaction(key, request, flow, ctx, tu);
            clients.put(key, t);
            t.start();
            return t;
        }
        NonInviteClientTransaction t = new NonInviteClientTransaction(key, request, flow, ctx, tu);
        clients.put(key, t);
        t.start();
        return t;
    }

    /** An ACK for a 2xx is sent by the TU directly over the transport (§13.2.2.4, §17.1.1.3). */
    public boolean sendAck(SipRequest ack, Flow flow) {
        return ctx.transport().sendRequest(ack, flow);
    }

    /** The INVITE server transaction a CANCEL refers to (§9.2), if it is still alive. */
    public Optional<ServerTransaction> inviteFor(SipRequest cancel) {
        ServerTransaction tx = servers.get(TransactionKey.invitedBy(cancel));
        return tx instanceof InviteServerTransaction && !tx.terminated() ? Optional.of(tx) : Optional.empty();
    }

    /** Live transactions, for tests and monitoring. */
    public int serverCount() {
        return servers.size();
    }

    public int clientCount() {
        return clients.size();
    }
}
