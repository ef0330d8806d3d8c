package org.callway.sdp;

import java.util.Locale;

/**
 * {@code a=rtpmap:<payload type> <encoding name>/<clock rate>[/<channels>]} (RFC 8866 §6.6).
 *
 * @param channels 0 when absent (one channel is the default for audio)
 */
public record RtpMap(int payloadType, String encoding, int clockRate, int channels) {

    static RtpMap parse(String value) {
        String[] f = Syntax.fields(value, 2, "a=rtpmap needs <payload type> <encoding>/<clock rate>");
        int pt = Syntax.payloadType(f[0]);
        String[] e = f[1].split("/");
        if (e.length < 2 || e.length > 3 || e[0].isEmpty()) {
            throw new IllegalArgumentException("a=rtpmap needs <encoding>/<clock rate>, got '" + f[1] + "'");
        }
        int rate = Syntax.integer(e[1], 1, Integer.MAX_VALUE, "a=rtpmap clock rate '" + e[1] + "' is not a number");
        int channels = e.length == 3 ? Syntax.integer(e[2], 1, 255, "a=rtpmap channels '" + e[2] + "' is not a number") : 0;
        return new RtpMap(pt, e[0], rate, channels);
    }

    /** Encoding names are case-insensitive (RFC 4855 §3). */
    public boolean is(String name, int rate) {
        return encoding.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)) && clockRate == rate;
    }

    /** The attribute to write. */
    public Attribute attribute() {
        return Attribute.of("rtpmap", payloadType + " " + encoding + "/" + clockRate + (channels > 0 ? "/" + channels : ""));
    }
}
