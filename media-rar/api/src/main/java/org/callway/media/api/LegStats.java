package org.callway.media.api;

import java.io.Serializable;
import java.util.Map;

/**
 * A snapshot of one leg's counters. "In" counts media accepted from the wire (after
 * SRTP unprotect); "out" counts media sent to the wire. {@code quality} holds the RFC 3550
 * reception statistics (loss, jitter, round-trip time) of the leg.
 */
public record LegStats(long packetsIn, long bytesIn, long packetsOut, long bytesOut,
        Map<DropReason, Long> drops, RtpQuality quality) implements Serializable {

    public LegStats {
        drops = Map.copyOf(drops);
        quality = quality == null ? RtpQuality.NONE : quality;
    }

    /** Counters only, nothing measured about quality. */
    public LegStats(long packetsIn, long bytesIn, long packetsOut, long bytesOut, Map<DropReason, Long> drops) {
        this(packetsIn, bytesIn, packetsOut, bytesOut, drops, RtpQuality.NONE);
    }

    public long dropped(DropReason reason) {
        return drops.getOrDefault(reason, 0L);
    }
}
