package org.callway.media.ra.rtp;

/**
 * Reception statistics of one RTP source (RFC 3550 Appendix A.1, A.3, A.8): the extended
 * highest sequence number and packets received give the cumulative number lost; the transit
 * time differences give the interarrival jitter. One writer (the reader thread the leg's media
 * arrives on); the two reported values are published through volatiles for any reader.
 *
 * <p>A leg follows one source, its main audio SSRC: the first one seen; another audio SSRC
 * takes over only after the current one has been silent for {@link #SOURCE_TIMEOUT_NANOS}
 * (a re-INVITE or transfer changing the source), its losses carried over into the total.
 */
public final class RtpReceiveStats {

    /** RFC 3550 A.1's suggested bounds. */
    static final int MAX_DROPOUT = 3000;
    static final int MAX_MISORDER = 100;
    static final int RTP_SEQ_MOD = 1 << 16;
    static final long SOURCE_TIMEOUT_NANOS = 2_000_000_000L;

    private boolean active;
    private int ssrc;
    private int maxSeq;
    private long cycles;
    private int baseSeq;
    private int badSeq = RTP_SEQ_MOD + 1;
    private long received;
    private long lostBefore;

    private long lastArrival;
    private long lastArrivalWithClock;
    private int lastTimestamp;
    private int lastClock;
    private boolean haveTransit;
    /** J of A.8, in timestamp units of {@link #lastClock}. */
    private double jitter;

    private volatile long publishedLost;
    private volatile double publishedJitterMillis = Double.NaN;

    /**
     * One packet of an audio payload type (or of the followed source) arrived.
     *
     * @param clockRate RTP clock in Hz, or 0 if its timestamps are not to be used for jitter
     * @param now       arrival time, {@link System#nanoTime()} scale
     */
    public void packet(int ssrc, int seq, int timestamp, int clockRate, long now) {
        if (!active || ssrc != this.ssrc) {
            if (active && now - lastArrival < SOURCE_TIMEOUT_NANOS) {
                return; // a second source while the main one talks: not ours to measure
            }
            if (active) {
                lostBefore += lost();
            }
            init(ssrc, seq);
        } else if (!updateSeq(seq)) {
            lastArrival = now;
            return;
        }
        received++;
        jitter(timestamp, clockRate, now);
        lastArrival = now;
        publishedLost = lostBefore + lost();
    }

    private void init(int ssrc, int seq) {
        active = true;
        this.ssrc = ssrc;
        baseSeq = seq;
        maxSeq = seq;
        badSeq = RTP_SEQ_MOD + 1;
        cycles = 0;
        received = 0;
        haveTransit = false;
    }

    /** RFC 3550 A.1 update_seq (without probation: the SDP told us to expect this source). */
    private boolean updateSeq(int seq) {
        int udelta = (seq - maxSeq) & 0xFFFF;
        if (udelta < MAX_DROPOUT) {
            if (seq < maxSeq) {
                cycles += RTP_SEQ_MOD; // wrapped
            }
            maxSeq = seq;
        } else if (udelta <= RTP_SEQ_MOD - MAX_MISORDER) {
            // a very large jump: believed only when the next packet follows it (the sender restarted)
            if (seq == badSeq) {
                long before = lostBefore + lost();
                init(ssrc, seq);
                lostBefore = before;
            } else {
                badSeq = (seq + 1) & 0xFFFF;
                return false;
            }
        }
        // else: a duplicate or reordered packet, counted as received
        return true;
    }

    /** RFC 3550 A.3: expected from the extended highest sequence number, minus received. */
    private long lost() {
        long expected = cycles + maxSeq - baseSeq + 1;
        return Math.max(0, expected - received);
    }

    /** RFC 3550 A.8: J += (|D(i-1,i)| - J) / 16, D from arrival and RTP timestamp differences. */
    private void jitter(int timestamp, int clockRate, long now) {
        if (clockRate <= 0) {
            return; // telephone-event: its timestamp marks the event start, not the arrival clock
        }
        if (clockRate != lastClock) {
            lastClock = clockRate; // codec changed: the old timestamps mean another clock
            haveTransit = false;
            jitter = 0;
        }
        if (haveTransit) {
            double arrivalDelta = (now - lastArrivalWithClock) * (clockRate / 1e9);
            double d = arrivalDelta - (timestamp - lastTimestamp); // int difference: wraps at 2^32 correctly
            jitter += (Math.abs(d) - jitter) / 16;
            publishedJitterMillis = jitter * 1000 / clockRate;
        } else {
            publishedJitterMillis = 0;
        }
        haveTransit = true;
        lastTimestamp = timestamp;
        lastArrivalWithClock = now;
    }

    /** Inbound packets lost so far, never negative. */
    public long packetsLost() {
        return publishedLost;
    }

    /** Interarrival jitter in ms, or NaN before the first packet with a clock. */
    public double jitterMillis() {
        return publishedJitterMillis;
    }
}
