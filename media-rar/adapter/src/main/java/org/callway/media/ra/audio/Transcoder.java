package org.callway.media.ra.audio;

import org.callway.media.api.PayloadFormat;

/**
 * One direction of a transcoded bridge: RTP in the source leg's first audio format is
 * decoded, resampled and re-encoded in 20 ms frames of the destination leg's first audio
 * format, as a stream of the transcoder's own (SSRC, sequence, timestamp), RFC 3550 §7.1:
 * a translator that changes the encoding is a new source. Opus packets of 10–60 ms and
 * G.711 packets of any length all go through a PCM FIFO, so the frame size out does not
 * depend on the one in.
 *
 * <p>Telephone-events (RFC 4733) join the same output stream (§2.1: same SSRC and
 * timestamp space as the audio) with their payload type renumbered, their timestamp mapped
 * to the output clock and their duration scaled by the clock ratio.
 *
 * <p>Runs on the reader thread that received the packet; all buffers are made here, once, so
 * a packet costs no allocation (of ours; Concentus allocates a little inside). The CPU cost is
 * the Opus encoder's: about 0.4 ms per 20 ms frame G.711→Opus against 0.06 ms Opus→G.711
 * (README, Benchmarks), so one core transcodes some 40 two-way calls, and a reader thread
 * busy transcoding delays the plain relaying of the other legs on its socket. Synchronized because a leg's held packets can be released on
 * a handshake worker while the reader goes on.
 */
public final class Transcoder {

    /** Where the encoded packets go (the destination leg). */
    @FunctionalInterface
    public interface Sink {
        void send(byte[] packet, int off, int len);
    }

    /** What became of a packet. */
    public enum Result { SENT, NOT_MINE, CORRUPT }

    static final int FRAME_MILLIS = 20;
    /** A jump beyond this is a new stream (restart, another source), not loss or DTX. */
    private static final int RESYNC_SECONDS = 10;

    private final int fromPt;
    private final int toPt;
    private final int fromEventPt;
    private final int toEventPt;
    private final int fromEventClock;
    private final int toEventClock;
    private final AudioCodec decoder;
    private final AudioCodec encoder;
    private final Resampler resampler;
    private final int inRate;
    private final int outRate;
    private final int frame;
    private final short[] decoded = new short[AudioCodec.MAX_DECODED * 2];
    private final short[] resampled;
    private final short[] fifo;
    private int fifoLength;
    private final byte[] out = new byte[Rtp.HEADER + 1500];
    private final int ssrc;
    private int seq;
    private int ts;
    private boolean marker = true;
    private boolean started;
    /** Input timestamp the next audio packet should carry. */
    private int nextInTs;
    private volatile int lastInSsrc;

    /**
     * @param fromEvent the source leg's telephone-event format, or null
     * @param toEvent   the destination leg's, or null (then events are dropped)
     */
    public Transcoder(PayloadFormat from, PayloadFormat to, PayloadFormat fromEvent, PayloadFormat toEvent,
            int ssrc, int initialSeq, int initialTs) {
        this.fromPt = from.payloadType();
        this.toPt = to.payloadType();
        this.fromEventPt = fromEvent == null ? -1 : fromEvent.payloadType();
        this.toEventPt = fromEvent == null || toEvent == null ? -1 : toEvent.payloadType();
        this.fromEventClock = fromEvent == null ? 8000 : fromEvent.clockRate();
        this.toEventClock = toEvent == null ? 8000 : toEvent.clockRate();
        this.decoder = AudioCodec.of(from);
        this.encoder = AudioCodec.of(to);
        this.inRate = decoder.sampleRate();
        this.outRate = encoder.sampleRate();
        this.resampler = Resampler.of(inRate, outRate);
        this.frame = outRate * FRAME_MILLIS / 1000;
        this.resampled = resampler == null ? null : new short[resampler.maxOutput(decoded.length)];
        this.fifo = new short[frame + (resampled == null ? decoded.length : resampled.length)];
        this.ssrc = ssrc;
        this.seq = initialSeq & 0xFFFF;
        this.ts = initialTs;
    }

    public int ssrc() {
        return ssrc;
    }

