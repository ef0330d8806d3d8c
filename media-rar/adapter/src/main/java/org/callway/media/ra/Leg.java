package org.callway.media.ra;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bouncycastle.tls.DTLSTransport;
import org.callway.media.api.DropReason;
import org.callway.media.api.LegId;
import org.callway.media.api.LegKind;
import org.callway.media.api.LegStats;
import org.callway.media.api.MediaEvent;
import org.callway.media.api.MediaEventListener;
import org.callway.media.api.Setup;
import org.callway.media.ra.srtp.PacketBuffer;
import org.callway.media.ra.srtp.SrtpSession;

/**
 * One leg's media state: where it sends (the selected ICE pair or the plain remote), its
 * SRTP session once DTLS has made keys, what it forwards to, its bounded hold queues and
 * its counters. Called from reader threads (media in), the ticker and handshake workers.
 */
final class Leg {

    private static final Logger LOG = Logger.getLogger(Leg.class.getName());
    private static final ThreadLocal<PacketBuffer> IN = ThreadLocal.withInitial(() -> new PacketBuffer(2048));
    private static final ThreadLocal<PacketBuffer> OUT = ThreadLocal.withInitial(() -> new PacketBuffer(2048));

    /** Where media goes out: one socket, one remote address. */
    record Path(MediaSocket socket, InetSocketAddress remote) { }

    final LegId id;
    final LegKind kind;
    private final MediaEventListener listener;
    private final MediaEventListener sink;
    final IceSession ice;
    final int holdLimit;
    /** Route keys of the engine pointing at this leg (so they can be pruned on selection/close). */
    final Set<MediaEngine.RouteKey> routes = ConcurrentHashMap.newKeySet();
    /**
     * SSRCs and open STUN transaction IDs that the engine's {@code bySsrc} and
     * {@code transactions} map to this leg, kept in step under those maps' per-key locks, so
     * closing the leg removes just its entries instead of scanning the maps.
     */
    final Set<Integer> ssrcs = ConcurrentHashMap.newKeySet();
    final Set<java.nio.ByteBuffer> transactions = ConcurrentHashMap.newKeySet();
    /**
     * Open legs whose {@link #target} is this leg (this one too when echoing), so closing or
     * re-formatting it need not scan all legs. May briefly hold a leg that has since moved on:
     * users check {@code other.target == this}.
     */
    final Set<Leg> sources = ConcurrentHashMap.newKeySet();
    /** Serializes this leg's target changes (control threads only; media threads just read {@link #target}). */
    private final Object targetLock = new Object();

    volatile Path path;
    volatile SrtpSession srtp;
    volatile DtlsHandshake dtls;
    volatile DTLSTransport dtlsTransport;
    /** Where this leg's media goes; read racily by reader threads, set only through {@link #retarget}. */
    volatile Leg target;
    /** What the leg's SDP agreed on (empty: relay untouched). */
    volatile java.util.List<org.callway.media.api.PayloadFormat> formats = java.util.List.of();
    /** How what this leg receives goes out of {@link #target}; set with the bridge and the formats. */
    volatile Forwarding forwarding = Forwarding.UNTOUCHED;
    /** The audio stream this leg sends, kept continuous across sources; null without formats. */
    volatile OutStream out;
    /** Payload types (this leg's numbering) that are video: never rewritten, never replaced by a prompt. */
    volatile boolean[] video = new boolean[128];
    /** A prompt replacing what the leg is sent, driven by the ticker; null when none. */
    volatile org.callway.media.ra.audio.Playback playback;
    /** Where a transcoder feeding this leg puts its packets (made once, not per packet). */
    final org.callway.media.ra.audio.Transcoder.Sink forwarded = this::send;
    /** Where this leg's playback puts its packets. */
    final org.callway.media.ra.audio.Transcoder.Sink prompted = this::sendPrompt;
    /** SDES: what we offer (one per suite) and, once the far end answered or offered, the choice. */
    final java.util.List<SdesCrypto> sdesOffer = new java.util.ArrayList<>();
    volatile SdesCrypto sdesChosen;
    volatile String remoteFingerprint;
    volatile Setup localSetup = Setup.ACTPASS;
    volatile boolean closed;
    volatile boolean failed;
    volatile boolean consentLost;
    private final AtomicBoolean firstMedia = new AtomicBoolean();
    final AtomicBoolean dtlsStarted = new AtomicBoolean();

