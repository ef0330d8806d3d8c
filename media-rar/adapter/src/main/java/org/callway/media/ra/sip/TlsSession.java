package org.callway.media.ra.sip;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * One TLS connection's record layer over non-blocking I/O: the selector thread feeds it what
 * the socket read and gets the plaintext; our writes come back as records to send. All calls
 * happen on the selector thread, so the engine is never used concurrently.
 */
final class TlsSession {

    private final SSLEngine engine;
    private ByteBuffer netIn;
    private ByteBuffer appIn;
    private final ByteBuffer empty = ByteBuffer.allocate(0);

    TlsSession(SSLEngine engine) {
        this.engine = engine;
        engine.setUseClientMode(false);
        this.netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    }

    boolean handshaking() {
        SSLEngineResult.HandshakeStatus s = engine.getHandshakeStatus();
        return s != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING && s != SSLEngineResult.HandshakeStatus.FINISHED;
    }

    /**
     * Takes bytes read from the socket; returns the plaintext they complete (maybe none) and
     * puts any records the handshake needs sent into {@code toSend}.
     */
    byte[] unwrap(byte[] network, ByteArrayOutputStream toSend) throws SSLException {
        netIn = ensure(netIn, network.length);
        netIn.put(network);
        netIn.flip();
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        try {
            while (true) {
                SSLEngineResult r = engine.unwrap(netIn, appIn);
                drain(appIn, plain);
                if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                    appIn = ByteBuffer.allocate(appIn.capacity() * 2);
                    continue;
                }
                if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                    throw new SSLException("peer closed the TLS session");
                }
                if (!handshake(toSend) && (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW
                        || !netIn.hasRemaining())) {
                    break;
                }
            }
        } finally {
            netIn.compact();
        }
        return plain.toByteArray();
    }

    /** Encrypts one message into records to send. */
    byte[] wrap(byte[] plain) throws SSLException {
        ByteBuffer in = ByteBuffer.wrap(plain);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        while (in.hasRemaining()) {
            net.clear();
            SSLEngineResult r = engine.wrap(in, net);
            if (r.getStatus() != SSLEngineResult.Status.OK) {
                throw new SSLException("TLS wrap: " + r.getStatus());
            }
            net.flip();
            out.write(net.array(), 0, net.limit());
        }
        return out.toByteArray();
    }

    /** Runs what the handshake asks for now; true if it produced something or ran a task. */
    private boolean handshake(ByteArrayOutputStream toSend) throws SSLException {
        boolean progressed = false;
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK -> {
                    for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
                        task.run(); // short CPU work; on the selector thread like everything else here
                    }
                    progressed = true;
                }
                case NEED_WRAP -> {
                    ByteBuffer net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
                    SSLEngineResult r = engine.wrap(empty, net);
                    net.flip();
                    toSend.write(net.array(), 0, net.limit());
                    progressed = true;
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                        return true;
                    }
                }
                default -> {
                    return progressed;
                }
            }
        }
    }

    private static void drain(ByteBuffer buffer, ByteArrayOutputStream to) {
        buffer.flip();
        to.write(buffer.array(), buffer.position(), buffer.remaining());
        buffer.clear();
    }

    private static ByteBuffer ensure(ByteBuffer buffer, int more) {
        if (buffer.remaining() >= more) {
            return buffer;
        }
        ByteBuffer bigger = ByteBuffer.allocate(buffer.position() + more);
        buffer.flip();
        bigger.put(buffer);
        return bigger;
    }
}