    /** SSRC of the source stream last transcoded: its RTCP says nothing true about our output. */
    public int sourceSsrc() {
        return lastInSsrc;
    }

    public boolean handles(int payloadType) {
        return payloadType == fromPt || payloadType == fromEventPt;
    }

    public synchronized Result transcode(byte[] b, int off, int len, Sink sink) {
        int po = Rtp.payloadOffset(b, off, len);
        if (po < 0) {
            return Result.CORRUPT;
        }
        int pl = Rtp.payloadLength(b, off, len, po);
        if (pl < 0) {
            return Result.CORRUPT;
        }
        int pt = Rtp.payloadType(b, off);
        if (pt == fromPt) {
            return audio(b, off, po, pl, sink);
        }
        if (pt == fromEventPt) {
            return toEventPt < 0 ? Result.NOT_MINE : event(b, off, po, pl, sink);
        }
        return Result.NOT_MINE;
    }

    private Result audio(byte[] b, int off, int po, int pl, Sink sink) {
        int inTs = Rtp.timestamp(b, off);
        int inSsrc = Rtp.ssrc(b, off);
        if (started && inSsrc != lastInSsrc) {
            started = false; // a new source stream (RFC 3550 §8.2): its timestamps start anywhere
            marker = true;
        }
        lastInSsrc = inSsrc;
        if (started) {
            int gap = inTs - nextInTs;
            if (gap < 0 && gap > -inRate * RESYNC_SECONDS) {
                return Result.SENT; // late or duplicate: its time has passed on our output
            }
            if (gap > 0 && gap < inRate * RESYNC_SECONDS) {
                // Loss or DTX (RFC 7587 §3.1.3): our clock jumps as theirs did, a new talkspurt.
                ts += (int) ((long) gap * outRate / inRate);
                marker = true;
            } else if (gap != 0) {
                marker = true;
            }
        }
        started = true;
        if (Rtp.marker(b, off)) {
            marker = true;
        }
        int n = pl == 0 ? 0 : decoder.decode(b, off + po, pl, decoded, 0);
        if (n < 0) {
            return Result.CORRUPT;
        }
        nextInTs = inTs + n;
        if (resampler != null) {
            n = resampler.process(decoded, 0, n, resampled, 0);
            System.arraycopy(resampled, 0, fifo, fifoLength, n);
        } else {
            System.arraycopy(decoded, 0, fifo, fifoLength, n);
        }
        fifoLength += n;
        int at = 0;
        while (fifoLength - at >= frame) {
            int bytes = encoder.encode(fifo, at, frame, out, Rtp.HEADER);
            at += frame;
            if (bytes < 0) {
                ts += frame; // a lost frame to the far end: its time passes, the next starts a talkspurt
                marker = true;
                continue;
            }
            Rtp.header(out, 0, marker, toPt, seq, ts, ssrc);
            marker = false;
            seq = (seq + 1) & 0xFFFF;
            ts += frame;
            sink.send(out, 0, Rtp.HEADER + bytes);
        }
        System.arraycopy(fifo, at, fifo, 0, fifoLength - at);
        fifoLength -= at;
        return Result.SENT;
    }

    /** RFC 4733 §2.3: event, E/R/volume, 16-bit duration in the event's clock; the timestamp marks its start. */
    private Result event(byte[] b, int off, int po, int pl, Sink sink) {
        if (pl < 4 || pl > 1500) {
            return Result.CORRUPT;
        }
        int inTs = Rtp.timestamp(b, off);
        // The event began this long before the audio we expect next; so on our clock too.
        long behind = started ? (long) (nextInTs - inTs) * outRate / inRate : 0;
        System.arraycopy(b, off + po, out, Rtp.HEADER, pl);
        int duration = Rtp.u16(out, Rtp.HEADER + 2);
        Rtp.put16(out, Rtp.HEADER + 2, (int) Math.min(0xFFFF, (long) duration * toEventClock / fromEventClock));
        Rtp.header(out, 0, Rtp.marker(b, off), toEventPt, seq, (int) (ts - behind), ssrc);
        seq = (seq + 1) & 0xFFFF;
        sink.send(out, 0, Rtp.HEADER + pl);
        return Result.SENT;
    }
}
