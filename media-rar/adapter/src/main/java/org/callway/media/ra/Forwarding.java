package org.callway.media.ra;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Logger;
import org.callway.media.api.PayloadFormat;
import org.callway.media.ra.audio.AudioCodec;
import org.callway.media.ra.audio.Transcoder;

/**
 * How media one leg receives goes out of the leg it is bridged to, decided when formats or
 * bridges change (never per packet): untouched, payload types renumbered, or audio
 * transcoded.
 */
sealed interface Forwarding {

    Logger LOG = Logger.getLogger(Forwarding.class.getName());
    SecureRandom RANDOM = new SecureRandom();

    /** Either side has no formats (relay as before formats existed), or both number everything alike. */
    record Untouched() implements Forwarding { }

    /**
     * Same codecs, numbered differently (dynamic types, RFC 3551 §3): {@code map[pt]} is the
     * destination's number, -1 for a format the destination did not agree on (dropped).
     * Payload types the source's SDP did not list map to themselves.
     */
    record Renumber(int[] map) implements Forwarding { }

    /**
     * The first audio formats differ: audio and telephone-events go through the transcoder,
     * other formats (video) are renumbered by {@code map}, other audio is dropped.
     */
    record Transcode(Transcoder transcoder, int[] map) implements Forwarding { }

    Untouched UNTOUCHED = new Untouched();

    static Forwarding plan(List<PayloadFormat> from, List<PayloadFormat> to) {
        if (from.isEmpty() || to.isEmpty()) {
            return UNTOUCHED;
        }
        int[] map = new int[128];
        Arrays.setAll(map, i -> i);
        boolean identity = true;
        for (PayloadFormat f : from) {
            PayloadFormat match = to.stream().filter(f::sameCodec).findFirst().orElse(null);
            map[f.payloadType()] = match == null ? -1 : match.payloadType();
            identity &= map[f.payloadType()] == f.payloadType();
        }
        PayloadFormat a = firstAudio(from);
        PayloadFormat b = firstAudio(to);
        if (a == null || b == null || a.sameCodec(b)) {
            return identity ? UNTOUCHED : new Renumber(map);
        }
        if (!AudioCodec.supported(a) || !AudioCodec.supported(b)) {
            LOG.warning(() -> "cannot transcode " + a.encoding() + " to " + b.encoding() + "; relaying what both know");
            return identity ? UNTOUCHED : new Renumber(map);
        }
        for (PayloadFormat f : from) {
            if (!f.video()) {
                map[f.payloadType()] = -1; // audio goes through the transcoder or nowhere
            }
        }
        Transcoder t = new Transcoder(a, b, event(from, a.clockRate()), event(to, b.clockRate()), RANDOM.nextInt(),
                RANDOM.nextInt(), RANDOM.nextInt());
        return new Transcode(t, map);
    }

    static PayloadFormat firstAudio(List<PayloadFormat> formats) {
        for (PayloadFormat f : formats) {
            if (!f.video() && !f.telephoneEvent()) {
                return f;
            }
        }
        return null;
    }

    /** The telephone-event format at the audio's clock rate (RFC 4733 §2.1), else any. */
    private static PayloadFormat event(List<PayloadFormat> formats, int clockRate) {
        PayloadFormat any = null;
        for (PayloadFormat f : formats) {
            if (f.telephoneEvent()) {
                if (f.clockRate() == clockRate) {
                    return f;
                }
                any = any == null ? f : any;
            }
        }
        return any;
    }
}
