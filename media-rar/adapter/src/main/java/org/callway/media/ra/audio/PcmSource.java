package org.callway.media.ra.audio;

import java.util.List;

/** PCM a playback reads frame by frame at its codec's rate: a generated tone or decoded samples. */
public sealed interface PcmSource {

    /**
     * Fills {@code frame} with the samples from {@code position} on (silence past the end).
     *
     * @return false if {@code position} is already past the end (nothing more to play)
     */
    boolean read(long position, short[] frame);

    /**
     * A tone: the sum of sines at {@code frequencies}, on for {@code onMillis} then off for
     * {@code offMillis}, repeated for {@code totalMillis} (0: without end). Sines are computed
     * from the absolute sample position, so a cadence has no clicks at frame edges.
     */
    record Tone(int rate, double[] frequencies, int onMillis, int offMillis, int totalMillis) implements PcmSource {

        /** −12 dBFS in all, split between the components: loud enough, never clipping. */
        static final double LEVEL = 8000;

        public static Tone of(int rate, List<Integer> frequencies, int onMillis, int offMillis, int totalMillis) {
            return new Tone(rate, frequencies.stream().mapToDouble(Integer::doubleValue).toArray(), onMillis, offMillis,
                    totalMillis);
        }

        @Override
        public boolean read(long position, short[] frame) {
            long end = (long) totalMillis * rate / 1000;
            if (totalMillis > 0 && position >= end) {
                return false;
            }
            long cycle = (long) (onMillis + offMillis) * rate / 1000;
            long on = (long) onMillis * rate / 1000;
            double amplitude = frequencies.length == 0 ? 0 : LEVEL / frequencies.length;
            for (int i = 0; i < frame.length; i++) {
                long p = position + i;
                boolean sounding = (totalMillis == 0 || p < end) && (offMillis <= 0 || cycle == 0 || p % cycle < on);
                double v = 0;
                if (sounding) {
                    for (double f : frequencies) {
                        // phase from p mod rate keeps the argument small (f is whole Hz, so it repeats each second)
                        v += Math.sin(2 * Math.PI * f * (p % rate) / rate);
                    }
                }
                frame[i] = (short) Math.round(v * amplitude);
            }
            return true;
        }
    }

    /** Samples already at the codec's rate (a WAV prompt, decoded and resampled once). */
    record Samples(short[] samples) implements PcmSource {
        @Override
        public boolean read(long position, short[] frame) {
            if (position >= samples.length) {
                return false;
            }
            int n = (int) Math.min(frame.length, samples.length - position);
            System.arraycopy(samples, (int) position, frame, 0, n);
            java.util.Arrays.fill(frame, n, frame.length, (short) 0);
            return true;
        }
    }
}
