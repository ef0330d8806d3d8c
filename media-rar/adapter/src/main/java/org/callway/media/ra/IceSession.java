package org.callway.media.ra;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;
import org.callway.media.api.IceCandidate;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.ErrorCodeAttribute;
import org.ice4j.attribute.IceControlAttribute;
import org.ice4j.attribute.PriorityAttribute;
import org.ice4j.message.Message;
import org.ice4j.message.Request;

/**
 * One leg's ICE agent (RFC 8445), full implementation, one component (rtcp-mux), one
 * data stream. Its local candidates are bases: the engine's shared host sockets and the
 * TURN allocations made from them (server-reflexive candidates are advertised but, as
 * RFC 8445 §6.1.2.4 prunes them to their base, checked from the host socket). It owns no thread: the
 * reader threads feed it STUN messages and the engine's ticker paces its checks
 * (Ta = the tick), retransmissions, nomination and consent (RFC 7675). Every method
 * runs under the session's lock; sends happen through {@link MediaSocket#send}.
 */
final class IceSession {

    private static final Logger LOG = Logger.getLogger(IceSession.class.getName());

    /** RFC 8445 §5.1.2.2 type preferences. */
    static final int HOST = 126;
    static final int PEER_REFLEXIVE = 110;
    static final int SERVER_REFLEXIVE = 100;
    static final int RELAYED = 0;

    /** A local candidate that sends: a host socket or a TURN allocation (its relayed address). */
    record Base(MediaSocket socket, String type, int typePreference, int localPreference) {
        /** RFC 8445 §5.1.2.1, component 1. */
        long priority() {
            return priority(typePreference, localPreference);
        }

        /** What a check carries in PRIORITY: this base as a peer-reflexive candidate (§7.1.1). */
        long prflxPriority() {
            return priority(PEER_REFLEXIVE, localPreference);
        }

        static long priority(int typePreference, int localPreference) {
            return ((long) typePreference << 24) | ((long) localPreference << 8) | (256 - 1);
        }
    }

    interface Listener {
        /** A check from/to {@code pair} authenticated: media from its remote may be routed to the leg. */
        void authenticated(CandidatePair pair);

        void selected(CandidatePair pair);

        void failed(String reason);

        void consentLost();

        /** A check's transaction opened or ended: lets the engine find us by transaction ID. */
        void transaction(byte[] transactionId, boolean open);
    }


    private volatile String localUfrag;
    private volatile String localPwd;
    private final long tieBreaker = ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
    private final List<Base> bases;
    private final StunCodec codec;
    private final Listener listener;
    private final long timeoutMillis;
    private final long consentIntervalMillis;
    private final long consentTimeoutMillis;
    private boolean controlling;
    private String remoteUfrag;
    private String remotePwd;
    private final List<CandidatePair> pairs = new ArrayList<>();
    private final ArrayDeque<CandidatePair> triggered = new ArrayDeque<>();
    private final List<IceCandidate> pendingCandidates = new ArrayList<>();
    private CandidatePair nominating;
    private CandidatePair selected;
    private long startedAt;
    private boolean finished;
    private byte[] consentTransaction;
    private long nextConsentAt;
    private long consentExpiresAt;
    private boolean consentLost;

    IceSession(String localUfrag, String localPwd, boolean controlling, List<Base> bases,
            StunCodec codec, Listener listener, long timeoutMillis, long consentIntervalMillis, long consentTimeoutMillis) {
        this.localUfrag = localUfrag;
        this.localPwd = localPwd;
        this.controlling = controlling;
        this.bases = List.copyOf(bases);
        this.codec = codec;
        this.listener = listener;
        this.timeoutMillis = timeoutMillis;
        this.consentIntervalMillis = consentIntervalMillis;
        this.consentTimeoutMillis = consentTimeoutMillis;
    }

    String localUfrag() {
        return localUfrag;
    }

    String localPwd() {
        return localPwd;
    }

    synchronized String remotePwd() {
        return remotePwd;
    }

    synchronized boolean controlling() {
        return controlling;
    }

