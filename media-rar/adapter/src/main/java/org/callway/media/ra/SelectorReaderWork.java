package org.callway.media.ra;

import jakarta.resource.spi.work.Work;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads every leg's own socket in port-range mode with one {@link Selector}: however many
 * legs, one thread (JCA Work) reads them all, as {@link UdpReaderWork} does for a shared port.
 * Sockets are added and closed by other threads through queues the selector thread drains
 * after a wakeup, so registration never races a select and a closed socket's port is given
 * back (through its {@code onClosed}) only once the selector has let go of it and the kernel
 * has really closed it: the next leg can bind it at once.
 */
final class SelectorReaderWork implements Work {

    private static final Logger LOG = Logger.getLogger(SelectorReaderWork.class.getName());
    private static final int MAX_DATAGRAM = 2048;
    /** Datagrams taken from one socket per round, so one busy leg cannot starve the others. */
    private static final int BURST = 32;

    /** Who gets the datagrams; returns false to let the reader try the plain STUN answer. */
    interface Handler {
        boolean onDatagram(RangeSocket socket, InetSocketAddress from, byte[] buf, int len);
    }

    private record Closing(RangeSocket socket, Runnable onClosed) { }

    private final Selector selector;
    private final Handler handler;
    private final Queue<RangeSocket> adding = new ConcurrentLinkedQueue<>();
    private final Queue<Closing> closing = new ConcurrentLinkedQueue<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;

    SelectorReaderWork(Handler handler) throws IOException {
        this.selector = Selector.open();
        this.handler = handler;
    }

    void add(RangeSocket socket) {
        adding.add(socket);
        selector.wakeup();
    }

    /** Closes the socket on the selector thread; {@code onClosed} runs once its port is free. */
    void close(RangeSocket socket, Runnable onClosed) {
        closing.add(new Closing(socket, onClosed));
        selector.wakeup();
        if (!running) {
            drainClosing(); // the reader is gone (stopping): close right here
        }
    }

    @Override
    public void run() {
        WorkNames.run("media udp range", this::loop);
    }

    private void loop() {
        ByteBuffer in = ByteBuffer.allocate(MAX_DATAGRAM); // heap: the engine's crypto works on byte arrays
        ByteBuffer out = ByteBuffer.allocateDirect(MAX_DATAGRAM);
        try {
            while (running) {
                selector.select();
                drainAdding();
                drainClosing();
                var selected = selector.selectedKeys().iterator();
                while (selected.hasNext()) {
                    SelectionKey key = selected.next();
                    selected.remove();
                    if (key.isValid() && key.isReadable()) {
                        read((RangeSocket) key.attachment(), in, out);
                    }
                }
            }
        } catch (IOException | java.nio.channels.ClosedSelectorException e) {
            if (running) {
                LOG.log(Level.SEVERE, "media range selector failed", e);
            }
        } finally {
            for (SelectionKey key : selectorKeys()) {
                closeQuietly((RangeSocket) key.attachment());
            }
            drainClosing();
            try {
                selector.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "closing the media selector", e);
            }
            stopped.countDown();
        }
    }

    private List<SelectionKey> selectorKeys() {
        try {
            return new ArrayList<>(selector.keys());
        } catch (java.nio.channels.ClosedSelectorException e) {
            return List.of();
        }
    }

    private void read(RangeSocket socket, ByteBuffer in, ByteBuffer out) {
        for (int i = 0; i < BURST; i++) {
            InetSocketAddress from;
            in.clear();
            try {
                from = (InetSocketAddress) socket.channel.receive(in);
            } catch (IOException e) {
                LOG.log(Level.FINE, "receive on " + socket.localAddress() + " failed", e);
                return; // closed meanwhile, or an ICMP error reported on the socket
            }
            if (from == null) {
                return; // drained
            }
            in.flip();
            try {
                if (handler.onDatagram(socket, from, in.array(), in.limit())) {
                    continue;
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "media engine failed on a datagram from " + from, e);
                continue;
            }
            out.clear();
            if (StunBinding.answer(in, from, out)) {
                out.flip();
                try {
                    socket.channel.send(out, from);
                } catch (IOException e) {
                    LOG.log(Level.FINE, "STUN answer to " + from + " failed", e);
                }
            }
        }
    }

    private void drainAdding() {
        for (RangeSocket s; (s = adding.poll()) != null; ) {
            try {
                s.channel.register(selector, SelectionKey.OP_READ, s);
            } catch (IOException e) {
                LOG.log(Level.FINE, "cannot read " + s.localAddress() + ": closed before it was added", e);
            }
        }
    }

    /** Cancel, close, then a selectNow so the selector deregisters the channel and the kernel frees the port. */
    private void drainClosing() {
        List<Closing> done = new ArrayList<>();
        for (Closing c; (c = closing.poll()) != null; ) {
            adding.remove(c.socket());
            closeQuietly(c.socket());
            done.add(c);
        }
        if (done.isEmpty()) {
            return;
        }
        try {
            selector.selectNow();
        } catch (IOException | java.nio.channels.ClosedSelectorException e) {
            LOG.log(Level.FINE, "flushing closed media sockets", e);
        }
        done.forEach(c -> c.onClosed().run());
    }

    private void closeQuietly(RangeSocket socket) {
        SelectionKey key = socket.channel.keyFor(selector);
        if (key != null) {
            key.cancel();
        }
        try {
            socket.channel.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing " + socket.localAddress(), e);
        }
    }

    @Override
    public void release() {
        running = false;
        selector.wakeup();
    }

    boolean awaitStopped(long millis) throws InterruptedException {
        return stopped.await(millis, TimeUnit.MILLISECONDS);
    }
}
