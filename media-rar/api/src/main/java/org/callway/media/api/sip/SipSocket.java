package org.callway.media.api.sip;

import java.net.InetSocketAddress;

/**
 * A SIP socket owned by the resource adapter: the shared UDP socket of a listening address, or
 * one accepted TCP/TLS connection. ejb sends through it and never opens sockets itself.
 */
public interface SipSocket {

    /** Unique while the socket lives: the UDP listener's address, or a connection number. */
    String id();

    /**
     * Queues one message for sending without blocking the caller.
     *
     * @param destination where a datagram goes (RFC 3261 §18.2.2 picks it); ignored on a
     *     connection
     * @return false if the socket is closed or its bounded send queue is full
     */
    boolean send(InetSocketAddress destination, byte[] bytes);

    /** Closes a connection (no effect on the shared UDP socket). */
    void close();
}
