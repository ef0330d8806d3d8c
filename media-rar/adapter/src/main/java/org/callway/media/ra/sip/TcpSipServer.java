package org.callway.media.ra.sip;

import org.callway.media.ra.WorkNames;

import jakarta.resource.spi.work.Work;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.callway.media.api.sip.SipPacket;
import org.callway.media.api.sip.SipSocket;

/**
 * SIP over TCP, or TLS (RFC 3261 §18, §26.2): one selector thread accepts, reads and writes every connection,
 * whatever their number (no thread per connection). Reads are handed on as they come; the stack
 * frames them by Content-Length. Writes queue per connection, bounded: a peer that stops reading
 * is cut off rather than allowed to grow our memory.
 */
final class TcpSipServer implements Work {

    private static final Logger LOG = Logger.getLogger(TcpSipServer.class.getName());
    private static final int READ_BUFFER = 16 * 1024;
    /** Bytes a connection may have waiting to be written before it is closed. */
    private static final int MAX_PENDING_WRITE = 1 << 20;
    /** Connections open at once; more are refused at accept. */
    private static final int MAX_CONNECTIONS = 10_000;

    private final ServerSocketChannel server;
    private final Selector selector;
    private final InetSocketAddress local;
    private final SipDelivery.Receiver receiver;
    private final Queue<Connection> wantWrite = new ConcurrentLinkedQueue<>();
    private final Queue<Connection> wantClose = new ConcurrentLinkedQueue<>();
    private final AtomicLong ids = new AtomicLong();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private int open;
    private volatile boolean running = true;

    /** For SIP over TLS (RFC 3261 §26.2): the context connections' engines come from; null for TCP. */
    private final SSLContext tls;
    private final String transport;

    private TcpSipServer(ServerSocketChannel server, Selector selector, SipDelivery.Receiver receiver, SSLContext tls)
            throws IOException {
        this.server = server;
        this.selector = selector;
        this.local = (InetSocketAddress) server.getLocalAddress();
        this.receiver = receiver;
        this.tls = tls;
        this.transport = tls == null ? "TCP" : "TLS";
    }

    String transport() {
        return transport;
    }

    static TcpSipServer open(InetSocketAddress bindTo, SipDelivery delivery) throws IOException {
        return open(bindTo, delivery, null);
    }