    synchronized CandidatePair selected() {
        return selected;
    }

    /** The local candidates this leg checks from, fixed when it was allocated. */
    List<Base> bases() {
        return bases;
    }

    private Base base(MediaSocket socket) {
        for (Base b : bases) {
            if (b.socket() == socket) {
                return b;
            }
        }
        return null;
    }

    synchronized String remoteUfrag() {
        return remoteUfrag;
    }

    /**
     * ICE restart (RFC 8445 §9): new local credentials, an empty check list and no remote
     * yet. The selected pair keeps carrying media (and its route stays) until the new checks
     * select one (§9: "the agent MUST continue to use the previously selected pair").
     */
    synchronized void restart(String ufrag, String pwd) {
        for (CandidatePair p : pairs) {
            if (p.transactionId != null) {
                listener.transaction(p.transactionId, false);
            }
        }
        if (consentTransaction != null) {
            listener.transaction(consentTransaction, false);
            consentTransaction = null;
        }
        LOG.fine(() -> "ICE restart " + localUfrag + " -> " + ufrag + (controlling ? " (controlling)" : " (controlled)")
                + ", selected was " + selected);
        localUfrag = ufrag;
        localPwd = pwd;
        remoteUfrag = null;
        remotePwd = null;
        pairs.clear();
        triggered.clear();
        pendingCandidates.clear();
        nominating = null;
        selected = null;
        finished = false;
        consentLost = false;
    }

    synchronized void remote(String ufrag, String pwd, List<IceCandidate> candidates, long now) {
        remoteUfrag = ufrag;
        remotePwd = pwd;
        startedAt = now;
        for (IceCandidate c : candidates) {
            addCandidate(c);
        }
        for (IceCandidate c : pendingCandidates) {
            addCandidate(c);
        }
        pendingCandidates.clear();
    }

    /** RFC 8838: trickled candidates join the check list as they come. */
    synchronized void addRemoteCandidate(IceCandidate candidate) {
        if (remoteUfrag == null) {
            pendingCandidates.add(candidate);
        } else {
            addCandidate(candidate);
        }
    }

    private void addCandidate(IceCandidate c) {
        if (!c.isUdp() || c.component() != 1 || c.address().endsWith(".local")) {
            return; // TCP candidates and mDNS names are not usable here
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(c.address()); // a literal: no lookup
        } catch (UnknownHostException e) {
            return;
        }
        InetSocketAddress remote = new InetSocketAddress(address, c.port());
        for (Base base : bases) {
            InetSocketAddress local = base.socket().localAddress();
            boolean v6 = local != null && local.getAddress() instanceof Inet6Address;
            if (local != null && v6 == (address instanceof Inet6Address) && find(base.socket(), remote) == null) {
                pairs.add(new CandidatePair(base.socket(), remote, base.priority(), c.priority()));
                if (base.socket() instanceof TurnRelay relay) {
                    // RFC 8656 §9: let the peer's checks through the relay before ours reach it.
                    relay.permit(address, System.currentTimeMillis());
                }
            }
        }
    }

    private CandidatePair find(MediaSocket socket, InetSocketAddress remote) {
        for (CandidatePair p : pairs) {
            if (p.local == socket && p.remote.equals(remote)) {
                return p;
            }
        }
        return null;
    }

