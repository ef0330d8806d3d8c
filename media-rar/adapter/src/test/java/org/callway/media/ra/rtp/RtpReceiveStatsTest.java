package org.callway.media.ra.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RtpReceiveStatsTest {

    private static final long MS = 1_000_000L;
    private final RtpReceiveStats stats = new RtpReceiveStats();

    @Test
    void gapsCountAsLost() {
        long t = 1_000 * MS;
        for (int seq = 100; seq < 200; seq++) {
            if (seq % 10 != 3) { // 10 of 100 never arrive
                stats.packet(7, seq, seq * 160, 8000, t + seq * 20 * MS);
            }
        }
        assertEquals(10, stats.packetsLost());
    }

    @Test
    void sequenceWrapsAt65535WithoutCountingALoss() {
        long t = 0;
        for (int i = 0; i < 100; i++) {
            stats.packet(7, (65500 + i) & 0xFFFF, i * 160, 8000, t + i * 20 * MS);
        }
        assertEquals(0, stats.packetsLost());
        // a gap right across the wrap: 65534, 65535, 0 and 1 of the next pass lost
        RtpReceiveStats other = new RtpReceiveStats();
        int[] seqs = {65530, 65531, 65532, 65533, 2, 3, 4};
        for (int i = 0; i < seqs.length; i++) {
            other.packet(9, seqs[i], i * 160, 8000, i * 20 * MS);
        }
        assertEquals(4, other.packetsLost());
    }

    @Test
    void reorderedAndDuplicatePacketsAreNoLoss() {
        int[] seqs = {1, 2, 4, 3, 5, 5, 6};
        for (int i = 0; i < seqs.length; i++) {
            stats.packet(7, seqs[i], seqs[i] * 160, 8000, i * 20 * MS);
        }
        assertEquals(0, stats.packetsLost(), "duplicates never make the loss negative");
    }

    @Test
    void jitterIsZeroOnAPerfectClockAndFollowsRfc3550A8() {
        for (int i = 0; i < 50; i++) {
            stats.packet(7, i, i * 960, 48000, i * 20 * MS);
        }
        assertEquals(0.0, stats.jitterMillis(), 1e-9);

        // Then every other packet 4 ms late: |D| alternates 4 and 4 ms (192 units at 48 kHz).
        RtpReceiveStats late = new RtpReceiveStats();
        double j = 0;
        for (int i = 0; i < 200; i++) {
            long arrival = i * 20 * MS + (i % 2 == 1 ? 4 * MS : 0);
            late.packet(7, i, i * 960, 48000, arrival);
            if (i > 0) {
                j += (192 - j) / 16; // A.8 in timestamp units
            }
        }
        assertEquals(j * 1000 / 48000, late.jitterMillis(), 1e-6);
        assertEquals(4.0, late.jitterMillis(), 0.01, "converges on the 4 ms swing");
    }

    @Test
    void timestampWrapAt2To32DoesNotSpikeTheJitter() {
        long start = 0xFFFFFFFFL - 5 * 160;
        for (int i = 0; i < 20; i++) {
            stats.packet(7, i, (int) (start + i * 160L), 8000, i * 20 * MS);
        }
        assertEquals(0.0, stats.jitterMillis(), 1e-9);
    }

    @Test
    void aSecondSourceIsIgnoredWhileTheMainOneTalksAndTakesOverAfterSilence() {
        for (int i = 0; i < 10; i++) {
            stats.packet(1, i, i * 160, 8000, i * 20 * MS);
            stats.packet(2, 1000 + 2 * i, i * 160, 8000, i * 20 * MS); // would show loss if followed
        }
        assertEquals(0, stats.packetsLost());
        long later = 10 * 20 * MS + RtpReceiveStats.SOURCE_TIMEOUT_NANOS;
        stats.packet(2, 5000, 0, 8000, later);
        stats.packet(2, 5002, 320, 8000, later + 40 * MS);
        assertEquals(1, stats.packetsLost(), "the new source's gap counts");
        assertTrue(stats.jitterMillis() >= 0);
    }

    @Test
    void aLargeJumpIsBelievedOnlyWhenTheNextPacketFollows() {
        stats.packet(7, 10, 0, 8000, 0);
        stats.packet(7, 11, 160, 8000, 20 * MS);
        stats.packet(7, 30_000, 320, 8000, 40 * MS); // a stray: not counted, no 29988 lost
        assertEquals(0, stats.packetsLost());
        stats.packet(7, 12, 480, 8000, 60 * MS);
        assertEquals(0, stats.packetsLost());
        stats.packet(7, 40_000, 640, 8000, 80 * MS);
        stats.packet(7, 40_001, 800, 8000, 100 * MS); // the sender restarted its numbering
        stats.packet(7, 40_003, 960, 8000, 120 * MS);
        assertEquals(1, stats.packetsLost());
    }
}