    static TcpSipServer open(InetSocketAddress bindTo, SipDelivery delivery, SSLContext tls) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        Selector selector = Selector.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(bindTo, 128);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
            return new TcpSipServer(server, selector, delivery.new Receiver(), tls);
        } catch (IOException e) {
            server.close();
            selector.close();
            throw e;
        }
    }

    InetSocketAddress local() {
        return local;
    }

    /** One accepted connection: a flow to the stack, a SipSocket to send on. */
    final class Connection implements SipSocket {
        private final SocketChannel channel;
        private final String id;
        private final InetSocketAddress remote;
        private final Deque<ByteBuffer> pending = new ArrayDeque<>();
        /** TLS only: messages waiting to be encrypted on the selector thread. */
        private final Deque<byte[]> plain = new ArrayDeque<>();
        private final TlsSession session;
        private int pendingBytes;
        private SelectionKey key;
        private volatile boolean closed;

        Connection(SocketChannel channel) throws IOException {
            this.channel = channel;
            this.id = transport.toLowerCase(java.util.Locale.ROOT) + "-" + ids.incrementAndGet();
            this.remote = (InetSocketAddress) channel.getRemoteAddress();
            this.session = tls == null ? null
                    : new TlsSession(tls.createSSLEngine(remote.getAddress().getHostAddress(), remote.getPort()));
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public boolean send(InetSocketAddress destination, byte[] bytes) {
            if (closed) {
                return false;
            }
            synchronized (pending) {
                if (pendingBytes + bytes.length > MAX_PENDING_WRITE) {
                    LOG.fine(() -> id + " does not read its responses: closing");
                    close();
                    return false;
                }
                if (session != null) {
                    plain.addLast(bytes); // encrypted by the selector thread, the engine's only user
                } else {
                    pending.addLast(ByteBuffer.wrap(bytes));
                }
                pendingBytes += bytes.length;
            }
            wantWrite.add(this);
            selector.wakeup();
            return true;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                wantClose.add(this);
                selector.wakeup();
            }
        }

        /** Selector thread: queues records the handshake produced. */
        void queueRecords(byte[] records) {
            synchronized (pending) {
                pending.addLast(ByteBuffer.wrap(records));
                pendingBytes += records.length;
            }
        }

        /** Selector thread: writes what it can; keeps OP_WRITE while some is left. */
        void flush() throws IOException {
            synchronized (pending) {
                if (session != null && !session.handshaking()) {
                    for (byte[] message; (message = plain.pollFirst()) != null; ) {
                        byte[] records = session.wrap(message);
                        pending.addLast(ByteBuffer.wrap(records));
                        pendingBytes += records.length - message.length;
                    }
                }
                while (!pending.isEmpty()) {
                    ByteBuffer head = pending.peekFirst();
                    int n = channel.write(head);
                    pendingBytes -= n;
                    if (head.hasRemaining()) {
                        key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                        return;
                    }
                    pending.removeFirst();
                }
                key.interestOps(SelectionKey.OP_READ);
            }
        }
    }

    @Override
    public void run() {
        WorkNames.run("sip " + transport.toLowerCase(java.util.Locale.ROOT) + "/" + WorkNames.address(local), this::loop);
    }

    private void loop() {
        ByteBuffer in = ByteBuffer.allocateDirect(READ_BUFFER);
        try {
            while (running) {
                selector.select();
                for (Connection c; (c = wantClose.poll()) != null; ) {
                    drop(c);
                }
                for (Connection c; (c = wantWrite.poll()) != null; ) {
                    if (c.key != null && c.key.isValid()) {
                        flushOrDrop(c);
                    }
                }
                var selected = selector.selectedKeys().iterator();
                while (selected.hasNext()) {
                    SelectionKey key = selected.next();
                    selected.remove();
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept();
                    } else {
                        Connection c = (Connection) key.attachment();
                        if (key.isWritable()) {
                            flushOrDrop(c);
                        }
                        if (key.isValid() && key.isReadable()) {
                            read(c, in);
                        }
                    }
                }
            }
        } catch (ClosedSelectorException | IOException e) {
            if (running) {
                LOG.log(Level.SEVERE, "SIP TCP listener " + local + " failed", e);
            }
        } finally {
            // Connections end with the listener: close each, tell the stack, then the selector.
            for (SelectionKey key : java.util.List.copyOf(selector.keys())) {
                if (key.attachment() instanceof Connection c) {
                    drop(c);
                }
            }
            try {
                server.close();
                selector.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "closing " + local, e);
            }
            receiver.release();
            stopped.countDown();
        }
    }

    private void accept() throws IOException {
        SocketChannel channel = server.accept();
        if (channel == null) {
            return;
        }
        if (open >= MAX_CONNECTIONS) {
            channel.close();
            return;
        }
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        Connection c = new Connection(channel);
        c.key = channel.register(selector, SelectionKey.OP_READ, c);
        open++;
    }

    private void read(Connection c, ByteBuffer in) {
        in.clear();
        int n;
        try {
            n = c.channel.read(in);
        } catch (IOException e) {
            n = -1;
        }
        if (n < 0) {
            drop(c);
            return;
        }
        in.flip();
        byte[] bytes = new byte[in.remaining()];
        in.get(bytes);
        if (c.session != null) {
            ByteArrayOutputStream records = new ByteArrayOutputStream();
            try {
                bytes = c.session.unwrap(bytes, records);
            } catch (SSLException e) {
                LOG.fine(() -> c.id + " TLS failed: " + e.getMessage());
                drop(c);
                return;
            }
            if (records.size() > 0) {
                c.queueRecords(records.toByteArray());
            }
            flushOrDrop(c); // handshake replies, and messages held until it finished
            if (bytes.length == 0) {
                return;
            }
        }
        receiver.packet(new SipPacket(transport, c.remote, local, c, bytes));
    }

    private void flushOrDrop(Connection c) {
        try {
            c.flush();
        } catch (IOException e) {
            drop(c);
        }
    }

    private void drop(Connection c) {
        c.closed = true;
        if (c.key != null && c.key.isValid()) {
            c.key.cancel();
            open--;
            try {
                c.channel.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "closing " + c.id, e);
            }
            receiver.closed(c);
        }
    }

    /** Stops the loop; the selector thread closes everything on its way out. */
    @Override
    public void release() {
        running = false;
        selector.wakeup();
    }

    boolean awaitStopped(long millis) throws InterruptedException {
        return stopped.await(millis, TimeUnit.MILLISECONDS);
    }
}
