package org.callway.sip.transport;

import java.net.InetSocketAddress;

/**
 * Implemented by a real transport (the WebSocket endpoint, the resource adapter's listeners):
 * writes bytes on the socket/connection behind a flow. Must not block for long; the caller may
 * be a timer thread.
 */
public interface FlowSender {

    /**
     * Sends one message (or a keep-alive) over {@code flow}.
     *
     * @param destination where to send on a datagram flow (RFC 3261 §18.2.2 may pick an address
     *     other than the flow's remote); ignored by connection-oriented flows
     * @return false if the bytes could not be handed to the network (a transport error, §17.1.1.2)
     */
    boolean send(Flow flow, InetSocketAddress destination, byte[] bytes);

    /** Asks the transport to close a connection whose byte stream can no longer be framed. */
    default void close(Flow flow) {
    }
}
