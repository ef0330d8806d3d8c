package org.callway.media.ra;

import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * Learns one host socket's server-reflexive address (RFC 8445 §5.1.1.2) with a STUN
 * Binding request to the configured server (rtp.conf {@code stunaddr}), sent from the
 * shared socket itself so the mapping is the one peers will see. No thread: the reader
 * hands it the response, the ticker retransmits (RFC 8489 §6.2.1).
 */
final class ReflexiveProbe {

    private final UdpReaderWork base;
    private final InetSocketAddress server;
    private byte[] transactionId;
    private int transmissions;
    private long nextAt;
    private volatile InetSocketAddress mapped;
    private volatile boolean done;

    ReflexiveProbe(UdpReaderWork base, InetSocketAddress server) {
        this.base = base;
        this.server = server;
    }

    UdpReaderWork base() {
        return base;
    }

    InetSocketAddress server() {
        return server;
    }

    /** The server-reflexive address, or null (not yet, or no answer). */
    InetSocketAddress mapped() {
        return mapped;
    }

    /** Answered or given up. */
    boolean done() {
        return done;
    }

    synchronized void start(long now) {
        transactionId = StunCodec.newTransactionId();
        transmissions = 0;
        transmit(now);
    }

    private void transmit(long now) {
        byte[] request = new StunBytes.Writer(StunBytes.type(StunBytes.BINDING, StunBytes.REQUEST), transactionId)
                .fingerprint().bytes();
        nextAt = now + StunBytes.RETRANSMIT_MILLIS[transmissions++];
        base.send(request, 0, request.length, server);
    }

    synchronized boolean onResponse(StunBytes.Parsed m) {
        if (transactionId == null || !Arrays.equals(transactionId, m.transactionId())) {
            return false;
        }
        transactionId = null;
        if (m.messageClass() == StunBytes.SUCCESS) {
            mapped = m.address(StunBytes.XOR_MAPPED_ADDRESS);
        }
        done = true;
        return true;
    }

    synchronized void tick(long now) {
        if (transactionId != null && now >= nextAt) {
            if (transmissions >= StunBytes.RETRANSMIT_MILLIS.length) {
                transactionId = null;
                done = true;
            } else {
                transmit(now);
            }
        }
    }
}
