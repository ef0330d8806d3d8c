package org.callway.media.ra.audio;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes the demo prompt shipped as {@code prompts/demo.wav}: a short chime (a rising then
 * falling C-major arpeggio, each note a sine with its octave, soft attack and decay), 8 kHz
 * 16-bit mono, about 2.9 s. Generated, so nobody's recording is shipped. Regenerate with
 * <pre>java media-rar/adapter/src/test/java/org/callway/media/ra/audio/DemoPrompt.java \
 *     media-rar/adapter/src/main/resources/prompts/demo.wav</pre>
 * {@code PromptTest} checks the shipped file is exactly what this makes.
 */
public final class DemoPrompt {

    static final int RATE = 8000;
    /** C5 E5 G5 C6 G5 E5 C5 (Hz, equal temperament). */
    private static final double[] NOTES = {523.25, 659.25, 783.99, 1046.50, 783.99, 659.25, 523.25};
    private static final int NOTE_MILLIS = 350;
    private static final int GAP_MILLIS = 50;

    private DemoPrompt() {
    }

    public static void main(String[] args) throws Exception {
        Files.write(Path.of(args[0]), wav());
    }

    static short[] samples() {
        int note = RATE * NOTE_MILLIS / 1000;
        int step = RATE * (NOTE_MILLIS + GAP_MILLIS) / 1000;
        short[] s = new short[step * NOTES.length + RATE / 4];
        for (int n = 0; n < NOTES.length; n++) {
            double last = n == NOTES.length - 1 ? 2.5 : 1; // the last note rings longer
            int length = (int) (note * last);
            for (int i = 0; i < length && n * step + i < s.length; i++) {
                double t = (double) i / RATE;
                double attack = Math.min(1, i / (RATE * 0.01));
                double envelope = attack * Math.exp(-3.0 * i / length);
                double v = Math.sin(2 * Math.PI * NOTES[n] * t) + 0.3 * Math.sin(2 * Math.PI * 2 * NOTES[n] * t);
                s[n * step + i] = (short) Math.round(9000 * envelope * v);
            }
        }
        return s;
    }

    static byte[] wav() {
        short[] s = samples();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ascii(out, "RIFF");
        le32(out, 36 + 2 * s.length);
        ascii(out, "WAVE");
        ascii(out, "fmt ");
        le32(out, 16);
        le16(out, 1); // PCM
        le16(out, 1); // mono
        le32(out, RATE);
        le32(out, RATE * 2);
        le16(out, 2);
        le16(out, 16);
        ascii(out, "data");
        le32(out, 2 * s.length);
        for (short v : s) {
            le16(out, v);
        }
        return out.toByteArray();
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private static void le16(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
    }

    private static void le32(ByteArrayOutputStream out, int v) {
        le16(out, v);
        le16(out, v >>> 16);
    }
}
