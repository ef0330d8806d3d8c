package org.callway.media.ra;

import jakarta.resource.spi.work.Work;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One shared UDP media port and the Works that read it, handing every datagram to the media
 * engine, which tells them apart by their first byte (RFC 7983 §7). Without an engine (or for
 * a STUN Binding request that is no ICE check) it answers plain STUN Binding requests itself.
 * Any thread may {@link #send} on it.
 *
 * <p>With more than one reader the port is bound that many times with SO_REUSEPORT, one
 * reader Work per binding: Linux picks the binding by a hash of the datagram's addresses and
 * ports, so every datagram from one remote lands on the same reader, in order, and each leg's
 * SRTP replay window and jitter see one stream, while different calls spread over the cores.
 * One reader per core, a handful at most, whatever the number of legs.
 */
final class UdpReaderWork implements MediaSocket {

    private static final Logger LOG = Logger.getLogger(UdpReaderWork.class.getName());
    /** Larger than any RTP/DTLS datagram on an Ethernet path; bigger ones are truncated and dropped. */
    private static final int MAX_DATAGRAM = 2048;

    /** Who gets the datagrams; returns false to let this reader try the plain STUN answer. */
    interface Handler {
        boolean onDatagram(UdpReaderWork socket, InetSocketAddress from, byte[] buf, int len);
    }

    private final List<DatagramChannel> channels;
    private final List<Work> readers;
    /** The binding a reader thread reads, so it also sends from it (no lock shared with the others). */
    private final ThreadLocal<DatagramChannel> own = new ThreadLocal<>();
    private volatile Handler handler;
    private final InetSocketAddress localAddress;
    private final CountDownLatch stopped;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong unclaimed = new AtomicLong();

    private UdpReaderWork(List<DatagramChannel> channels) throws IOException {
        this.channels = List.copyOf(channels);
        this.localAddress = (InetSocketAddress) channels.get(0).getLocalAddress();
        this.stopped = new CountDownLatch(channels.size());
        List<Work> works = new ArrayList<>(channels.size());
        for (int i = 0; i < channels.size(); i++) {
            works.add(new Reader(channels.get(i), channels.size() == 1 ? "" : "#" + (i + 1)));
        }
        this.readers = List.copyOf(works);
    }

    static UdpReaderWork open(InetSocketAddress bindTo) throws IOException {
        return open(bindTo, 1);
    }

    /** Binds {@code bindTo} {@code readers} times (SO_REUSEPORT beyond one); port 0 picks one port for all. */
    static UdpReaderWork open(InetSocketAddress bindTo, int readers) throws IOException {
        List<DatagramChannel> bound = new ArrayList<>(readers);
        try {
            InetSocketAddress at = bindTo;
            for (int i = 0; i < readers; i++) {
                DatagramChannel channel = DatagramChannel.open(at.getAddress() instanceof java.net.Inet6Address
                        ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
                bound.add(channel);
                // Video key frames arrive as bursts of dozens of packets from every leg at once; a deep
                // kernel buffer rides them out while the reader catches up (the kernel may cap it).
                channel.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 4 << 20);
                channel.setOption(java.net.StandardSocketOptions.SO_SNDBUF, 4 << 20);
                if (readers > 1) {
                    channel.setOption(java.net.StandardSocketOptions.SO_REUSEPORT, true);
                }
                channel.bind(at);
                at = (InetSocketAddress) channel.getLocalAddress(); // the others join the port the first got
            }
            return new UdpReaderWork(bound);
        } catch (IOException | RuntimeException e) {
            for (DatagramChannel c : bound) {
                c.close();
            }
            throw e;
        }
    }

    /** How many readers a shared port gets by default: one per core, at most four. */
    static int defaultReaders() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** The Works to schedule, one per binding; each ends when {@link #release()} closes the port. */
    List<Work> readers() {
        return readers;
    }

    void handler(Handler handler) {
        this.handler = handler;
    }

    /** Thread-safe: DatagramChannel serialises concurrent senders on one binding. */
    @Override
    public void send(byte[] buf, int off, int len, InetSocketAddress to) {
        DatagramChannel channel = own.get();
        if (channel == null) {
            channel = channels.get(0);
        }
        try {
            channel.send(ByteBuffer.wrap(buf, off, len), to);
        } catch (IOException e) {
            LOG.log(Level.FINE, "send from " + localAddress + " to " + to + " failed", e);
        }
    }

    long received() {
        return received.get();
    }

    private final class Reader implements Work {
        private final DatagramChannel channel;
        private final String suffix;

        Reader(DatagramChannel channel, String suffix) {
            this.channel = channel;
            this.suffix = suffix;
        }

        @Override
        public void run() {
            WorkNames.run("media udp/" + WorkNames.address(localAddress) + suffix, this::loop);
        }

        private void loop() {
            own.set(channel);
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
                        if (current != null && current.onDatagram(UdpReaderWork.this, from, in.array(), in.limit())) {
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
                own.remove();
                stopped.countDown();
            }
        }

        /** Closing the channel wakes the blocked receive() (ClosedChannelException). */
        @Override
        public void release() {
            close(channel);
        }
    }

    /** Closes every binding of the port, which ends every reader. */
    void release() {
        channels.forEach(this::close);
    }

    private void close(DatagramChannel channel) {
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
