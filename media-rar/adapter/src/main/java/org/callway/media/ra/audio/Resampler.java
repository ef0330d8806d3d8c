package org.callway.media.ra.audio;

/**
 * Streaming rational resampler (up by L, low-pass, down by M) for the rates Callway meets:
 * 8, 16 and 48 kHz, so L and M are at most 6.
 *
 * <p>Why a polyphase, linear-phase FIR: the ratios are small integers, so the zero-stuffed
 * samples never need computing (an output is one phase of the prototype: 24 multiply-adds
 * up-sampling, 24·M down-sampling by M), the group delay is constant (no phase distortion of speech, and
 * a fixed, known latency of about 1.5 ms at 8 kHz), and a Kaiser-windowed sinc is designed in
 * the constructor without tables. An IIR would be cheaper but bends the phase; a linear
 * interpolator would alias audibly at 48→8 kHz. The cut-off sits at the lower rate's Nyquist
 * frequency (4 kHz for 8 kHz); with 24·max(L, M) taps and β = 7 the transition band is about
 * ±700 Hz around it and the stop band below −60 dB, which leaves telephony's 300–3400 Hz
 * flat.
 *
 * <p>Not thread-safe: one instance per direction of a call (it keeps the last input samples).
 */
public final class Resampler {

    static final int TAPS_PER_PHASE = 24;
    private static final double BETA = 7.0;

    private final int up;
    private final int down;
    /** Taps per phase: the prototype has 24·max(L, M) taps in all. */
    private final int taps;
    /** phases[p][k] = L·h[p + k·L]: the prototype split by phase, interpolation gain folded in. */
    private final float[][] phases;
    /** The last {@code taps − 1} inputs, then the current chunk. */
    private short[] history;
    private int kept;
    /** Position of the next output in high-rate samples, relative to history[0]. */
    private long position;

    /** @return null when no resampling is needed */
    public static Resampler of(int fromHz, int toHz) {
        return fromHz == toHz ? null : new Resampler(fromHz, toHz);
    }

    public Resampler(int fromHz, int toHz) {
        int g = gcd(fromHz, toHz);
        up = toHz / g;
        down = fromHz / g;
        if (up > 12 || down > 12) {
            throw new IllegalArgumentException("unsupported ratio " + fromHz + " -> " + toHz);
        }
        taps = TAPS_PER_PHASE * Math.max(up, down) / up;
        int n = taps * up;
        double cutoff = 0.5 / Math.max(up, down); // cycles per high-rate sample
        double[] h = new double[n];
        double sum = 0;
        double centre = (n - 1) / 2.0;
        for (int i = 0; i < n; i++) {
            double t = i - centre;
            double sinc = t == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * t) / (Math.PI * t);
            double r = 2.0 * t / (n - 1);
            h[i] = sinc * bessel0(BETA * Math.sqrt(Math.max(0, 1 - r * r))) / bessel0(BETA);
            sum += h[i];
        }
        phases = new float[up][taps];
        for (int p = 0; p < up; p++) {
            for (int k = 0; k < taps; k++) {
                phases[p][k] = (float) (h[p + k * up] / sum * up);
            }
        }
        history = new short[taps - 1 + 2048];
        kept = taps - 1; // starts on silence
        position = (long) (taps - 1) * up;
    }

    /** The filter's group delay (linear phase: the same at every frequency), in output samples. */
    public int delay() {
        return (taps * up - 1) / 2 / down;
    }

    /** Upper bound of the outputs {@link #process} gives for {@code inputs} samples. */
    public int maxOutput(int inputs) {
        return (int) (((long) inputs * up + down - 1) / down) + 1;
    }

    /**
     * Resamples {@code count} samples of {@code in}; writes to {@code out} from {@code outOff}.
     *
     * @return how many samples were written (at most {@link #maxOutput(int)})
     */
    public int process(short[] in, int off, int count, short[] out, int outOff) {
        if (kept + count > history.length) {
            short[] bigger = new short[kept + count + 256];
            System.arraycopy(history, 0, bigger, 0, kept);
            history = bigger;
        }
        System.arraycopy(in, off, history, kept, count);
        int available = kept + count;
        int written = 0;
        long limit = (long) available * up;
        while (position < limit) {
            int i = (int) (position / up);
            float[] coefficients = phases[(int) (position % up)];
            float acc = 0;
            for (int k = 0; k < coefficients.length; k++) {
                acc += coefficients[k] * history[i - k];
            }
            out[outOff + written++] = clip(acc);
            position += down;
        }
        // Keep what the next outputs still reach back to.
        int drop = available - (taps - 1);
        System.arraycopy(history, drop, history, 0, taps - 1);
        kept = taps - 1;
        position -= (long) drop * up;
        return written;
    }

    static short clip(float v) {
        int r = Math.round(v);
        return (short) (r > Short.MAX_VALUE ? Short.MAX_VALUE : Math.max(r, Short.MIN_VALUE));
    }

    /** Zeroth-order modified Bessel function of the first kind (series; converges fast for β ≤ 10). */
    private static double bessel0(double x) {
        double sum = 1;
        double term = 1;
        for (int k = 1; k < 50; k++) {
            term *= (x / (2 * k)) * (x / (2 * k));
            sum += term;
            if (term < 1e-12 * sum) {
                break;
            }
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
