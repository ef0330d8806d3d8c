package org.callway.media.ra;

import java.net.InetSocketAddress;

/** One entry of a leg's check list (RFC 8445 §6.1.2): our socket and a remote candidate. */
final class CandidatePair {

    enum State { WAITING, IN_PROGRESS, SUCCEEDED, FAILED }

    /** RFC 8445 §14.3: RTO doubling from 100 ms, 7 transmissions (Rc) then failure. */
    static final int[] RETRANSMIT_MILLIS = {100, 200, 400, 800, 1600, 1600, 1600};

    final MediaSocket local;
    final InetSocketAddress remote;
    final long localPriority;
    long remotePriority;
    State state = State.WAITING;
    byte[] transactionId;
    int transmissions;
    long nextTransmitAt;
    boolean useCandidate;
    /** Controlled side: the peer asked to nominate this pair (USE-CANDIDATE). */
    boolean nominatedByPeer;

    CandidatePair(MediaSocket local, InetSocketAddress remote, long localPriority, long remotePriority) {
        this.local = local;
        this.remote = remote;
        this.localPriority = localPriority;
        this.remotePriority = remotePriority;
    }

    /** RFC 8445 §6.1.2.3: 2^32*MIN(G,D) + 2*MAX(G,D) + (G>D?1:0). */
    long priority(boolean controlling) {
        long g = controlling ? localPriority : remotePriority;
        long d = controlling ? remotePriority : localPriority;
        return (Math.min(g, d) << 32) + 2 * Math.max(g, d) + (g > d ? 1 : 0);
    }

    @Override
    public String toString() {
        return local.localAddress() + "->" + remote + " " + state;
    }
}
