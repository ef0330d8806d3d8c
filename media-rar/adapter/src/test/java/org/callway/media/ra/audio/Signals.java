package org.callway.media.ra.audio;

/** Test signals and the one measurement the tests need: how much of a frequency a signal holds. */
public final class Signals {

    private Signals() {
    }

    public static short[] sine(double hz, int rate, int samples, double amplitude) {
        short[] s = new short[samples];
        for (int i = 0; i < samples; i++) {
            s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return s;
    }

    /**
     * Goertzel: the amplitude of the {@code hz} component of {@code s[off, off+n)}, in the
     * units of the samples (a full-scale sine of amplitude A reads about A).
     */
    public static double amplitude(short[] s, int off, int n, double hz, int rate) {
        double w = 2 * Math.PI * hz / rate;
        double coeff = 2 * Math.cos(w);
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < n; i++) {
            double window = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (n - 1)); // Hann: no leakage from neighbours
            double v = s[off + i] * window + coeff * s1 - s2;
            s2 = s1;
            s1 = v;
        }
        double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
        return 2 * Math.sqrt(Math.max(0, power)) / (n * 0.5);
    }

    /** Root mean square of {@code s[off, off+n)}. */
    public static double rms(short[] s, int off, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (double) s[off + i] * s[off + i];
        }
        return Math.sqrt(sum / n);
    }
}