    /**
     * A connectivity check for us arrived (integrity already verified with our password).
     * Answers it (RFC 8445 §7.3) and returns the bytes to send back, or null.
     */
    synchronized byte[] onRequest(MediaSocket socket, InetSocketAddress from, Request request) {
        Base base = base(socket);
        if (base == null) {
            return null; // not one of our candidates (a relay-only leg asked on a host socket)
        }
        // §7.3.1.1 role conflict.
        Attribute theirControlling = request.getAttribute(Attribute.ICE_CONTROLLING);
        Attribute theirControlled = request.getAttribute(Attribute.ICE_CONTROLLED);
        if (controlling && theirControlling instanceof IceControlAttribute a) {
            if (Long.compareUnsigned(tieBreaker, a.getTieBreaker()) >= 0) {
                return codec.roleConflict(request, localUfrag);
            }
            switchRole();
        } else if (!controlling && theirControlled instanceof IceControlAttribute a) {
            if (Long.compareUnsigned(tieBreaker, a.getTieBreaker()) >= 0) {
                switchRole();
            } else {
                return codec.roleConflict(request, localUfrag);
            }
        }
        CandidatePair pair = find(socket, from);
        if (pair == null) {
            // §7.3.1.3: a peer-reflexive remote candidate, with the priority it told us.
            long priority = request.getAttribute(Attribute.PRIORITY) instanceof PriorityAttribute p ? p.getPriority() : 0;
            pair = new CandidatePair(socket, from, base.priority(), priority);
            pairs.add(pair);
        }
        // §7.3.1.4: triggered check, unless one is already under way or done.
        if (remoteUfrag != null && (pair.state == CandidatePair.State.WAITING || pair.state == CandidatePair.State.FAILED)) {
            pair.state = CandidatePair.State.WAITING;
            if (!triggered.contains(pair)) {
                triggered.add(pair);
            }
        }
        listener.authenticated(pair);
        if (!controlling && request.containsAttribute(Attribute.USE_CANDIDATE)) {
            CandidatePair nominated = pair;
            LOG.fine(() -> localUfrag + ": nominated by the peer: " + nominated);
            pair.nominatedByPeer = true; // §7.3.1.5
            if (pair.state == CandidatePair.State.SUCCEEDED) {
                select(pair);
            }
        }
        return codec.success(request, from, localUfrag);
    }

    private void switchRole() {
        controlling = !controlling;
        nominating = null;
    }

    /** A response to one of our checks; {@code raw} is for the integrity check. */
    synchronized boolean onResponse(InetSocketAddress from, Message response, byte[] raw, int len, long now) {
        byte[] tid = response.getTransactionID();
        if (consentTransaction != null && Arrays.equals(tid, consentTransaction)) {
            if (response.getMessageType() == Message.BINDING_SUCCESS_RESPONSE && selected != null
                    && from.equals(selected.remote) && StunCodec.integrityOk(raw, len, key(remotePwd))) {
                consentExpiresAt = now + consentTimeoutMillis; // RFC 7675 §5.1
                listener.transaction(consentTransaction, false);
                consentTransaction = null;
            }
            return true;
        }
        for (CandidatePair pair : pairs) {
            if (pair.transactionId != null && Arrays.equals(tid, pair.transactionId)) {
                if (!StunCodec.integrityOk(raw, len, key(remotePwd))) {
                    return true; // §7.2.5.1: not from our peer; let the retransmission stand
                }
                listener.transaction(pair.transactionId, false);
                pair.transactionId = null;
                if (response.getMessageType() == Message.BINDING_ERROR_RESPONSE) {
                    if (response.getAttribute(Attribute.ERROR_CODE) instanceof ErrorCodeAttribute e
                            && e.getErrorCode() == ErrorCodeAttribute.ROLE_CONFLICT) {
                        switchRole(); // §7.2.5.1: switch and try again
                        pair.state = CandidatePair.State.WAITING;
                        triggered.add(pair);
                    } else {
                        pair.state = CandidatePair.State.FAILED;
                    }
                    return true;
                }
                if (!from.equals(pair.remote)) {
                    pair.state = CandidatePair.State.FAILED; // §7.2.5.2.1 non-symmetric
                    return true;
                }
                pair.state = CandidatePair.State.SUCCEEDED;
                LOG.fine(() -> localUfrag + ": check succeeded: " + pair + (pair.nominatedByPeer ? " nominated" : ""));
                listener.authenticated(pair);
                if (controlling && pair.useCandidate) {
                    select(pair); // §8.1.1 regular nomination completed
                } else if (!controlling && pair.nominatedByPeer) {
                    select(pair);
                }
                return true;
            }
        }
        return false;
    }

