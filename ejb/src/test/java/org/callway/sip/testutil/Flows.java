package org.callway.sip.testutil;

import java.net.InetSocketAddress;
import org.callway.config.Transport;
import org.callway.sip.transport.FlowSender;
import org.callway.sip.transport.StreamFlow;
import org.callway.sip.transport.UdpFlow;
import org.callway.sip.transport.WebSocketFlow;

/** Flows with documentation addresses (RFC 5737 / RFC 3849). */
public final class Flows {
    public static final InetSocketAddress LOCAL = new InetSocketAddress("192.0.2.100", 5060);

    private Flows() {
    }

    public static WebSocketFlow ws(FlowSender s) {
        return new WebSocketFlow("ws-1", Transport.WSS, new InetSocketAddress("198.51.100.7", 53211),
                new InetSocketAddress("192.0.2.100", 8089), s);
    }

    public static UdpFlow udp(FlowSender s) {
        return udp(s, "198.51.100.9", 40000);
    }

    public static UdpFlow udp(FlowSender s, String ip, int port) {
        return new UdpFlow("udp-" + ip + ":" + port, new InetSocketAddress(ip, port), LOCAL, s);
    }

    public static StreamFlow tcp(FlowSender s) {
        return new StreamFlow("tcp-1", Transport.TCP, new InetSocketAddress("198.51.100.10", 33333), LOCAL, s);
    }
}
