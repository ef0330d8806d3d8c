package org.callway.media.ra.audio;

import org.callway.media.api.PayloadFormat;

/**
 * A prompt being played into one leg: 20 ms frames encoded in the leg's first audio format,
 * sent by the engine's ticker. No thread of its own: each tick sends the frames that are due
 * by the wall clock since the first one (the ticker's period and jitter do not matter; RTP
 * timestamps advance by exactly one frame each). The clock starts on the first tick at which
 * the leg can send, so a WebRTC leg still doing DTLS hears the prompt from its beginning.
 */
public final class Playback {

    /**
     * After a stall (a long GC pause, a busy ticker) at most this many frames go out at once;
     * the rest of the prompt is shifted later rather than skipped, so it is heard whole.
     */
    private static final int MAX_BURST = 5;
    private static final long FRAME_NANOS = Transcoder.FRAME_MILLIS * 1_000_000L;

    private final PcmSource source;
    /** A WAV prompt's frames, encoded once for all its plays (null: encode {@link #source} live). */
    private final byte[][] encoded;
    private final AudioCodec codec;
    private final int payloadType;
    private final int ssrc;
    private final short[] pcm;
    private final byte[] out = new byte[Rtp.HEADER + 1500];
    private final int initialSeq;
    private final int initialTs;
    private long startNanos = -1;
    private long frames;

    public Playback(PcmSource source, PayloadFormat format, int ssrc, int initialSeq, int initialTs) {
        this(source, null, format, ssrc, initialSeq, initialTs);
    }

    /** Plays frames encoded beforehand (see {@link Wav#encoded}): the ticker only adds headers. */
    public Playback(byte[][] encoded, PayloadFormat format, int ssrc, int initialSeq, int initialTs) {
        this(null, encoded, format, ssrc, initialSeq, initialTs);
    }

    private Playback(PcmSource source, byte[][] encoded, PayloadFormat format, int ssrc, int initialSeq,
            int initialTs) {
        this.source = source;
        this.encoded = encoded;
        this.codec = encoded == null ? AudioCodec.of(format) : null;
        this.payloadType = format.payloadType();
        this.ssrc = ssrc;
        this.pcm = new short[format.clockRate() * Transcoder.FRAME_MILLIS / 1000];
        this.initialSeq = initialSeq;
        this.initialTs = initialTs;
    }

    /**
     * Sends what is due at {@code nowNanos}.
     *
     * @return true once the source has ended (the caller reports PlaybackDone)
     */
    public synchronized boolean tick(long nowNanos, Transcoder.Sink sink) {
        if (startNanos < 0) {
            startNanos = nowNanos;
        }
        long due = (nowNanos - startNanos) / FRAME_NANOS + 1;
        if (due - frames > MAX_BURST) {
            startNanos += (due - frames - MAX_BURST) * FRAME_NANOS;
            due = frames + MAX_BURST;
        }
        while (frames < due) {
            int bytes;
            if (encoded != null) {
                if (frames >= encoded.length) {
                    return true;
                }
                byte[] frame = encoded[(int) frames];
                System.arraycopy(frame, 0, out, Rtp.HEADER, frame.length);
                bytes = frame.length;
            } else {
                if (!source.read(frames * pcm.length, pcm)) {
                    return true;
                }
                bytes = codec.encode(pcm, 0, pcm.length, out, Rtp.HEADER);
                if (bytes < 0) {
                    frames++; // not sent; its time passes
                    continue;
                }
            }
            // RFC 3551 §4.1: the marker bit on the first packet of a talkspurt.
            Rtp.header(out, 0, frames == 0, payloadType, (int) (initialSeq + frames),
                    (int) (initialTs + frames * pcm.length), ssrc);
            frames++;
            sink.send(out, 0, Rtp.HEADER + bytes);
        }
        return false;
    }
}
