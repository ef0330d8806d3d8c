package org.callway.sip.transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Socket addresses from Via hosts without DNS look-ups (the real transport resolves names). */
final class Addresses {
    private Addresses() {
    }

    static InetSocketAddress of(String host, int port) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (isLiteral(h)) {
            try {
                return new InetSocketAddress(InetAddress.getByName(h), port); // literal: no DNS
            } catch (UnknownHostException e) {
                return InetSocketAddress.createUnresolved(h, port);
            }
        }
        return InetSocketAddress.createUnresolved(h, port);
    }

    static boolean isLiteral(String h) {
        if (h.indexOf(':') >= 0) return true;
        return h.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    /** The textual IP of a socket address, as Via received= wants it (RFC 3261 §18.2.1, RFC 5118 §4.5). */
    static String ip(InetSocketAddress a) {
        return a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
    }
}