    private final ArrayDeque<byte[]> holdIn = new ArrayDeque<>();
    private final ArrayDeque<byte[]> holdOut = new ArrayDeque<>();

    private final LongAdder packetsIn = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder packetsOut = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final Map<DropReason, AtomicLong> drops = new EnumMap<>(DropReason.class);
    /** RFC 3550 loss, jitter and round-trip time, fed by one hook on each direction. */
    private final org.callway.media.ra.rtp.LegQuality quality = new org.callway.media.ra.rtp.LegQuality();

    Leg(LegId id, LegKind kind, MediaEventListener listener, MediaEventListener sink, IceSession ice, int holdLimit) {
        this.id = id;
        this.kind = kind;
        this.listener = listener;
        this.sink = sink;
        this.ice = ice;
        this.holdLimit = holdLimit;
        for (DropReason r : DropReason.values()) {
            drops.put(r, new AtomicLong());
        }
    }

    /** To the leg's own listener, then to the engine-wide sink (the adapter's message endpoints). */
    void event(MediaEvent event) {
        for (MediaEventListener l : new MediaEventListener[] {listener, sink}) {
            if (l == null) {
                continue;
            }
            try {
                l.onMediaEvent(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "listener of " + id + " failed on " + event, e);
            }
        }
    }

    void drop(DropReason reason) {
        drops.get(reason).incrementAndGet();
    }

    LegStats stats() {
        Map<DropReason, Long> snapshot = new EnumMap<>(DropReason.class);
        drops.forEach((r, n) -> snapshot.put(r, n.get()));
        return new LegStats(packetsIn.sum(), bytesIn.sum(), packetsOut.sum(), bytesOut.sum(), snapshot,
                quality.snapshot());
    }

    static boolean isRtcp(byte[] b, int off) {
        int pt = b[off + 1] & 0x7F;
        return pt >= 64 && pt <= 95; // RFC 5761 §4: RTCP packet types 192-223 with rtcp-mux
    }

    /** Media (RTP or RTCP) that arrived from this leg's accepted remote, on a reader thread. */
    void receive(byte[] buf, int len) {
        if (closed || failed) {
            drop(DropReason.NO_ROUTE);
            return;
        }
        if (len < 8 || (len < 12 && !isRtcp(buf, 0))) {
            drop(DropReason.MALFORMED);
            return;
        }
        SrtpSession session = null;
        if (kind != LegKind.RTP_AVP) {
            session = srtp;
            if (session == null) {
                if (hold(holdIn, buf, 0, len)) {
                    return; // RFC 5764 §5.1.1: the peer may finish DTLS before us
                }
                session = srtp; // keys arrived meanwhile
            }
        }
        receive(session, buf, len);
    }

    /** Unprotects with {@code session} (null for plain RTP) and forwards. */
    private void receive(SrtpSession session, byte[] buf, int len) {
        PacketBuffer packet = IN.get().set(buf, 0, len);
        if (session != null && !unprotect(session, packet)) {
            return;
        }
        accepted(packet);
    }

    private boolean unprotect(SrtpSession session, PacketBuffer packet) {
        SrtpSession.Result result = isRtcp(packet.getBuffer(), packet.getOffset())
                ? session.unprotectRtcp(packet) : session.unprotectRtp(packet);
        switch (result) {
            case OK:
                return true;
            case REPLAY:
                drop(DropReason.REPLAY);
                return false;
            case AUTH_FAILED:
                drop(DropReason.AUTH_FAILED);
                return false;
            default:
                drop(DropReason.MALFORMED);
                return false;
        }
    }

