package org.callway.media.ra.audio;

import java.util.Locale;
import org.callway.media.api.PayloadFormat;

/**
 * An audio codec instance with its state (Opus keeps some): decodes RTP payloads to 16-bit
 * mono PCM and encodes PCM frames to payloads. For every codec here the PCM rate equals the
 * RTP clock rate (G.711 8 kHz, Opus 48 kHz per RFC 7587 §4.1), so timestamps count samples.
 * Not thread-safe: one per direction of a call.
 */
public sealed interface AudioCodec permits G711Codec, OpusCodec {

    /** The most samples one payload can decode to: 120 ms at 48 kHz (RFC 6716 §3.2.5). */
    int MAX_DECODED = 5760;

    int sampleRate();

    /** @return samples written to {@code pcm} from {@code pcmOff}, or -1 if the payload is corrupt */
    int decode(byte[] payload, int off, int len, short[] pcm, int pcmOff);

    /**
     * Encodes {@code samples} (one frame) of {@code pcm}.
     *
     * @return bytes written to {@code out}, or -1 if the encoder failed on this frame (skip it)
     */
    int encode(short[] pcm, int off, int samples, byte[] out, int outOff);

    /** Whether {@link #of} knows the format. */
    static boolean supported(PayloadFormat f) {
        return !f.video() && switch (f.encoding().toUpperCase(Locale.ROOT)) {
            case "PCMU", "PCMA" -> f.clockRate() == 8000;
            case "OPUS" -> f.clockRate() == 48000;
            default -> false;
        };
    }

    /** A fresh codec for the format; IllegalArgumentException if not {@link #supported}. */
    static AudioCodec of(PayloadFormat f) {
        if (!supported(f)) {
            throw new IllegalArgumentException("no codec for " + f.encoding() + "/" + f.clockRate());
        }
        return switch (f.encoding().toUpperCase(Locale.ROOT)) {
            case "PCMU" -> new G711Codec(false);
            case "PCMA" -> new G711Codec(true);
            default -> new OpusCodec();
        };
    }
}
