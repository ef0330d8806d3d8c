package org.callway.media.api;

import java.io.Serializable;
import java.util.Map;

/**
 * A snapshot of one leg's counters. "In" counts media accepted from the wire (after
 * SRTP unprotect); "out" counts media sent to the wire.
 */
public record LegStats(long packetsIn, long bytesIn, long packetsOut, long bytesOut,
        Map<DropReason, Long> drops) implements Serializable {

    public LegStats {
        drops = Map.copyOf(drops);
    }

    public long dropped(DropReason reason) {
        return drops.getOrDefault(reason, 0L);
    }
}