    private void accepted(PacketBuffer plain) {
        packetsIn.increment();
        bytesIn.add(plain.getLength());
        quality.received(plain.getBuffer(), plain.getOffset(), plain.getLength(), formats, System.nanoTime());
        if (firstMedia.compareAndSet(false, true)) {
            event(new MediaEvent.FirstMedia(id));
        }
        Leg to = target;
        if (to == null) {
            drop(DropReason.NO_ROUTE);
            return;
        }
        byte[] b = plain.getBuffer();
        int off = plain.getOffset();
        int len = plain.getLength();
        Forwarding f = forwarding;
        if (isRtcp(b, off)) {
            // RFC 3550 §7.1: the reports of a stream we transcode describe packets the far end never sees.
            if (f instanceof Forwarding.Transcode t && len >= 8
                    && org.callway.media.ra.audio.Rtp.i32(b, off + 4) == t.transcoder().sourceSsrc()) {
                return;
            }
            OutStream mine = out;
            if (mine != null) {
                synchronized (mine) {
                    mine.reverseReports(b, off, len);
                }
            }
            to.send(b, off, len);
            return;
        }
        if (f instanceof Forwarding.Untouched) {
            to.send(b, off, len);
            return;
        }
        int pt = b[off + 1] & 0x7F;
        if (f instanceof Forwarding.Transcode t && t.transcoder().handles(pt)) {
            switch (t.transcoder().transcode(b, off, len, to.forwarded)) {
                case CORRUPT -> drop(DropReason.MALFORMED);
                case NOT_MINE -> drop(DropReason.NO_ROUTE);
                case SENT -> { }
            }
            return;
        }
        int[] map = f instanceof Forwarding.Renumber r ? r.map() : ((Forwarding.Transcode) f).map();
        int mapped = map[pt];
        if (mapped < 0) {
            drop(DropReason.NO_ROUTE); // a format the other leg did not agree on
            return;
        }
        b[off + 1] = (byte) ((b[off + 1] & 0x80) | mapped); // marker bit kept
        to.send(b, off, len);
    }

    /** Plain media from a bridged leg (or ourselves, echoing): protect if needed and send. */
    void send(byte[] buf, int off, int len) {
        send(buf, off, len, false);
    }

    /** A prompt's packet: the one source that a playing leg's audio comes from. */
    void sendPrompt(byte[] buf, int off, int len) {
        send(buf, off, len, true);
    }

    private void send(byte[] buf, int off, int len, boolean prompt) {
        if (closed || failed || consentLost) {
            drop(DropReason.NO_ROUTE);
            return;
        }
        OutStream stream = out;
        if (stream == null) {
            sendAsIs(buf, off, len);
            return;
        }
        if (isRtcp(buf, off)) {
            synchronized (stream) {
                stream.rewriteSenderReport(buf, off, len);
                sendAsIs(buf, off, len);
            }
            return;
        }
        if (video[buf[off + 1] & 0x7F]) {
            sendAsIs(buf, off, len);
            return;
        }
        if (!prompt && playback != null) {
            return; // the prompt replaces the partner's audio (MediaConnection.play)
        }
        synchronized (stream) {
            stream.rewrite(buf, off, System.nanoTime());
            sendAsIs(buf, off, len);
        }
    }

    /** True once a prompt's frames would reach the far end (a path, and keys where needed). */
    boolean canSend() {
        return !closed && !failed && !consentLost && path != null && (kind == LegKind.RTP_AVP || srtp != null);
    }

    private void sendAsIs(byte[] buf, int off, int len) {
        SrtpSession session = null;
        if (kind != LegKind.RTP_AVP) {
            session = srtp;
            if (session == null) {
                if (hold(holdOut, buf, off, len)) {
                    return;
                }
                session = srtp;
            }
        }
        send(session, buf, off, len);
    }

    /** Protects with {@code session} (null for plain RTP) and transmits on the current path. */
    private void send(SrtpSession session, byte[] buf, int off, int len) {
        quality.sent(buf, off, len, formats, System.nanoTime());
        Path p = path;
        if (session == null) {
            transmit(p, buf, off, len);
            return;
        }
        PacketBuffer out = OUT.get().set(buf, off, len);
        boolean ok = isRtcp(buf, off) ? session.protectRtcp(out) : session.protectRtp(out);
        if (!ok) {
            drop(DropReason.MALFORMED);
            return;
        }
        transmit(p, out.getBuffer(), out.getOffset(), out.getLength());
    }

    private void transmit(Path p, byte[] buf, int off, int len) {
        if (p == null) {
            drop(DropReason.NO_ROUTE); // no remote yet (plain leg before its SDP)
            return;
        }
        p.socket().send(buf, off, len, p.remote());
        packetsOut.increment();
        bytesOut.add(len);
    }

