package org.callway.media.ra.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.callway.media.api.PayloadFormat;
import org.junit.jupiter.api.Test;

class CodecTest {

    /** G.711's quantisation step doubles per segment: the error stays within one step of the sample's segment. */
    @Test
    void g711RoundTripStaysWithinOneStep() {
        for (int v = Short.MIN_VALUE; v <= Short.MAX_VALUE; v++) {
            short s = (short) v;
            int u = G711.ulawDecode(G711.ulawEncode(s));
            int a = G711.alawDecode(G711.alawEncode(s));
            int magnitude = Math.abs(v);
            // μ-law: step 8 below 256 doubling each segment, up to 1024; plus the clip at 32635.
            int uStep = Math.max(8, Integer.highestOneBit(Math.min(magnitude + 4, 32635) + 0x84) >> 4); // +4: the 14-bit table cell
            int aStep = magnitude < 512 ? 16 : Integer.highestOneBit(magnitude) >> 4;
            assertTrue(Math.abs(u - Math.max(-32635 - 0x84, Math.min(v, 32635 + 0x84))) <= uStep,
                    "μ-law " + v + " -> " + u);
            assertTrue(Math.abs(a - v) <= aStep, "A-law " + v + " -> " + a);
        }
        // The codes are an involution on the wire: decode then encode gives the byte back.
        for (int b = 0; b < 256; b++) {
            assertEquals((byte) b, G711.alawEncode(G711.alawDecode((byte) b)), "A-law code " + b);
            if (b != 0x7F) { // μ-law has two zeros (0x7F and 0xFF); 0 encodes to 0xFF
                assertEquals((byte) b, G711.ulawEncode(G711.ulawDecode((byte) b)), "μ-law code " + b);
            }
        }
        // Known points of the standard tables.
        assertEquals((byte) 0xFF, G711.ulawEncode((short) 0));
        assertEquals((byte) 0xD5, G711.alawEncode((short) 0));
        assertEquals(-32124, G711.ulawDecode((byte) 0x00));
        assertEquals(-32256, G711.alawDecode((byte) 0x2A));
    }

    @Test
    void g711ToneKeepsItsEnergyAndSignalToNoise() {
        short[] tone = Signals.sine(1000, 8000, 1600, 8000);
        for (boolean alaw : new boolean[] {false, true}) {
            G711Codec codec = new G711Codec(alaw);
            byte[] wire = new byte[1600];
            codec.encode(tone, 0, 1600, wire, 0);
            short[] back = new short[1600];
            assertEquals(1600, codec.decode(wire, 0, 1600, back, 0));
            short[] noise = new short[1600];
            for (int i = 0; i < 1600; i++) {
                noise[i] = (short) (back[i] - tone[i]);
            }
            double snr = 20 * Math.log10(Signals.rms(tone, 0, 1600) / Signals.rms(noise, 0, 1600));
            assertTrue(snr > 35, "G.711 SNR is ~38 dB for a loud tone, got " + snr);
            assertEquals(8000, Signals.amplitude(back, 0, 1600, 1000, 8000), 200);
        }
    }

    @Test
    void opusKeepsA1kHzTone() {
        AudioCodec opus = AudioCodec.of(PayloadFormat.OPUS);
        AudioCodec decoder = AudioCodec.of(PayloadFormat.OPUS);
        short[] tone = Signals.sine(1000, 48000, 48000, 10000);
        short[] decoded = new short[48000];
        byte[] packet = new byte[1500];
        int at = 0;
        for (int frame = 0; frame < 50; frame++) {
            int bytes = opus.encode(tone, frame * 960, 960, packet, 0);
            assertTrue(bytes > 0 && bytes < 200, "24 kbit/s is ~60 bytes per 20 ms, got " + bytes);
            at += decoder.decode(packet, 0, bytes, decoded, at);
        }
        assertEquals(48000, at);
        // Past the codec's start-up, the last half second: the tone, and little else.
        double at1k = Signals.amplitude(decoded, 24000, 24000, 1000, 48000);
        double at3k = Signals.amplitude(decoded, 24000, 24000, 3000, 48000);
        assertEquals(10000, at1k, 2000, "1 kHz amplitude after Opus");
        assertTrue(at3k < at1k / 100, "3 kHz: " + at3k);
        assertEquals(-1, decoder.decode(new byte[] {(byte) 0xFF, (byte) 0xFF, 1}, 0, 3, decoded, 0),
                "a corrupt packet is reported, not thrown");
    }

