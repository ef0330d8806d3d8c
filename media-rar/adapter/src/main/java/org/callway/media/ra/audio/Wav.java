package org.callway.media.ra.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import org.callway.media.api.PayloadFormat;

/**
 * WAV prompts: RIFF/WAVE with a {@code fmt } chunk of format tag 1 (16-bit PCM), 6 (A-law)
 * or 7 (μ-law), mono (stereo PCM is mixed down), at 8, 16 or 48 kHz — what sox and Asterisk's
 * sounds ship. Decoded once per (name, rate) and kept: prompts are small and played often
 * (an admin's replaced file is a new entry; the old one stays until undeploy).
 */
public final class Wav {

    /** Decoded samples and their rate. */
    public record Pcm(short[] samples, int rate) { }

    /** Prompt names as the dial plan allows them: no path tricks. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_/-]{0,99}");
    private static final int MAX_BYTES = 16 << 20;
    private static final ConcurrentMap<String, short[]> CACHE = new ConcurrentHashMap<>();

    private Wav() {
    }

    /** The built-in prompt {@code name} ({@code prompts/<name>.wav} on the class path) at {@code rate}. */
    public static short[] prompt(String name, int rate) {
        return prompt(name, rate, null);
    }

    /**
     * The prompt {@code name} at {@code rate}: {@code <directory>/<name>.wav} if there is one
     * (re-read when its modification time changes), else {@code prompts/<name>.wav} from the
     * class path.
     *
     * @throws IllegalArgumentException if there is no such prompt or it is not a WAV we read
     */
    public static short[] prompt(String name, int rate, Path directory) {
        if (name == null || !NAME.matcher(name).matches() || name.contains("//")) {
            throw new IllegalArgumentException("bad prompt name: " + name);
        }
        if (directory != null) {
            Path file = directory.resolve(name + ".wav").normalize();
            if (file.startsWith(directory.normalize()) && Files.isRegularFile(file)) {
                try {
                    long modified = Files.getLastModifiedTime(file).toMillis();
                    return CACHE.computeIfAbsent(file + "@" + modified + "@" + rate, k -> {
                        try {
                            if (Files.size(file) > MAX_BYTES) {
                                throw new IllegalArgumentException("prompt " + file + " is over 16 MB");
                            }
                            return resample(parse(Files.readAllBytes(file)), rate);
                        } catch (IOException e) {
                            throw new IllegalArgumentException("cannot read prompt " + file + ": " + e.getMessage(), e);
                        }
                    });
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot read prompt " + file + ": " + e.getMessage(), e);
                }
            }
        }
        return CACHE.computeIfAbsent(name + "@" + rate, k -> {
            try (InputStream in = Wav.class.getClassLoader().getResourceAsStream("prompts/" + name + ".wav")) {
                if (in == null) {
                    throw new IllegalArgumentException("no prompt named " + name);
                }
                return resample(parse(in.readNBytes(MAX_BYTES)), rate);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read prompt " + name + ": " + e.getMessage(), e);
            }
        });
    }

    private record Encoding(short[] pcm, String codec) { } // the array by identity: one per prompt version
    private static final ConcurrentMap<Encoding, byte[][]> ENCODED = new ConcurrentHashMap<>();

    /**
     * The prompt as 20 ms frames in {@code format}, encoded on first use and kept: a prompt
     * played to many callers at once costs the ticker no encoding (Opus is ~0.4 ms a frame).
     * One encoder state runs through the whole prompt, as it would live.
     */
    public static byte[][] encoded(String name, PayloadFormat format, Path directory) {
        short[] pcm = prompt(name, format.clockRate(), directory);
        return ENCODED.computeIfAbsent(new Encoding(pcm, format.encoding().toUpperCase(java.util.Locale.ROOT)), k -> {
            AudioCodec codec = AudioCodec.of(format);
            int frame = format.clockRate() * Transcoder.FRAME_MILLIS / 1000;
            byte[][] frames = new byte[(pcm.length + frame - 1) / frame][];
            short[] samples = new short[frame];
            byte[] out = new byte[1500];
            for (int i = 0; i < frames.length; i++) {
                java.util.Arrays.fill(samples, (short) 0);
                System.arraycopy(pcm, i * frame, samples, 0, Math.min(frame, pcm.length - i * frame));
                frames[i] = java.util.Arrays.copyOf(out, Math.max(0, codec.encode(samples, 0, frame, out, 0)));
            }
            return frames;
        });
    }