    /**
     * Bounded hold (jitsi's SrtpTransformerNode keeps 1024): full means the packet is dropped.
     * Checked against the keys under the queue's lock, which {@link #keysReady} also takes, so
     * a packet is either held and later flushed, or not held because the keys are there.
     *
     * @return true if the packet was held or dropped; false if keys exist now (go on)
     */
    private boolean hold(ArrayDeque<byte[]> queue, byte[] buf, int off, int len) {
        synchronized (queue) {
            if (srtp != null) {
                return false;
            }
            if (queue.size() >= holdLimit) {
                drop(DropReason.HOLD_OVERFLOW);
                return true;
            }
            queue.add(java.util.Arrays.copyOfRange(buf, off, off + len));
            return true;
        }
    }

    /**
     * Keys exist: release what was held, inbound first (it was older on the wire). The keys are
     * published only once both queues are empty: until then a packet arriving on a reader thread
     * joins the queue behind the ones being released instead of overtaking them (SRTP's replay
     * window and the far end's jitter buffer both prefer order).
     */
    void keysReady(SrtpSession session) {
        while (true) {
            byte[][] in;
            byte[][] out;
            synchronized (holdIn) {
                synchronized (holdOut) {
                    if (holdIn.isEmpty() && holdOut.isEmpty()) {
                        srtp = session;
                        return;
                    }
                    in = holdIn.toArray(new byte[0][]);
                    holdIn.clear();
                    out = holdOut.toArray(new byte[0][]);
                    holdOut.clear();
                }
            }
            for (byte[] b : in) {
                if (!closed && !failed) {
                    receive(session, b, b.length);
                }
            }
            for (byte[] b : out) {
                if (!closed && !failed && !consentLost) {
                    send(session, b, 0, b.length);
                }
            }
        }
    }

    private final Object dtlsLock = new Object();
    private byte[] dtlsScratch;

    /**
     * A DTLS record after the handshake (a retransmitted final flight, an alert): given to
     * BC's transport on the reader thread with a 1 ms wait so it can answer or report a
     * fatal alert. Application data over DTLS is not used by WebRTC audio and is discarded.
     */
    void dtlsAfterHandshake(byte[] datagram) {
        DtlsHandshake handshake = dtls;
        DTLSTransport transport = dtlsTransport;
        if (handshake == null || transport == null || failed || closed || !handshake.offer(datagram)) {
            drop(DropReason.NO_ROUTE);
            return;
        }
        synchronized (dtlsLock) {
            if (dtlsScratch == null) {
                dtlsScratch = new byte[2048];
            }
            try {
                transport.receive(dtlsScratch, 0, dtlsScratch.length, 1);
            } catch (java.io.IOException | RuntimeException e) {
                if (!failed && !closed) {
                    failed = true;
                    event(new MediaEvent.DtlsFailed(id, "DTLS ended after the handshake: " + e));
                }
            }
        }
    }

    int held() {
        synchronized (holdIn) {
            synchronized (holdOut) {
                return holdIn.size() + holdOut.size();
            }
        }
    }

    /**
     * Points this leg's media at {@code to} (null: nowhere) and moves it from the old target's
     * {@link #sources} to the new one's. A closed leg is left out of {@code to.sources}: the
     * engine no longer lists it, and {@link #leaveTarget} may already have run.
     */
    void retarget(Leg to) {
        synchronized (targetLock) {
            Leg old = target;
            if (old != null && old != to) {
                old.sources.remove(this);
            }
            if (to != null && !closed) {
                to.sources.add(this);
            }
            target = to;
        }
    }

    /**
     * After {@link #close}: out of its target's {@link #sources} so a long-lived partner does not
     * keep closed legs. {@link #target} itself is left as it was (a packet in flight may still use it).
     */
    void leaveTarget() {
        synchronized (targetLock) {
            Leg old = target;
            if (old != null) {
                old.sources.remove(this);
            }
        }
    }

    void close() {
        closed = true;
        playback = null; // the ticker stops with it
        DtlsHandshake handshake = dtls;
        if (handshake != null) {
            try {
                handshake.close();
            } catch (java.io.IOException ignored) {
                // nothing to release beyond the flag
            }
        }
        DTLSTransport transport = dtlsTransport;
        if (transport != null) {
            try {
                transport.close(); // close_notify
            } catch (java.io.IOException | RuntimeException e) {
                LOG.log(Level.FINE, "closing DTLS of " + id, e);
            }
        }
        SrtpSession session = srtp;
        if (session != null) {
            session.close();
        }
        synchronized (holdIn) {
            holdIn.clear();
        }
        synchronized (holdOut) {
            holdOut.clear();
        }
    }
}