    /** Whatever arrives on the wire, a transcoder answers with a result, never an exception. */
    @Test
    void transcodersSurviveGarbage() {
        java.util.Random random = new java.util.Random(7);
        PayloadFormat event = PayloadFormat.audio(101, "telephone-event", 8000, 1);
        Transcoder[] both = {
            new Transcoder(PayloadFormat.OPUS, PayloadFormat.PCMU, event, event, 1, 0, 0),
            new Transcoder(PayloadFormat.PCMU, PayloadFormat.OPUS, event, event, 2, 0, 0)};
        int[] sent = new int[1];
        java.util.EnumMap<Transcoder.Result, Integer> results = new java.util.EnumMap<>(Transcoder.Result.class);
        // Seed 7 trips Concentus' SILK encoder on its 20th packet (an AssertionError it throws
        // always); the rest is breadth.
        for (int i = 0; i < 600; i++) {
            byte[] p = new byte[random.nextInt(1400)];
            random.nextBytes(p);
            if (p.length > 1) {
                p[1] = (byte) (random.nextBoolean() ? both[i % 2] == both[0] ? 111 : 0 : random.nextInt(256));
            }
            Transcoder.Result r = both[i % 2].transcode(p, 0, p.length, (b, off, len) -> sent[0]++);
            results.merge(r, 1, Integer::sum);
        }
        assertTrue(results.getOrDefault(Transcoder.Result.CORRUPT, 0) > 0, results.toString());
        assertTrue(results.getOrDefault(Transcoder.Result.SENT, 0) > 0, results.toString());
        assertTrue(sent[0] > 0, "some garbage decodes to audio, and is sent as such");
    }

    @Test
    void resamplerPasses1kHzAndAttenuatesAboveTheNewNyquist() {
        // 48 -> 8 kHz: 1 kHz passes; 6 kHz would alias to 2 kHz and must be filtered out.
        for (double hz : new double[] {1000, 6000}) {
            Resampler down = new Resampler(48000, 8000);
            short[] in = Signals.sine(hz, 48000, 48000, 10000);
            short[] out = new short[down.maxOutput(960) * 50];
            int n = 0;
            for (int i = 0; i < 50; i++) { // in 20 ms chunks, as the transcoder calls it
                n += down.process(in, i * 960, 960, out, n);
            }
            assertEquals(8000, n, 1);
            double amplitude = Signals.amplitude(out, 4000, 4000, hz == 1000 ? 1000 : 2000, 8000);
            if (hz == 1000) {
                assertEquals(10000, amplitude, 300, "1 kHz passes 48->8");
            } else {
                assertTrue(amplitude < 10, "6 kHz is attenuated by more than 60 dB, its alias at 2 kHz reads " + amplitude);
            }
        }
        // 8 -> 48 kHz: 1 kHz passes, and the images at 7 and 9 kHz are gone.
        Resampler up = new Resampler(8000, 48000);
        short[] in = Signals.sine(1000, 8000, 8000, 10000);
        short[] out = new short[48000 + 10];
        int n = 0;
        for (int i = 0; i < 50; i++) {
            n += up.process(in, i * 160, 160, out, n);
        }
        assertEquals(48000, n, 1);
        assertEquals(10000, Signals.amplitude(out, 24000, 24000, 1000, 48000), 300, "1 kHz passes 8->48");
        assertTrue(Signals.amplitude(out, 24000, 24000, 7000, 48000) < 10, "image at 7 kHz");
        assertTrue(Signals.amplitude(out, 24000, 24000, 9000, 48000) < 10, "image at 9 kHz");
    }
}
