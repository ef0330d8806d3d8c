package org.callway.call;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.callway.sdp.Direction;
import org.callway.sdp.Reoffer;
import org.callway.sdp.SessionDescription;
import org.callway.sip.dialog.Dialog;
import org.callway.sip.message.Address;
import org.callway.sip.message.HeaderNames;
import org.callway.sip.message.SipRequest;
import org.callway.sip.message.SipResponse;
import org.callway.sip.transaction.ClientTransaction;
import org.callway.sip.transaction.ClientTransactionUser;
import org.callway.sip.transport.Flow;
import org.callway.sip.transport.TransportLayer;
import org.callway.sip.ua.SipStackBean;

/**
 * Relays hold and resume across the B2BUA (RFC 3261 §14, RFC 3264 §8.4). Callway answers a
 * party's re-INVITE itself (its leg keeps its ICE, DTLS and codec); when that re-offer changed the
 * media direction, the other party has to learn it, so Callway re-INVITEs the other leg's dialog
 * with the same direction.
 *
 * <p>Why the same direction: on the other leg Callway stands where the holding party stands. A
 * party offering {@code sendonly} will send (music on hold, or nothing) but not receive; what it
 * sends reaches the other party through Callway, and nothing the other party sends is wanted, so
 * Callway's offer to the other party is {@code sendonly} too — exactly what RFC 3264 §8.4 says an
 * offerer putting a sendrecv stream on hold marks it. {@code inactive} (hold by a party that was
 * itself held) maps to {@code inactive}, {@code recvonly} to {@code recvonly}, and resume
 * ({@code sendrecv}) to {@code sendrecv}. The other leg's SDP is otherwise the one it last got
 * from Callway ({@link Reoffer}): no ICE restart, no new DTLS handshake or SDES keys.
 *
 * <p>One INVITE transaction at a time per dialog (§14.1): a direction change that arrives while
 * our re-INVITE to that leg is pending is sent when it completes; a re-INVITE from a party while
 * ours to it is pending is glare, answered 491 by the caller of {@link #pending}; our re-INVITE
 * answered 491 is retried after §14.1's random wait. A failed re-INVITE is logged and the call
 * stays up (§14.1: the session continues as before).
 */
final class ReinviteRelay {

    private static final Logger LOG = Logger.getLogger(ReinviteRelay.class.getName());
    /** How often a 491 is answered by trying again before giving up on that direction change. */
    private static final int GLARE_RETRIES = 3;

    /** The two parties of a bridged call. */
    enum Side {
        CALLER, CALLEE;

        Side other() {
            return this == CALLER ? CALLEE : CALLER;
        }
    }

    /** Per call and side: what the party last offered us, and our re-INVITE towards it. Guarded by itself. */
    static final class State {
        private final Direction[] offered = {Direction.SENDRECV, Direction.SENDRECV};
        private final Direction[] wanted = new Direction[2];
        private final boolean[] pending = new boolean[2];
    }

    private final SipStackBean sip;
    private final ManagedScheduledExecutorService scheduler;

    ReinviteRelay(SipStackBean sip, ManagedScheduledExecutorService scheduler) {
        this.sip = sip;
        this.scheduler = scheduler;
    }

    /**
     * Glare (RFC 3261 §14.2): whether our own re-INVITE to {@code side} is still in progress, in
     * which case that side's re-INVITE must be answered 491 Request Pending.
     */
    boolean pending(Call call, Side side) {
        synchronized (call.relay) {
            return call.relay.pending[side.ordinal()];
        }
    }

    /**
     * {@code from} re-offered with {@code direction} and has been answered: if that changes the
     * direction it last offered and the call is bridged, the other side gets a re-INVITE.
     */
    void offered(Call call, Side from, Direction direction) {
        Side to = from.other();
        synchronized (call.relay) {
            Direction before = call.relay.offered[from.ordinal()];
            call.relay.offered[from.ordinal()] = direction;
            if (before == direction || call.callerDialog == null || call.calleeDialog == null) {
                return; // e.g. an ICE restart or a session refresh: this leg's business only
            }
            call.relay.wanted[to.ordinal()] = direction;
            if (call.relay.pending[to.ordinal()]) {
                return; // sent when the one in progress completes (§14.1)
            }
            call.relay.pending[to.ordinal()] = true;
        }
        send(call, to, direction, 1);
    }

    /** Whether either party last offered anything but sendrecv: on hold, media may rightly stop. */
    static boolean held(Call call) {
        synchronized (call.relay) {
            return call.relay.offered[0] != Direction.SENDRECV || call.relay.offered[1] != Direction.SENDRECV;
        }
    }

    /** The direction of an offer: that of its first active media section (the audio). */
    static Direction direction(SessionDescription offer) {
        return offer.media().stream().filter(m -> !m.rejected()).findFirst().map(offer::direction)
                .orElse(Direction.SENDRECV);
    }

