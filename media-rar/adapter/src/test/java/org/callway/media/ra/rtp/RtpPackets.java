package org.callway.media.ra.rtp;

import java.nio.ByteBuffer;

/** Crafted RTP and RTCP packets, byte for byte as RFC 3550 §5.1 and §6.4 lay them out. */
final class RtpPackets {

    private RtpPackets() {
    }

    static byte[] rtp(int pt, int seq, long timestamp, int ssrc) {
        return ByteBuffer.allocate(12 + 160).put((byte) 0x80).put((byte) pt).putShort((short) seq)
                .putInt((int) timestamp).putInt(ssrc).array();
    }

    /** An SR without report blocks whose NTP timestamp is {@code ntp}. */
    static byte[] sr(int ssrc, long ntp) {
        return ByteBuffer.allocate(28).put((byte) 0x80).put((byte) 200).putShort((short) 6).putInt(ssrc)
                .putLong(ntp).putInt(12345).putInt(10).putInt(1600).array();
    }

    /** An RR with one report block. */
    static byte[] rr(int ssrc, int about, int fraction, int cumulative, long jitter, int lsr, int dlsr) {
        return ByteBuffer.allocate(32).put((byte) 0x81).put((byte) 201).putShort((short) 7).putInt(ssrc)
                .put(block(about, fraction, cumulative, jitter, lsr, dlsr)).array();
    }

    static byte[] block(int about, int fraction, int cumulative, long jitter, int lsr, int dlsr) {
        return ByteBuffer.allocate(24).putInt(about).putInt(fraction << 24 | (cumulative & 0xFFFFFF))
                .putInt(0x10000).putInt((int) jitter).putInt(lsr).putInt(dlsr).array();
    }

    /** An SDES with one CNAME item "x" (§6.5), to put in a compound. */
    static byte[] sdes(int ssrc) {
        return ByteBuffer.allocate(12).put((byte) 0x81).put((byte) 202).putShort((short) 2).putInt(ssrc)
                .put((byte) 1).put((byte) 1).put((byte) 'x').put((byte) 0).array();
    }

    static byte[] compound(byte[]... packets) {
        int n = 0;
        for (byte[] p : packets) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : packets) {
            b.put(p);
        }
        return b.array();
    }
}
