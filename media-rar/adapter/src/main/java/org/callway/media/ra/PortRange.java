package org.callway.media.ra;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.callway.media.api.MediaPortsExhaustedException;

/**
 * Asterisk's rtp.conf {@code rtpstart}–{@code rtpend}: each leg gets UDP ports of its own from
 * a bounded range instead of the shared port. A plain RTP leg takes an even port for RTP and
 * the odd one above it for RTCP (RFC 3550 §11); a WebRTC leg takes one port, RTCP muxed on it
 * (RFC 8829 §5.1.3, RFC 5761). Ports are handed out round-robin from where the last lease
 * stopped, so a port just given back is not reused at once (late packets of the old call find
 * nobody rather than the next call). A port some other process holds is skipped.
 */
public final class PortRange {

    private final int start;
    private final int end;
    private final BitSet used = new BitSet();
    private int cursor;

    public PortRange(int start, int end) {
        if (start < 1 || end > 65535 || start > end) {
            throw new IllegalArgumentException("RTP port range must be 1 <= rtpStart <= rtpEnd <= 65535, not "
                    + start + "-" + end);
        }
        this.start = start;
        this.end = end;
        this.cursor = start;
    }

    public int start() {
        return start;
    }

    public int end() {
        return end;
    }

    /** Ports neither leased nor closing. */
    public synchronized int free() {
        return end - start + 1 - used.cardinality();
    }

    /**
     * Binds the leg's sockets on each address (same port numbers on all), RTCP's too if
     * {@code pair}.
     *
     * @throws MediaPortsExhaustedException when no free port (pair) is left that binds
     */
    Lease lease(boolean pair, List<InetAddress> addresses) {
        int attempts = end - start + 1;
        for (int i = 0; i < attempts; i++) {
            int port = reserve(pair);
            if (port < 0) {
                break;
            }
            List<RangeSocket> rtp = new ArrayList<>();
            List<RangeSocket> rtcp = new ArrayList<>();
            try {
                for (InetAddress a : addresses) {
                    rtp.add(RangeSocket.bind(a, port));
                    if (pair) {
                        rtcp.add(RangeSocket.bind(a, port + 1));
                    }
                }
                return new Lease(this, port, pair, rtp, rtcp);
            } catch (IOException e) {
                // Someone else holds it: give it back and try the next one.
                rtp.forEach(s -> closeQuietly(s));
                rtcp.forEach(s -> closeQuietly(s));
                release(port, pair);
            }
        }
        throw new MediaPortsExhaustedException("no free " + (pair ? "RTP/RTCP port pair" : "RTP port")
                + " in the range " + start + "-" + end + " (rtpStart-rtpEnd)");
    }

    /** Marks the next free port (even, with the next one, for a pair) used; -1 if none. */
    private synchronized int reserve(boolean pair) {
        int size = end - start + 1;
        for (int i = 0; i < size; i++) {
            int port = start + (cursor - start + i) % size;
            if (pair && ((port & 1) != 0 || port + 1 > end || used.get(port + 1 - start))) {
                continue;
            }
            if (!used.get(port - start)) {
                used.set(port - start);
                if (pair) {
                    used.set(port + 1 - start);
                }
                int next = port + (pair ? 2 : 1);
                cursor = next > end ? start : next;
                return port;
            }
        }
        return -1;
    }

    private synchronized void release(int port, boolean pair) {
        used.clear(port - start);
        if (pair) {
            used.clear(port + 1 - start);
        }
    }

    private static void closeQuietly(RangeSocket s) {
        try {
            s.channel.close();
        } catch (IOException ignored) {
            // never registered with the selector: nothing else holds it
        }
    }

    /** A leg's ports: RTP socket(s) one per address, and RTCP socket(s) on port + 1 for a plain leg. */
    record Lease(PortRange range, int port, boolean pair, List<RangeSocket> rtp, List<RangeSocket> rtcp) {

        List<RangeSocket> all() {
            List<RangeSocket> all = new ArrayList<>(rtp);
            all.addAll(rtcp);
            return all;
        }

        /** Closes every socket through the reader; the ports are free once the last one really closed. */
        void release(SelectorReaderWork reader) {
            List<RangeSocket> all = all();
            AtomicInteger open = new AtomicInteger(all.size());
            Runnable closed = () -> {
                if (open.decrementAndGet() == 0) {
                    range.release(port, pair);
                }
            };
            all.forEach(s -> reader.close(s, closed));
        }
    }
}
