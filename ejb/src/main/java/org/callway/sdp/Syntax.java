package org.callway.sdp;

/** Small shared checks for the typed attribute parsers; failures are IllegalArgumentExceptions the parser turns into values. */
final class Syntax {
    private Syntax() {
    }

    /** Splits on runs of spaces after trimming; at least {@code min} fields or the message. */
    static String[] fields(String value, int min, String message) {
        String v = value == null ? "" : value.trim();
        String[] f = v.isEmpty() ? new String[0] : v.split("[ \t]+");
        if (f.length < min) {
            throw new IllegalArgumentException(message);
        }
        return f;
    }

    /**
     * 1 to {@code maxLength} ASCII digits: RFC 8866 §9's DIGIT, without the sign and the
     * non-ASCII digits Java's parsers would also take.
     */
    static boolean isDigits(String s, int maxLength) {
        return !s.isEmpty() && s.length() <= maxLength && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** An integer in [min, max], or the message naming what it should be. */
    static int integer(String s, int min, int max, String message) {
        if (isDigits(s, 9)) {
            int n = Integer.parseInt(s);
            if (n >= min && n <= max) {
                return n;
            }
        }
        throw new IllegalArgumentException(message);
    }

    /** An RTP payload type: 0-127 (RFC 3551 §6). */
    static int payloadType(String s) {
        return integer(s, 0, 127, "payload type '" + s + "' is not 0-127");
    }
}