    private void select(CandidatePair pair) {
        if (selected != null || finished) {
            LOG.fine(() -> localUfrag + ": not selecting " + pair + ": selected " + selected + ", finished " + finished);
            return;
        }
        LOG.fine(() -> localUfrag + ": selected " + pair);
        selected = pair;
        finished = true;
        nominating = null;
        long now = System.currentTimeMillis();
        consentExpiresAt = now + consentTimeoutMillis;
        nextConsentAt = now + consentInterval();
        listener.selected(pair);
    }

    private long consentInterval() {
        // RFC 7675 §5.1: randomised between 0.8 and 1.2 times the base interval.
        return (long) (consentIntervalMillis * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
    }

    /** Paced by the engine's ticker. */
    synchronized void tick(long now) {
        if (remoteUfrag == null || consentLost) {
            return;
        }
        if (selected != null) {
            consent(now);
            return;
        }
        if (finished) {
            return;
        }
        for (CandidatePair p : pairs) {
            if (p.state == CandidatePair.State.IN_PROGRESS && now >= p.nextTransmitAt) {
                if (p.transmissions >= CandidatePair.RETRANSMIT_MILLIS.length) {
                    LOG.fine(() -> localUfrag + ": check failed, no answer: " + p);
                    p.state = CandidatePair.State.FAILED;
                    listener.transaction(p.transactionId, false);
                    p.transactionId = null;
                    if (p == nominating) {
                        nominating = null;
                    }
                } else {
                    transmit(p, now);
                }
            }
        }
        if (controlling && nominating == null) {
            // §8.1.1: nominate the best valid pair by checking it again with USE-CANDIDATE.
            pairs.stream().filter(p -> p.state == CandidatePair.State.SUCCEEDED)
                    .max(Comparator.comparingLong(p -> p.priority(true)))
                    .ifPresent(best -> {
                        nominating = best;
                        best.useCandidate = true;
                        start(best, now);
                    });
        }
        {
            // One new check per tick: the tick is Ta (RFC 8445 §6.1.4.2), triggered checks first.
            CandidatePair next = triggered.poll();
            if (next == null) {
                boolean c = controlling;
                next = pairs.stream().filter(p -> p.state == CandidatePair.State.WAITING)
                        .max(Comparator.comparingLong(p -> p.priority(c))).orElse(null);
            }
            if (next != null && next.state == CandidatePair.State.WAITING) {
                start(next, now);
            }
        }
        if (now - startedAt > timeoutMillis) {
            finished = true;
            listener.failed("no candidate pair succeeded within " + timeoutMillis + " ms (" + pairs.size() + " pairs)");
        }
    }

    private void start(CandidatePair p, long now) {
        p.state = CandidatePair.State.IN_PROGRESS;
        if (p.transactionId != null) {
            listener.transaction(p.transactionId, false);
        }
        p.transactionId = StunCodec.newTransactionId();
        listener.transaction(p.transactionId, true);
        p.transmissions = 0;
        transmit(p, now);
    }

    private void transmit(CandidatePair p, long now) {
        byte[] check = codec.check(p.transactionId, remoteUfrag, localUfrag,
                base(p.local).prflxPriority(), controlling, tieBreaker, controlling && p.useCandidate);
        p.nextTransmitAt = now + CandidatePair.RETRANSMIT_MILLIS[p.transmissions++];
        p.local.send(check, 0, check.length, p.remote);
    }

    private void consent(long now) {
        if (now > consentExpiresAt) {
            consentLost = true;
            listener.consentLost();
            return;
        }
        if (now >= nextConsentAt) {
            nextConsentAt = now + consentInterval();
            if (consentTransaction != null) {
                listener.transaction(consentTransaction, false); // unanswered: it no longer counts
            }
            consentTransaction = StunCodec.newTransactionId();
            listener.transaction(consentTransaction, true);
            byte[] check = codec.check(consentTransaction, remoteUfrag, localUfrag,
                    base(selected.local).prflxPriority(), controlling, tieBreaker, false);
            selected.local.send(check, 0, check.length, selected.remote);
        }
    }

    private static byte[] key(String pwd) {
        return pwd == null ? null : pwd.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
