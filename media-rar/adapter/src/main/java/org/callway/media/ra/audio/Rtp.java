package org.callway.media.ra.audio;

/** The few RTP header reads and writes the audio path needs (RFC 3550 §5.1). */
public final class Rtp {

    public static final int HEADER = 12;

    private Rtp() {
    }

    /**
     * Where the payload starts, past CSRCs and a header extension (RFC 3550 §5.3.1; Chromium
     * always sends some, RFC 8285); -1 if the packet is shorter than its header says.
     */
    public static int payloadOffset(byte[] b, int off, int len) {
        if (len < HEADER) {
            return -1;
        }
        int at = HEADER + 4 * (b[off] & 0x0F);
        if ((b[off] & 0x10) != 0) {
            if (len < at + 4) {
                return -1;
            }
            at += 4 + 4 * u16(b, off + at + 2);
        }
        return at <= len ? at : -1;
    }

    /** Payload length: what follows the header, less padding (RFC 3550 §5.1, P bit). */
    public static int payloadLength(byte[] b, int off, int len, int payloadOffset) {
        int padding = (b[off] & 0x20) != 0 ? b[off + len - 1] & 0xFF : 0;
        return len - payloadOffset - padding;
    }

    public static int payloadType(byte[] b, int off) {
        return b[off + 1] & 0x7F;
    }

    public static boolean marker(byte[] b, int off) {
        return (b[off + 1] & 0x80) != 0;
    }

    public static int sequence(byte[] b, int off) {
        return u16(b, off + 2);
    }

    public static int timestamp(byte[] b, int off) {
        return i32(b, off + 4);
    }

    public static int ssrc(byte[] b, int off) {
        return i32(b, off + 8);
    }

    /** A bare 12-byte header: version 2, no padding, extension or CSRCs. */
    public static void header(byte[] b, int off, boolean marker, int payloadType, int seq, int ts, int ssrc) {
        b[off] = (byte) 0x80;
        b[off + 1] = (byte) ((marker ? 0x80 : 0) | payloadType);
        put16(b, off + 2, seq);
        put32(b, off + 4, ts);
        put32(b, off + 8, ssrc);
    }

    public static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    public static int i32(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    public static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    public static void put32(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
