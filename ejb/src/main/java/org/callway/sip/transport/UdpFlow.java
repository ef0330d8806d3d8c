package org.callway.sip.transport;

import java.net.InetSocketAddress;
import org.callway.config.Transport;

/** A UDP source address seen on one of our sockets; one SIP message per datagram. */
public record UdpFlow(String id, InetSocketAddress remote, InetSocketAddress local, FlowSender sender) implements Flow {
    @Override
    public Transport transport() {
        return Transport.UDP;
    }
}
