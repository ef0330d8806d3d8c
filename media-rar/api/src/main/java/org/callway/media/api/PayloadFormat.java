package org.callway.media.api;

import java.io.Serializable;
import java.util.Locale;

/**
 * One payload format a leg's SDP agreed on (RFC 8866 §6.6 a=rtpmap): the payload type number
 * on that leg's wire and the codec it stands for. Two legs may number the same codec
 * differently (dynamic types, RFC 3551 §3), so the engine maps numbers by encoding name.
 *
 * @param payloadType 0–127
 * @param encoding    rtpmap encoding name, e.g. {@code opus}, {@code PCMU}, {@code VP8}
 * @param clockRate   RTP clock rate in Hz
 * @param channels    1 unless the rtpmap says otherwise (Opus is always 2 in SDP, RFC 7587 §7)
 * @param video       true for an m=video format
 */
public record PayloadFormat(int payloadType, String encoding, int clockRate, int channels, boolean video)
        implements Serializable {

    public static final PayloadFormat PCMU = audio(0, "PCMU", 8000, 1);
    public static final PayloadFormat PCMA = audio(8, "PCMA", 8000, 1);
    public static final PayloadFormat OPUS = audio(111, "opus", 48000, 2);

    public PayloadFormat {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type out of range: " + payloadType);
        }
    }

    public static PayloadFormat audio(int payloadType, String encoding, int clockRate, int channels) {
        return new PayloadFormat(payloadType, encoding, clockRate, channels, false);
    }

    /** Same codec on the wire (name case-insensitive, RFC 4855 §3), whatever its number. */
    public boolean sameCodec(PayloadFormat other) {
        return encoding.equalsIgnoreCase(other.encoding) && clockRate == other.clockRate && video == other.video;
    }

    /** RFC 4733 telephone-event: passed through, never transcoded. */
    public boolean telephoneEvent() {
        return encoding.toLowerCase(Locale.ROOT).equals("telephone-event");
    }
}