    private void send(Call call, Side to, Direction direction, int attempt) {
        Dialog dialog = to == Side.CALLER ? call.callerDialog : call.calleeDialog;
        SessionDescription last = to == Side.CALLER ? call.callerAnswer : call.calleeSdp;
        if (call.isEnded() || dialog == null || last == null || dialog.state() == Dialog.State.TERMINATED) {
            finished(call, to, null);
            return;
        }
        SessionDescription offer = Reoffer.withDirection(last, direction);
        // The version is spent once sent, taken or not (RFC 3264 §8: each new SDP is the last + 1).
        if (to == Side.CALLER) {
            call.callerAnswer = offer;
        } else {
            call.calleeSdp = offer;
        }
        Flow flow = dialog.flow();
        Address contact = Address.parse(CallService.contact(flow, to == Side.CALLER ? call.callee : "callway"))
                .orElseThrow();
        SipRequest bare = dialog.createRequest("INVITE", TransportLayer.via(flow, CallService.newBranch()), contact, Dialog.EMPTY);
        byte[] body = offer.serialize().getBytes(StandardCharsets.UTF_8);
        SipRequest invite = new SipRequest(bare.method(), bare.uri(), bare.headers()
                .with("Allow", "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO")
                .with(HeaderNames.CONTENT_TYPE, "application/sdp")
                .set(HeaderNames.CONTENT_LENGTH, Integer.toString(body.length)), body);
        LOG.fine(() -> "call " + call.callId + ": " + direction.sdp() + " relayed to the " + to.name().toLowerCase());
        sip.stack().dialogs().sendRequest(invite, flow, new ClientTransactionUser() {
            private final AtomicBoolean answered = new AtomicBoolean();

            @Override
            public void onResponse(ClientTransaction tx, SipResponse response) {
                int status = response.status();
                if (status < 200) {
                    return;
                }
                if (status < 300) {
                    // Every 2xx (retransmissions too, RFC 6026) is ACKed by the TU (RFC 3261 §13.2.2.4).
                    Dialog d = sip.stack().dialogs().onUacResponse(invite, response, flow);
                    SipRequest ack = d.createRequest("ACK", TransportLayer.via(flow, CallService.newBranch()), null,
                            invite.cseq().number());
                    sip.stack().dialogs().sendAck(ack, flow);
                    if (answered.compareAndSet(false, true)) {
                        finished(call, to, direction);
                    }
                    return;
                }
                if (!answered.compareAndSet(false, true)) {
                    return;
                }
                if (status == 491 && attempt <= GLARE_RETRIES) {
                    retryAfterGlare(call, to, direction, attempt);
                    return;
                }
                failed(call, to, direction, status + " " + response.reason());
            }

            @Override
            public void onTimeout(ClientTransaction tx) {
                if (answered.compareAndSet(false, true)) {
                    failed(call, to, direction, "no answer");
                }
            }

            @Override
            public void onTransportError(ClientTransaction tx) {
                if (answered.compareAndSet(false, true)) {
                    failed(call, to, direction, "transport error");
                }
            }
        });
    }

    /**
     * RFC 3261 §14.1: after a 491, wait a random time before trying again — 2.1 to 4 s if we
     * chose the dialog's Call-ID (the callee leg, which Callway's INVITE started), else 0 to 2 s,
     * in 10 ms units — so the two sides stop colliding. The party may re-INVITE us meanwhile (that
     * is the point of the unequal waits), so we are not "pending" while waiting: its re-INVITE is
     * answered, not refused again. The newest wanted direction goes, unless a send already did.
     */
    private void retryAfterGlare(Call call, Side to, Direction direction, int attempt) {
        synchronized (call.relay) {
            call.relay.pending[to.ordinal()] = false;
        }
        long tens = to == Side.CALLEE ? ThreadLocalRandom.current().nextLong(210, 401)
                : ThreadLocalRandom.current().nextLong(0, 201);
        scheduler.schedule(() -> {
            Direction now;
            synchronized (call.relay) {
                if (call.relay.pending[to.ordinal()]) {
                    return; // a newer change is on its way and carries the wanted direction
                }
                now = call.relay.wanted[to.ordinal()];
                call.relay.pending[to.ordinal()] = true;
            }
            send(call, to, now == null ? direction : now, attempt + 1);
        }, tens * 10, TimeUnit.MILLISECONDS);
    }

    private void failed(Call call, Side to, Direction direction, String why) {
        LOG.warning(() -> "call " + call.callId + ": the " + to.name().toLowerCase() + " refused the " + direction.sdp()
                + " re-INVITE (" + why + "); the call goes on as it was (RFC 3261 §14.1)");
        finished(call, to, direction);
    }

    /** Our re-INVITE to {@code to} is over: send the direction wanted since, if it differs. */
    private void finished(Call call, Side to, Direction sent) {
        Direction next;
        synchronized (call.relay) {
            next = call.relay.wanted[to.ordinal()];
            if (sent == null || next == null || next == sent || call.isEnded()) {
                call.relay.pending[to.ordinal()] = false;
                return;
            }
        }
        send(call, to, next, 1);
    }
}
