package org.callway.media.ra.audio;

/**
 * ITU-T G.711 μ-law and A-law, table-driven: decoding is one lookup per byte, encoding one
 * lookup per sample on the 14-bit (μ-law) or 13-bit (A-law) linear value the law quantises.
 * The tables are built once from the segment formulas of G.711 §3 (and the classic Sun
 * reference implementation's bias of 0x84 for μ-law).
 */
public final class G711 {

    private static final short[] ULAW_DECODE = new short[256];
    private static final short[] ALAW_DECODE = new short[256];
    /** Indexed by the 16-bit sample shifted right by 2 (μ-law works on 14 bits). */
    private static final byte[] ULAW_ENCODE = new byte[1 << 14];
    /** Indexed by the 16-bit sample shifted right by 3 (A-law works on 13 bits). */
    private static final byte[] ALAW_ENCODE = new byte[1 << 13];

    static {
        for (int i = 0; i < 256; i++) {
            ULAW_DECODE[i] = ulawToLinear((byte) i);
            ALAW_DECODE[i] = alawToLinear((byte) i);
        }
        for (int i = 0; i < ULAW_ENCODE.length; i++) {
            short sample = (short) ((i - (1 << 13)) << 2); // the cell's value, signed
            ULAW_ENCODE[(sample >> 2) & 0x3FFF] = linearToUlaw(sample);
        }
        for (int i = 0; i < ALAW_ENCODE.length; i++) {
            short sample = (short) ((i - (1 << 12)) << 3);
            ALAW_ENCODE[(sample >> 3) & 0x1FFF] = linearToAlaw(sample);
        }
    }

    private G711() {
    }

    public static short ulawDecode(byte b) {
        return ULAW_DECODE[b & 0xFF];
    }

    public static short alawDecode(byte b) {
        return ALAW_DECODE[b & 0xFF];
    }

    public static byte ulawEncode(short sample) {
        return ULAW_ENCODE[(sample >> 2) & 0x3FFF];
    }

    public static byte alawEncode(short sample) {
        return ALAW_ENCODE[(sample >> 3) & 0x1FFF];
    }

    // ---- the formulas the tables come from ----

    private static final int BIAS = 0x84;
    private static final int CLIP = 32635;

    /** G.711 §3.2: sign, 3-bit segment, 4-bit step, all bits inverted on the wire. */
    static byte linearToUlaw(short pcm) {
        int s = pcm;
        int sign = (s >> 8) & 0x80;
        if (sign != 0) {
            s = -s;
        }
        if (s > CLIP) {
            s = CLIP;
        }
        s += BIAS;
        int exponent = 7;
        for (int mask = 0x4000; (s & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (s >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    static short ulawToLinear(byte u) {
        int b = ~u & 0xFF;
        int sign = b & 0x80;
        int exponent = (b >> 4) & 0x07;
        int mantissa = b & 0x0F;
        int s = (((mantissa << 3) + BIAS) << exponent) - BIAS;
        return (short) (sign != 0 ? -s : s);
    }

    /** G.711 §3.1: sign, 3-bit segment, 4-bit step, even bits inverted (0x55) on the wire. */
    static byte linearToAlaw(short pcm) {
        int s = pcm;
        int sign = s >= 0 ? 0x80 : 0x00;
        if (s < 0) {
            s = -s - 1; // the A-law scale is symmetric about -0.5
        }
        if (s > 32767) {
            s = 32767;
        }
        int out;
        if (s < 256) {
            out = s >> 4;
        } else {
            int exponent = 1;
            for (int v = s >> 8; v > 1; v >>= 1) {
                exponent++;
            }
            out = (exponent << 4) | ((s >> (exponent + 3)) & 0x0F);
        }
        return (byte) ((sign | out) ^ 0x55);
    }

    static short alawToLinear(byte a) {
        int b = (a ^ 0x55) & 0xFF;
        int exponent = (b >> 4) & 0x07;
        int mantissa = b & 0x0F;
        int s = exponent == 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
        return (short) ((b & 0x80) != 0 ? s : -s);
    }
}
