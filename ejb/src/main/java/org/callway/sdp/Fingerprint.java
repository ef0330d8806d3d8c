package org.callway.sdp;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code a=fingerprint:<hash> <hex pairs>} (RFC 8122 §5, used by RFC 5763 §5 for DTLS-SRTP).
 *
 * @param algorithm lower case, e.g. {@code sha-256}
 * @param value     upper-case hex pairs separated by colons
 */
public record Fingerprint(String algorithm, String value) {
    private static final Pattern HEX_PAIRS = Pattern.compile("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2})+");

    static Fingerprint parse(String value) {
        String[] f = Syntax.fields(value, 2, "a=fingerprint needs <hash function> <fingerprint>");
        if (!HEX_PAIRS.matcher(f[1]).matches()) {
            throw new IllegalArgumentException("a=fingerprint value is not colon-separated hex pairs");
        }
        return new Fingerprint(f[0].toLowerCase(Locale.ROOT), f[1].toUpperCase(Locale.ROOT));
    }

    /** The attribute to write. */
    public Attribute attribute() {
        return Attribute.of("fingerprint", algorithm + " " + value);
    }
}
