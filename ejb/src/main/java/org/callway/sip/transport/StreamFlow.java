package org.callway.sip.transport;

import java.net.InetSocketAddress;
import org.callway.config.Transport;

/** A TCP or TLS connection; messages are framed by Content-Length (RFC 3261 §18.3). */
public record StreamFlow(String id, Transport transport, InetSocketAddress remote, InetSocketAddress local,
                         FlowSender sender) implements Flow {
    public StreamFlow {
        if (transport != Transport.TCP && transport != Transport.TLS) {
            throw new IllegalArgumentException("stream flow needs TCP or TLS, not " + transport);
        }
    }
}
