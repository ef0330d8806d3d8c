package org.callway.media.ra;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One UDP socket of a leg in port-range mode (rtp.conf rtpstart/rtpend): non-blocking, read
 * by the engine's one {@link SelectorReaderWork} together with every other leg's, never by a
 * thread of its own.
 */
final class RangeSocket implements MediaSocket {

    private static final Logger LOG = Logger.getLogger(RangeSocket.class.getName());

    final DatagramChannel channel;
    private final InetSocketAddress localAddress;

    private RangeSocket(DatagramChannel channel) throws IOException {
        this.channel = channel;
        this.localAddress = (InetSocketAddress) channel.getLocalAddress();
    }

    /** Binds {@code address:port}; fails if something else holds the port. */
    static RangeSocket bind(java.net.InetAddress address, int port) throws IOException {
        DatagramChannel channel = DatagramChannel.open(address instanceof java.net.Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            channel.configureBlocking(false);
            channel.bind(new InetSocketAddress(address, port));
            return new RangeSocket(channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** Thread-safe (DatagramChannel serialises senders); a full send buffer drops the datagram, as UDP may. */
    @Override
    public void send(byte[] buf, int off, int len, InetSocketAddress to) {
        try {
            channel.send(ByteBuffer.wrap(buf, off, len), to);
        } catch (IOException e) {
            LOG.log(Level.FINE, "send from " + localAddress + " to " + to + " failed", e);
        }
    }
}
