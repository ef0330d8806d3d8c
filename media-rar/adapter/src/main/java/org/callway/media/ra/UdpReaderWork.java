package org.callway.media.ra;

import jakarta.resource.spi.work.Work;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads one shared UDP socket for as long as the adapter runs and hands every datagram to
 * the media engine, which tells them apart by their first byte (RFC 7983 §7). Without an
 * engine (or for a STUN Binding request that is no ICE check) it answers plain STUN Binding
 * requests itself. Any thread may {@link #send} on it.
 */
final class UdpReaderWork implements Work, MediaSocket {

    private static final Logger LOG = Logger.getLogger(UdpReaderWork.class.getName());
    /** Larger than any RTP/DTLS datagram on an Ethernet path; bigger ones are truncated and dropped. */
    private static final int MAX_DATAGRAM = 2048;

    /** Who gets the datagrams; returns false to let this reader try the plain STUN answer. */
    interface Handler {
        boolean onDatagram(UdpReaderWork socket, InetSocketAddress from, byte[] buf, int len);
    }

    private final DatagramChannel channel;
    private volatile Handler handler;
    private final InetSocketAddress localAddress;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong unclaimed = new AtomicLong();

    private UdpReaderWork(DatagramChannel channel) throws IOException {
        this.channel = channel;
        this.localAddress = (InetSocketAddress) channel.getLocalAddress();
    }

    static UdpReaderWork open(InetSocketAddress bindTo) throws IOException {
        DatagramChannel channel = DatagramChannel.open(bindTo.getAddress() instanceof java.net.Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            // Video key frames arrive as bursts of dozens of packets from every leg at once; a deep
            // kernel buffer rides them out while the one reader catches up (the kernel may cap it).
            channel.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 4 << 20);
            channel.setOption(java.net.StandardSocketOptions.SO_SNDBUF, 4 << 20);
            channel.bind(bindTo);
            return new UdpReaderWork(channel);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    void handler(Handler handler) {
        this.handler = handler;
    }

    /** Thread-safe: DatagramChannel serialises concurrent senders. */
    @Override
    public void send(byte[] buf, int off, int len, InetSocketAddress to) {
        try {
            channel.send(ByteBuffer.wrap(buf, off, len), to);
        } catch (IOException e) {
            LOG.log(Level.FINE, "send from " + localAddress + " to " + to + " failed", e);
        }
    }

    long received() {
        return received.get();
    }

    @Override
    public void run() {
        WorkNames.run("media udp/" + WorkNames.address(localAddress), this::loop);
    }

    private void loop() {
        // A heap buffer: the engine's crypto works on byte arrays.
        ByteBuffer in = ByteBuffer.allocate(MAX_DATAGRAM);
        ByteBuffer out = ByteBuffer.allocateDirect(MAX_DATAGRAM);
        try {
            while (channel.isOpen()) {
                in.clear();
                InetSocketAddress from = (InetSocketAddress) channel.receive(in);
                in.flip();
                received.incrementAndGet();
                Handler current = handler;
                try {
                    if (current != null && current.onDatagram(this, from, in.array(), in.limit())) {
                        continue;
                    }
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "media engine failed on a datagram from " + from, e);
                    continue;
                }
                out.clear();
                if (StunBinding.answer(in, from, out)) {
                    out.flip();
                    channel.send(out, from);
                } else {
                    unclaimed.incrementAndGet();
                }
            }
        } catch (ClosedChannelException closed) {
            // release() closed the socket: the normal way out.
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "media socket " + localAddress + " failed", e);
        } finally {
            stopped.countDown();
        }
    }

    /** Closing the channel wakes the blocked receive() (ClosedChannelException). */
    @Override
    public void release() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing " + localAddress, e);
        }
    }

    boolean awaitStopped(long millis) throws InterruptedException {
        return stopped.await(millis, TimeUnit.MILLISECONDS);
    }
}
