package org.callway.media.ra.audio;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.github.jaredmdobson.concentus.OpusSignal;

/**
 * Opus through Concentus (a pure-Java port of libopus 1.1), mono at 48 kHz.
 *
 * <p>Mono both ways, though SDP says {@code opus/48000/2} (RFC 7587 §7: the 2 is fixed and
 * says nothing about the stream): the decoder mixes a stereo stream down itself, and a mono
 * stream is what Chromium sends by default and what every receiver must accept (RFC 7587
 * §3.4, stereo=0 is the default). The encoder and decoder are made on first use, so a
 * direction that only decodes never pays for an encoder's state.
 */
public final class OpusCodec implements AudioCodec {

    /** Speech at 24 kbit/s is transparent for a G.711 source (which carries 300–3400 Hz). */
    static final int BITRATE = 24_000;
    /** 0–10, the middle: the encoder is the dearest part of a transcoded call (see the README's benchmarks). */
    static final int COMPLEXITY = 5;

    private OpusEncoder encoder;
    private OpusDecoder decoder;

    @Override
    public int sampleRate() {
        return 48000;
    }

    @Override
    public int decode(byte[] payload, int off, int len, short[] pcm, int pcmOff) {
        try {
            if (decoder == null) {
                decoder = new OpusDecoder(48000, 1);
            }
            int room = Math.min(MAX_DECODED, pcm.length - pcmOff);
            return decoder.decode(payload, off, len, pcm, pcmOff, room, false);
        } catch (OpusException | RuntimeException | AssertionError e) {
            // A corrupt packet. Concentus checks its invariants with AssertionErrors it throws
            // whether or not assertions are enabled, and runtime exceptions on some input.
            decoder.resetState();
            return -1;
        }
    }

    @Override
    public int encode(short[] pcm, int off, int samples, byte[] out, int outOff) {
        try {
            if (encoder == null) {
                encoder = new OpusEncoder(48000, 1, OpusApplication.OPUS_APPLICATION_VOIP);
                encoder.setBitrate(BITRATE);
                encoder.setComplexity(COMPLEXITY);
                encoder.setSignalType(OpusSignal.OPUS_SIGNAL_VOICE);
            }
            return encoder.encode(pcm, off, samples, out, outOff, Math.min(1275, out.length - outOff));
        } catch (OpusException | RuntimeException | AssertionError e) {
            // Concentus' SILK encoder trips its own invariant checks (AssertionError, thrown
            // always) on some extreme input, e.g. full-scale noise: the frame is lost, and the
            // encoder starts afresh rather than carry a state it found inconsistent.
            encoder.resetState();
            return -1;
        }
    }
}
