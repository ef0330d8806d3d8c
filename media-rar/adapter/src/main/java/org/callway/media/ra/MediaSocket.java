package org.callway.media.ra;

import java.net.InetSocketAddress;

/**
 * Where a leg's packets leave from: a shared host socket, or a TURN allocation on one
 * (RFC 8656), whose relayed address is the local side of relayed candidate pairs. ICE,
 * routing and the media path treat both alike; the relay wraps what it sends for the
 * TURN server and the engine unwraps what comes back (RFC 8656 §11-12).
 */
sealed interface MediaSocket permits UdpReaderWork, TurnRelay, RangeSocket {

    /** The candidate's address: the bound host address, or the relayed transport address. */
    InetSocketAddress localAddress();

    /** Thread-safe; best effort (UDP). */
    void send(byte[] buf, int off, int len, InetSocketAddress to);
}
