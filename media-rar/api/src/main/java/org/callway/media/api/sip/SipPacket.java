package org.callway.media.api.sip;

import java.net.InetSocketAddress;

/**
 * Bytes the adapter read on a SIP socket, with where they came from: a whole datagram (UDP) or
 * the next chunk of a connection's byte stream (TCP/TLS; framing is the SIP stack's job,
 * RFC 3261 §18.3). The adapter does not parse SIP.
 *
 * @param transport {@code UDP}, {@code TCP} or {@code TLS}
 * @param connection the socket to answer on: for UDP the shared listening socket, for TCP/TLS
 *     the connection itself (its {@link SipSocket#id()} names the flow)
 */
public record SipPacket(String transport, InetSocketAddress remote, InetSocketAddress local,
        SipSocket connection, byte[] bytes) {
}
