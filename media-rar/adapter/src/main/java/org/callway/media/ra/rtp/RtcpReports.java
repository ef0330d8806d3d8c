package org.callway.media.ra.rtp;

/**
 * The RTCP side of a leg's statistics (RFC 3550 §6.4). Every sender report that leaves on the
 * leg (relayed from the partner or echoed) is remembered by the middle 32 bits of its NTP
 * timestamp, which is what the far end returns as LSR; a report block coming back with that
 * LSR and its DLSR gives the round-trip time: now − sent − DLSR (§6.4.1). The far end's own
 * view of what it receives from us (fraction lost, jitter) is kept from its last report block
 * about our main audio source. Only RTCP packets come here (a few per second), so the
 * methods simply synchronize: sends and receives of one leg run on different reader threads.
 */
public final class RtcpReports {

    static final int SR = 200;
    static final int RR = 201;
    /** SRs remembered: audio and video sources each send one every few seconds. */
    private static final int REMEMBERED = 16;

    private final int[] sentLsr = new int[REMEMBERED];
    private final long[] sentAt = new long[REMEMBERED];
    private int next;

    private double rttMillis = Double.NaN;
    private double remoteFractionLost = Double.NaN;
    /** In timestamp units of the source it is about; converted with that source's clock. */
    private long remoteJitter = -1;
    private int remoteJitterClock;

    /** A plain (unprotected) RTCP compound packet leaves on the leg at {@code now}. */
    public synchronized void sent(byte[] b, int off, int len, long now) {
        int end = off + len;
        for (int p = off; p + 8 <= end; p = nextPacket(b, p)) {
            if ((b[p + 1] & 0xFF) == SR && p + 20 <= end) {
                int lsr = readInt(b, p + 10); // the middle 32 bits of the 64-bit NTP timestamp at p+8
                sentLsr[next] = lsr;
                sentAt[next] = now;
                next = (next + 1) % REMEMBERED;
            }
        }
    }

    /**
     * A plain RTCP compound packet arrived on the leg: walks all its SRs and RRs (§6.1).
     *
     * @param mainSsrc  our main audio source on this leg, whose blocks give fraction lost and jitter
     * @param mainKnown false while we have sent no audio: then any block will do
     * @param clockRate the clock of that source, for the jitter in ms (0: unknown)
     */
    public synchronized void received(byte[] b, int off, int len, int mainSsrc, boolean mainKnown, int clockRate,
            long now) {
        int end = off + len;
        for (int p = off; p + 8 <= end; p = nextPacket(b, p)) {
            int type = b[p + 1] & 0xFF;
            int count = b[p] & 0x1F;
            int blocks = type == SR ? p + 28 : type == RR ? p + 8 : -1;
            if (blocks < 0) {
                continue;
            }
            int packetEnd = Math.min(end, nextPacket(b, p));
            for (int i = 0, q = blocks; i < count && q + 24 <= packetEnd; i++, q += 24) {
                block(b, q, mainSsrc, mainKnown, clockRate, now);
            }
        }
    }

    /** RFC 3550 §6.4.1 report block: SSRC, fraction lost, cumulative lost, ext. seq, jitter, LSR, DLSR. */
    private void block(byte[] b, int q, int mainSsrc, boolean mainKnown, int clockRate, long now) {
        int lsr = readInt(b, q + 16);
        long dlsr = readInt(b, q + 20) & 0xFFFFFFFFL;
        if (lsr != 0) {
            for (int i = 0; i < REMEMBERED; i++) {
                if (sentLsr[i] == lsr && sentAt[i] != 0) {
                    double rtt = (now - sentAt[i]) / 1e6 - dlsr * 1000.0 / 65536; // DLSR in 1/65536 s
                    rttMillis = Math.max(0, rtt);
                    break;
                }
            }
        }
        if (!mainKnown || readInt(b, q) == mainSsrc) {
            remoteFractionLost = (b[q + 4] & 0xFF) / 256.0;
            remoteJitter = readInt(b, q + 12) & 0xFFFFFFFFL;
            remoteJitterClock = clockRate;
        }
    }

    /** Round-trip time in ms, NaN until a report block answered one of our SRs. */
    public synchronized double rttMillis() {
        return rttMillis;
    }

    /** The far end's last fraction lost about our main source, 0–1, NaN before any. */
    public synchronized double remoteFractionLost() {
        return remoteFractionLost;
    }

    /** The far end's last jitter about our main source in ms, NaN before any or without a clock. */
    public synchronized double remoteJitterMillis() {
        return remoteJitter < 0 || remoteJitterClock <= 0 ? Double.NaN : remoteJitter * 1000.0 / remoteJitterClock;
    }

    /** §6.4.1: the length field counts 32-bit words minus one. */
    private static int nextPacket(byte[] b, int p) {
        return p + 4 * ((((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF)) + 1);
    }

    static int readInt(byte[] b, int i) {
        return (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
    }
}
