package org.callway.media.ra.rtp;

import java.util.List;
import org.callway.media.api.PayloadFormat;

/**
 * What a payload type on one leg's wire means for the statistics: the RTP clock rate of an
 * audio format, {@link #NO_CLOCK} for an audio-stream type whose timestamps are no clock to
 * measure jitter with (RFC 4733 telephone-event shares the audio source's sequence numbers),
 * {@link #NOT_AUDIO} for video and unknown types. Immutable: built once per formats list.
 */
final class ClockRates {

    static final int NOT_AUDIO = -1;
    static final int NO_CLOCK = 0;

    /** The list this table was built from; compared by identity (Leg replaces, never mutates it). */
    final List<PayloadFormat> formats;
    private final int[] rates = new int[128];

    ClockRates(List<PayloadFormat> formats) {
        this.formats = formats;
        if (formats.isEmpty()) {
            for (int pt = 0; pt < 128; pt++) {
                rates[pt] = assumed(pt);
            }
            return;
        }
        java.util.Arrays.fill(rates, NOT_AUDIO);
        for (PayloadFormat f : formats) {
            if (!f.video()) {
                rates[f.payloadType()] = f.telephoneEvent() ? NO_CLOCK : f.clockRate();
            }
        }
    }

    /** Clock rate, {@link #NO_CLOCK} or {@link #NOT_AUDIO}. */
    int rate(int payloadType) {
        return rates[payloadType & 0x7F];
    }

    /**
     * No SDP formats known for the leg (relayed untouched): RFC 3551 §6's static audio types
     * at their table rates (0 PCMU and 8 PCMA at 8000 Hz), 24–95 not audio (video or unassigned),
     * dynamic types 96–127 at 48000 Hz, which is what Opus, WebRTC's audio codec, runs at.
     */
    private static int assumed(int pt) {
        return switch (pt) {
            case 6 -> 16000;
            case 10, 11 -> 44100;
            case 14 -> 90000;
            case 16 -> 11025;
            case 17 -> 22050;
            default -> pt < 24 ? 8000 : pt >= 96 ? 48000 : NOT_AUDIO;
        };
    }
}
