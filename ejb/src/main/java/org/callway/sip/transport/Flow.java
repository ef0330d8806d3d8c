package org.callway.sip.transport;

import java.net.InetSocketAddress;
import org.callway.config.Transport;

/**
 * Where a message came from and how to reach that peer again (RFC 5626 §3 "flow"): a WebSocket
 * connection, a UDP source address, or a TCP/TLS connection. Responses and in-dialog requests
 * to a WebSocket client always go back over its flow.
 */
public sealed interface Flow permits WebSocketFlow, UdpFlow, StreamFlow {

    /** Unique for the life of the connection (or the UDP 5-tuple). */
    String id();

    Transport transport();

    InetSocketAddress remote();

    InetSocketAddress local();

    FlowSender sender();

    /** Reliable flows get no retransmissions and zero-length wait timers (RFC 3261 §17). */
    default boolean reliable() {
        return transport().reliable();
    }
}
