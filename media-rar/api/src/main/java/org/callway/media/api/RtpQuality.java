package org.callway.media.api;

import java.io.Serializable;

/**
 * Reception quality of one leg as RFC 3550 defines it, from what the engine itself receives
 * on the leg and from the RTCP report blocks the far end sends back. A value the engine has
 * not measured yet (no RTP yet, no RTCP report, no SR of ours echoed in an LSR) is null.
 *
 * @param packetsLost        inbound packets lost (RFC 3550 §6.4.1 cumulative number: expected
 *                           from the extended highest sequence number minus received, App. A.3),
 *                           for the leg's main audio source; never negative (duplicates would
 *                           make it so)
 * @param jitterMillis       inbound interarrival jitter (App. A.8) of that source in milliseconds
 * @param rttMillis          round-trip time to the far end in milliseconds, from the LSR/DLSR of
 *                           its last report block about an SR that left on this leg (§6.4.1)
 * @param remoteFractionLost what the far end reports losing of what we send it, 0.0–1.0
 *                           (its last report block's fraction lost / 256)
 * @param remoteJitterMillis the jitter the far end reports of what we send it, in milliseconds
 */
public record RtpQuality(long packetsLost, Double jitterMillis, Double rttMillis, Double remoteFractionLost,
        Double remoteJitterMillis) implements Serializable {

    /** Nothing measured. */
    public static final RtpQuality NONE = new RtpQuality(0, null, null, null, null);
}
