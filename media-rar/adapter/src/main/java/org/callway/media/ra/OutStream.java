package org.callway.media.ra;

import org.callway.media.ra.audio.Rtp;

/**
 * The audio stream a leg sends, kept continuous whatever feeds it (RFC 3550 §5.1, §8.2): the
 * first source's SSRC becomes the leg's own, and when another source takes over (a prompt
 * after the partner, the partner after a prompt, a new partner) its sequence numbers and
 * timestamps are offset to carry on from the last packet sent: a SIP phone's jitter buffer
 * sees one stream with a new talkspurt (marker bit), not a new SSRC it may not accept.
 *
 * <p>An unchanged source costs two adds and a compare per packet. The first source keeps its
 * own numbering (offsets 0), so a plain bridge is untouched on the wire and its RTCP stays
 * true. Callers hold the lock across rewrite, protect and transmit, so the SRTP context of
 * the one SSRC is never used by two threads (the ticker playing, a reader forwarding).
 */
final class OutStream {

    private final int clockRate;
    private boolean started;
    private int ssrc;
    private int sourceSsrc;
    private int seqOffset;
    private int tsOffset;
    private int lastSeq;
    private int lastTs;
    private long lastNanos;

    OutStream(int clockRate) {
        this.clockRate = clockRate;
    }

    /** Rewrites an RTP packet's header in place to continue the leg's stream. */
    void rewrite(byte[] b, int off, long nowNanos) {
        int src = Rtp.ssrc(b, off);
        int seq = Rtp.sequence(b, off);
        int ts = Rtp.timestamp(b, off);
        if (!started) {
            started = true;
            ssrc = src;
            sourceSsrc = src;
            lastSeq = seq;
            lastTs = ts;
        } else if (src != sourceSsrc) {
            // A new source: go on from where the last one stopped, plus the wall time since, and
            // at least one 20 ms packet's worth so it cannot overlap the last packet's samples.
            long elapsed = Math.max(clockRate / 50, (nowNanos - lastNanos) * clockRate / 1_000_000_000L);
            sourceSsrc = src;
            seqOffset = lastSeq + 1 - seq;
            tsOffset = (int) (lastTs + Math.min(elapsed, (long) clockRate * 60) - ts);
            b[off + 1] |= (byte) 0x80; // RFC 3551 §4.1: marker on the first packet after the change
        }
        int outSeq = (seq + seqOffset) & 0xFFFF;
        int outTs = ts + tsOffset;
        Rtp.put16(b, off + 2, outSeq);
        Rtp.put32(b, off + 4, outTs);
        Rtp.put32(b, off + 8, ssrc);
        if ((short) (outSeq - lastSeq) > 0) {
            lastSeq = outSeq;
        }
        if (outTs - lastTs > 0) {
            lastTs = outTs;
        }
        lastNanos = nowNanos;
    }

    /**
     * An SR (RFC 3550 §6.4.1) from the current source, after a change: its SSRC and RTP
     * timestamp are put in the leg's numbering so the far end can still use it for lip sync
     * and round-trip time. Other RTCP passes as is.
     */
    void rewriteSenderReport(byte[] b, int off, int len) {
        if (!started || len < 28 || (b[off + 1] & 0xFF) != 200 || Rtp.i32(b, off + 4) != sourceSsrc) {
            return;
        }
        Rtp.put32(b, off + 4, ssrc);
        Rtp.put32(b, off + 16, Rtp.i32(b, off + 16) + tsOffset);
    }

    /**
     * RTCP from the leg's far end, on its way to the source: report blocks (RFC 3550 §6.4.1)
     * about the leg's stream are put back in the source's numbering (its SSRC, its sequence
     * numbers), so the source's loss and round-trip statistics stay true after a change.
     */
    void reverseReports(byte[] b, int off, int len) {
        if (!started || (ssrc == sourceSsrc && seqOffset == 0)) {
            return; // the first source: nothing was renumbered
        }
        int end = off + len;
        int at = off;
        while (at + 8 <= end) {
            int pt = b[at + 1] & 0xFF;
            int count = b[at] & 0x1F;
            int length = (Rtp.u16(b, at + 2) + 1) * 4;
            int blocks = pt == 200 ? at + 28 : pt == 201 ? at + 8 : -1;
            for (int i = 0; blocks > 0 && i < count && blocks + 24 * (i + 1) <= Math.min(end, at + length); i++) {
                int block = blocks + 24 * i;
                if (Rtp.i32(b, block) == ssrc) {
                    Rtp.put32(b, block, sourceSsrc);
                    int extended = Rtp.i32(b, block + 8); // cycles kept, low 16 bits renumbered
                    Rtp.put32(b, block + 8, (extended & 0xFFFF0000) | ((extended - seqOffset) & 0xFFFF));
                }
            }
            at += length;
        }
    }

    int ssrc() {
        return ssrc;
    }

    int clockRate() {
        return clockRate;
    }
}