    /** Whole-buffer resampling; the filter's delay is trimmed so the prompt starts on time. */
    static short[] resample(Pcm pcm, int rate) {
        Resampler r = Resampler.of(pcm.rate(), rate);
        if (r == null) {
            return pcm.samples();
        }
        short[] padded = java.util.Arrays.copyOf(pcm.samples(), pcm.samples().length + pcm.rate() / 100);
        short[] out = new short[r.maxOutput(padded.length)];
        int n = r.process(padded, 0, padded.length, out, 0);
        int delay = r.delay();
        int length = (int) ((long) pcm.samples().length * rate / pcm.rate());
        return java.util.Arrays.copyOfRange(out, Math.min(delay, n), Math.min(delay + length, n));
    }

    /** Parses a RIFF/WAVE file (RFC 2361 names the tags; chunks are word-aligned). */
    public static Pcm parse(byte[] b) {
        if (b.length < 12 || !tag(b, 0, "RIFF") || !tag(b, 8, "WAVE")) {
            throw new IllegalArgumentException("not a RIFF/WAVE file");
        }
        int format = -1;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        int at = 12;
        while (at + 8 <= b.length) {
            int size = le32(b, at + 4);
            int body = at + 8;
            if (size < 0 || body + size > b.length) {
                size = b.length - body; // a truncated last chunk: take what is there
            }
            if (tag(b, at, "fmt ") && size >= 16) {
                format = le16(b, body);
                channels = le16(b, body + 2);
                rate = le32(b, body + 4);
                bits = le16(b, body + 14);
                if (format == 0xFFFE && size >= 26) {
                    format = le16(b, body + 24); // WAVE_FORMAT_EXTENSIBLE: the sub-format's tag
                }
            } else if (tag(b, at, "data")) {
                if (format < 0) {
                    throw new IllegalArgumentException("data chunk before fmt chunk");
                }
                return decode(b, body, size, format, channels, rate, bits);
            }
            at = body + size + (size & 1);
        }
        throw new IllegalArgumentException("no data chunk");
    }

    private static Pcm decode(byte[] b, int at, int size, int format, int channels, int rate, int bits) {
        if (rate != 8000 && rate != 16000 && rate != 48000) {
            throw new IllegalArgumentException("sample rate " + rate + " Hz: use 8, 16 or 48 kHz");
        }
        if (channels < 1 || channels > 2) {
            throw new IllegalArgumentException(channels + " channels: use mono");
        }
        short[] out;
        if (format == 1 && bits == 16) {
            int n = size / (2 * channels);
            out = new short[n];
            for (int i = 0; i < n; i++) {
                int p = at + i * 2 * channels;
                out[i] = channels == 1 ? (short) le16(b, p) : (short) (((short) le16(b, p) + (short) le16(b, p + 2)) / 2);
            }
        } else if ((format == 6 || format == 7) && bits == 8 && channels == 1) {
            out = new short[size];
            for (int i = 0; i < size; i++) {
                out[i] = format == 6 ? G711.alawDecode(b[at + i]) : G711.ulawDecode(b[at + i]);
            }
        } else {
            throw new IllegalArgumentException("WAV format tag " + format + " with " + bits + " bits, " + channels
                    + " channels: use 16-bit PCM or mono G.711");
        }
        return new Pcm(out, rate);
    }

    private static boolean tag(byte[] b, int at, String tag) {
        for (int i = 0; i < 4; i++) {
            if (b[at + i] != tag.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int le16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static int le32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }
}
