package org.callway.media.ra.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.callway.media.api.PayloadFormat;
import org.callway.media.api.RtpQuality;
import org.junit.jupiter.api.Test;

class RtcpReportsTest {

    private static final long MS = 1_000_000L;
    private static final int OURS = 0x11223344;
    private static final int THEIRS = 0x55667788;

    @Test
    void roundTripFromAnSrThatLeftAndTheRrThatAnswersIt() {
        RtcpReports reports = new RtcpReports();
        long ntp = 0xE1B2C3D4_A5B6C7D8L; // LSR is the middle 32 bits: 0xC3D4A5B6
        byte[] sr = RtpPackets.sr(OURS, ntp);
        reports.sent(sr, 0, sr.length, 5_000 * MS);
        assertEquals(Double.NaN, reports.rttMillis());

        // They held it 500 ms (DLSR 0.5 s = 32768/65536) and their answer reaches us 580 ms after we sent.
        byte[] rr = RtpPackets.rr(THEIRS, OURS, 64, 3, 480, 0xC3D4A5B6, 32768);
        reports.received(rr, 0, rr.length, OURS, true, 48000, 5_580 * MS);
        assertEquals(80.0, reports.rttMillis(), 1e-9);
        assertEquals(0.25, reports.remoteFractionLost(), 1e-9);
        assertEquals(10.0, reports.remoteJitterMillis(), 1e-9, "480 units at 48 kHz");
    }

    @Test
    void anUnknownLsrOrZeroGivesNoRoundTrip() {
        RtcpReports reports = new RtcpReports();
        byte[] sr = RtpPackets.sr(OURS, 0x0000_1111_2222_0000L);
        reports.sent(sr, 0, sr.length, 0);
        byte[] none = RtpPackets.rr(THEIRS, OURS, 0, 0, 0, 0, 0);
        reports.received(none, 0, none.length, OURS, true, 8000, 100 * MS);
        byte[] other = RtpPackets.rr(THEIRS, OURS, 0, 0, 0, 0x99999999, 0);
        reports.received(other, 0, other.length, OURS, true, 8000, 100 * MS);
        assertEquals(Double.NaN, reports.rttMillis());
        assertEquals(0.0, reports.remoteFractionLost());
    }

    @Test
    void aCompoundIsWalkedToItsReportBlocksAndOnlyOurMainSourceCounts() {
        RtcpReports reports = new RtcpReports();
        byte[] sr = RtpPackets.compound(RtpPackets.sr(OURS, 0x0000_0001_0002_0000L), RtpPackets.sdes(OURS));
        reports.sent(sr, 0, sr.length, 1_000 * MS);
        // Their SR with two blocks (our video source first, then our audio source), then an SDES.
        byte[] theirSr = RtpPackets.sr(THEIRS, 1L);
        theirSr[0] = (byte) 0x82;
        theirSr[3] = 18; // 6 + 2 * 6 words
        byte[] compound = RtpPackets.compound(theirSr,
                RtpPackets.block(0x0BADF00D, 128, 0, 9000, 0, 0),
                RtpPackets.block(OURS, 26, 0, 80, 0x00010002, 6554), // DLSR 100 ms
                RtpPackets.sdes(THEIRS));
        reports.received(compound, 0, compound.length, OURS, true, 8000, 1_130 * MS);
        assertEquals(30.0, reports.rttMillis(), 0.01);
        assertEquals(26 / 256.0, reports.remoteFractionLost(), 1e-9);
        assertEquals(10.0, reports.remoteJitterMillis(), 1e-9, "80 units at 8 kHz");
    }

    @Test
    void legQualityTiesItTogetherFromTheWire() {
        LegQuality quality = new LegQuality();
        List<PayloadFormat> formats = List.of(PayloadFormat.OPUS, PayloadFormat.audio(126, "telephone-event", 8000, 1));
        assertEquals(RtpQuality.NONE, quality.snapshot());
        // What we send on the leg: our audio, then our SR.
        byte[] out = RtpPackets.rtp(111, 1, 0, OURS);
        quality.sent(out, 0, out.length, formats, 0);
        byte[] sr = RtpPackets.sr(OURS, 0x0000_ABCD_EF01_0000L);
        quality.sent(sr, 0, sr.length, formats, 10 * MS);
        // What arrives: their audio with one gap, a DTMF packet of the same source, their RR.
        for (int seq = 0; seq < 10; seq++) {
            if (seq != 4) {
                byte[] in = RtpPackets.rtp(111, seq, seq * 960L, THEIRS);
                quality.received(in, 0, in.length, formats, seq * 20 * MS);
            }
        }
        byte[] dtmf = RtpPackets.rtp(126, 10, 9 * 960L, THEIRS);
        quality.received(dtmf, 0, dtmf.length, formats, 200 * MS);
        byte[] rr = RtpPackets.rr(THEIRS, OURS, 0, 0, 96, 0xABCDEF01, 0);
        quality.received(rr, 0, rr.length, formats, 52 * MS);
        RtpQuality q = quality.snapshot();
        assertEquals(1, q.packetsLost());
        assertEquals(0.0, q.jitterMillis());
        assertEquals(42.0, q.rttMillis());
        assertEquals(0.0, q.remoteFractionLost());
        assertEquals(2.0, q.remoteJitterMillis(), "96 units at Opus' 48 kHz");
        // Video of a dynamic type the SDP names as video is no audio source.
        LegQuality video = new LegQuality();
        byte[] vp8 = RtpPackets.rtp(96, 0, 0, THEIRS);
        video.received(vp8, 0, vp8.length, List.of(new PayloadFormat(96, "VP8", 90000, 1, true)), 0);
        assertNull(video.snapshot().jitterMillis());
    }
}
