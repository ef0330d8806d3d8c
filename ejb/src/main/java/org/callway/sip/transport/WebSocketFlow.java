package org.callway.sip.transport;

import java.net.InetSocketAddress;
import org.callway.config.Transport;

/** A SIP-over-WebSocket connection (RFC 7118): one SIP message per frame. */
public record WebSocketFlow(String id, Transport transport, InetSocketAddress remote, InetSocketAddress local,
                            FlowSender sender) implements Flow {
    public WebSocketFlow {
        if (transport != Transport.WS && transport != Transport.WSS) {
            throw new IllegalArgumentException("WebSocket flow needs WS or WSS, not " + transport);
        }
    }
}
