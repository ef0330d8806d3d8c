package org.callway.sip.message;

/**
 * Character classes and small scanning helpers for the RFC 3261 §25.1 grammar.
 * Shared by every value parser so that "token", "LWS" and "quoted-string" mean one thing.
 */
public final class Syntax {
    private static final boolean[] TOKEN = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) TOKEN[c] = true;
        for (char c = 'A'; c <= 'Z'; c++) TOKEN[c] = true;
        for (char c = '0'; c <= '9'; c++) TOKEN[c] = true;
        // RFC 3261 §25.1: token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
        for (char c : "-.!%*_+`'~".toCharArray()) TOKEN[c] = true;
    }

    private Syntax() {
    }

    public static boolean isToken(char c) {
        return c < 128 && TOKEN[c];
    }

    public static boolean isToken(CharSequence s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) if (!isToken(s.charAt(i))) return false;
        return true;
    }

    public static boolean isWs(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** Index of the first non-whitespace char at or after {@code i}. */
    public static int skipWs(String s, int i) {
        while (i < s.length() && isWs(s.charAt(i))) i++;
        return i;
    }

    /** Index just past the token starting at {@code i} ({@code i} itself if none). */
    public static int token(String s, int i) {
        while (i < s.length() && isToken(s.charAt(i))) i++;
        return i;
    }

    /**
     * Index just past the closing quote of the quoted-string starting at {@code i}
     * (RFC 3261 §25.1: quoted-pair is "\" followed by any char except CR/LF), or -1 if
     * unterminated.
     */
    public static int quoted(String s, int i) {
        if (i >= s.length() || s.charAt(i) != '"') return -1;
        for (int j = i + 1; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '\\') {
                j++;
                if (j >= s.length()) return -1;
            } else if (c == '"') {
                return j + 1;
            }
        }
        return -1;
    }

    /** Removes surrounding quotes and quoted-pair escapes; returns unquoted input unchanged. */
    public static String unquote(String s) {
        if (s == null || s.length() < 2 || s.charAt(0) != '"' || s.charAt(s.length() - 1) != '"') return s;
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 1; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() - 1) c = s.charAt(++i);
            b.append(c);
        }
        return b.toString();
    }

    /** Quotes {@code s} as a quoted-string, escaping {@code "} and {@code \}. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') b.append('\\');
            b.append(c);
        }
        return b.append('"').toString();
    }

    /**
     * Finds {@code target} at or after {@code from}, skipping quoted strings and, when
     * {@code angles} is set, anything inside {@code <...>} — the rule for splitting
     * comma-separated header values (RFC 3261 §7.3.1) and for finding parameters.
     */
    public static int indexOutside(String s, char target, int from, boolean angles) {
        boolean inAngle = false;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                int end = quoted(s, i);
                if (end < 0) return -1;
                i = end - 1;
            } else if (angles && c == '<') {
                inAngle = true;
            } else if (angles && c == '>') {
                inAngle = false;
            } else if (c == target && !inAngle) {
                return i;
            }
        }
        return -1;
    }

    /** Percent-decodes RFC 3261 §25.1 "escaped"; a malformed escape is kept literally. */
    public static String unescape(String s) {
        if (s == null || s.indexOf('%') < 0) return s;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    /** Parses a non-negative decimal that must fit {@code max}; -1 if not digits or too big. */
    public static long digits(String s, long max) {
        if (s.isEmpty() || s.length() > 20) return -1;
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
            if (v > max) return -1;
        }
        return v;
    }

    /** Common tokens, returned as constants instead of fresh substrings (parsing is allocation-bound). */
    static final String[] COMMON = {"SIP", "2.0", "UDP", "TCP", "TLS", "WS", "WSS", "SCTP", "branch", "tag", "rport",
        "received", "lr", "transport", "expires", "q", "maddr", "ttl", "user", "method", "ob", "reg-id", "+sip.instance",
        "+sip.ice", "udp", "tcp", "tls", "ws", "wss", "phone", "INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER",
        "PRACK", "SUBSCRIBE", "NOTIFY", "UPDATE", "MESSAGE", "REFER", "INFO"};

    // COMMON by length and first character, so a lookup compares at most a couple of strings
    private static final String[][] COMMON_BY_KEY = new String[16 * 128][];

    static {
        for (String c : COMMON) {
            int k = c.length() * 128 + c.charAt(0);
            String[] old = COMMON_BY_KEY[k];
            String[] neu = old == null ? new String[1] : java.util.Arrays.copyOf(old, old.length + 1);
            neu[neu.length - 1] = c;
            COMMON_BY_KEY[k] = neu;
        }
    }

    /** {@code s.substring(from, to)}, or the equal constant from {@link #COMMON}. */
    public static String sub(String s, int from, int to) {
        int n = to - from;
        if (n > 0 && n < 16) {
            char first = s.charAt(from);
            String[] candidates = first < 128 ? COMMON_BY_KEY[n * 128 + first] : null;
            if (candidates != null) {
                for (String c : candidates) if (s.regionMatches(from, c, 0, n)) return c;
            }
        }
        return s.substring(from, to);
    }
}
