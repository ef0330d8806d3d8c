package org.callway.media.ra.rtp;

import java.util.List;
import org.callway.media.api.PayloadFormat;
import org.callway.media.api.RtpQuality;

/**
 * A leg's RFC 3550 statistics, fed by two hooks in its media path: {@link #received} with each
 * plain packet accepted from the wire, {@link #sent} with each plain packet before it is
 * protected and sent. Per RTP packet that is a header peek and a few arithmetic operations,
 * no allocation and no lock; RTCP packets are parsed in full (all of a compound).
 */
public final class LegQuality {

    private final RtpReceiveStats inbound = new RtpReceiveStats();
    private final RtcpReports reports = new RtcpReports();
    private volatile ClockRates clocks = new ClockRates(List.of());
    /** Our main audio source on this leg (what the far end's report blocks are about). */
    private volatile int outSsrc;
    private volatile int outClock;
    private volatile boolean outKnown;

    /** A plain RTP or RTCP packet accepted from the leg, {@code formats} the leg's current ones. */
    public void received(byte[] b, int off, int len, List<PayloadFormat> formats, long now) {
        if (len < 8) {
            return;
        }
        if (isRtcp(b, off)) {
            reports.received(b, off, len, outSsrc, outKnown, outClock, now);
            return;
        }
        if (len < 12) {
            return;
        }
        int rate = clocks(formats).rate(b[off + 1]);
        if (rate == ClockRates.NOT_AUDIO) {
            return;
        }
        int seq = ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
        inbound.packet(RtcpReports.readInt(b, off + 8), seq, RtcpReports.readInt(b, off + 4), rate, now);
    }

    /** A plain RTP or RTCP packet about to be protected and sent on the leg. */
    public void sent(byte[] b, int off, int len, List<PayloadFormat> formats, long now) {
        if (len < 8) {
            return;
        }
        if (isRtcp(b, off)) {
            reports.sent(b, off, len, now);
            return;
        }
        if (len < 12) {
            return;
        }
        int rate = clocks(formats).rate(b[off + 1]);
        if (rate > 0) {
            int ssrc = RtcpReports.readInt(b, off + 8);
            if (!outKnown || ssrc != outSsrc || rate != outClock) {
                outSsrc = ssrc;
                outClock = rate;
                outKnown = true;
            }
        }
    }

    public RtpQuality snapshot() {
        return new RtpQuality(inbound.packetsLost(), value(inbound.jitterMillis()), value(reports.rttMillis()),
                value(reports.remoteFractionLost()), value(reports.remoteJitterMillis()));
    }

    private ClockRates clocks(List<PayloadFormat> formats) {
        ClockRates c = clocks;
        if (c.formats != formats) {
            c = new ClockRates(formats); // only when the leg's SDP changed
            clocks = c;
        }
        return c;
    }

    /** RFC 5761 §4: with rtcp-mux, RTCP packet types 192–223 are told apart by the second byte. */
    static boolean isRtcp(byte[] b, int off) {
        int pt = b[off + 1] & 0x7F;
        return pt >= 64 && pt <= 95;
    }

    private static Double value(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 100) / 100.0;
    }
}
