package org.callway.media.ra.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.List;
import org.callway.media.api.PayloadFormat;
import org.junit.jupiter.api.Test;

class PromptTest {

    @Test
    void theShippedDemoPromptIsWhatTheGeneratorMakes() throws Exception {
        byte[] shipped;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("prompts/demo.wav")) {
            shipped = in.readAllBytes();
        }
        assertTrue(shipped.length < 100_000, "small: " + shipped.length);
        assertArrayEquals(DemoPrompt.wav(), shipped, "regenerate with DemoPrompt (see its Javadoc)");
        Wav.Pcm pcm = Wav.parse(shipped);
        assertEquals(8000, pcm.rate());
        assertArrayEquals(DemoPrompt.samples(), pcm.samples());
        // The first note is C5: its energy dominates the first 300 ms.
        assertTrue(Signals.amplitude(pcm.samples(), 0, 2400, 523.25, 8000) > 1000);
    }

    @Test
    void promptsAreResampledToTheCodecRateOnTime() {
        short[] at8 = Wav.prompt("demo", 8000);
        short[] at48 = Wav.prompt("demo", 48000);
        assertEquals(at8.length * 6, at48.length);
        double at8k = Signals.amplitude(at8, 0, 2400, 523.25, 8000);
        double at48k = Signals.amplitude(at48, 0, 14400, 523.25, 48000);
        assertEquals(at8k, at48k, at8k * 0.05, "same note, same level, same place after 8->48 kHz");
        assertThrows(IllegalArgumentException.class, () -> Wav.prompt("no-such-prompt", 8000));
        assertThrows(IllegalArgumentException.class, () -> Wav.prompt("../etc/passwd", 8000));
    }

    @Test
    void aPromptDirectoryComesFirstAndTheClassPathAfter(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        short[] tone = Signals.sine(700, 8000, 800, 5000);
        byte[] pcm = new byte[1600];
        java.nio.ByteBuffer.wrap(pcm).order(java.nio.ByteOrder.LITTLE_ENDIAN).asShortBuffer().put(tone);
        java.nio.file.Files.createDirectories(dir.resolve("en"));
        java.nio.file.Files.write(dir.resolve("en/beep.wav"), wav(1, 1, 8000, 16, pcm));
        assertArrayEquals(tone, Wav.prompt("en/beep", 8000, dir));
        assertArrayEquals(Wav.prompt("demo", 8000), Wav.prompt("demo", 8000, dir), "not in the directory: built in");
        assertThrows(IllegalArgumentException.class, () -> Wav.prompt("en/../../secret", 8000, dir));
        assertThrows(IllegalArgumentException.class, () -> Wav.prompt("/etc/passwd", 8000, dir));
    }

    @Test
    void g711AndStereoWavsAreReadAndOthersRefusedWithAReason() {
        short[] tone = Signals.sine(1000, 16000, 1600, 8000);
        byte[] ulaw = new byte[tone.length];
        new G711Codec(false).encode(tone, 0, tone.length, ulaw, 0);
        Wav.Pcm read = Wav.parse(wav(7, 1, 16000, 8, ulaw));
        assertEquals(16000, read.rate());
        assertEquals(1600, read.samples().length);
        assertEquals(8000, Signals.amplitude(read.samples(), 0, 1600, 1000, 16000), 300);

        byte[] stereo = new byte[8];
        stereo[0] = 100; // left 100, right 300 -> 200
        stereo[2] = 44;
        stereo[3] = 1;
        assertEquals(200, Wav.parse(wav(1, 2, 48000, 16, stereo)).samples()[0]);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Wav.parse(wav(1, 1, 44100, 16, new byte[4])));
        assertTrue(e.getMessage().contains("44100"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Wav.parse(wav(3, 1, 8000, 32, new byte[4])));
        assertTrue(e.getMessage().contains("format tag 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Wav.parse("not a wav at all".getBytes()));
    }

    @Test
    void aToneHasItsCadenceAndEnds() {
        PcmSource tone = PcmSource.Tone.of(8000, List.of(400, 450), 400, 200, 1200);
        short[] frame = new short[160];
        int sounding = 0;
        long position = 0;
        while (tone.read(position, frame)) {
            if (Signals.rms(frame, 0, 160) > 100) {
                sounding++;
            }
            position += 160;
        }
        assertEquals(1200 * 8, position, "60 frames of 20 ms, then the end");
        assertEquals(40, sounding, "on 400 ms of every 600 ms");
        assertFalse(tone.read(position, frame));
        assertTrue(AudioCodec.supported(PayloadFormat.PCMU) && AudioCodec.supported(PayloadFormat.PCMA)
                && AudioCodec.supported(PayloadFormat.OPUS), "every prompt format has a codec");
    }

    static byte[] wav(int format, int channels, int rate, int bits, byte[] data) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(44 + data.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + data.length).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) format).putShort((short) channels).putInt(rate)
                .putInt(rate * channels * bits / 8).putShort((short) (channels * bits / 8)).putShort((short) bits);
        b.put("data".getBytes()).putInt(data.length).put(data);
        return b.array();
    }
}
