package org.callway.sip.message;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Header names: case-insensitive (RFC 3261 §7.3.1), compact forms (§7.3.3, RFC 3265, 3515,
 * 3892, 4028, 3841, 4474) mapped to the long name, and which headers are comma-separated lists.
 */
public final class HeaderNames {
    public static final String VIA = "Via";
    public static final String FROM = "From";
    public static final String TO = "To";
    public static final String CALL_ID = "Call-ID";
    public static final String CSEQ = "CSeq";
    public static final String CONTACT = "Contact";
    public static final String CONTENT_LENGTH = "Content-Length";
    public static final String CONTENT_TYPE = "Content-Type";
    public static final String MAX_FORWARDS = "Max-Forwards";
    public static final String ROUTE = "Route";
    public static final String RECORD_ROUTE = "Record-Route";
    public static final String PATH = "Path";
    public static final String EXPIRES = "Expires";
    public static final String MIN_EXPIRES = "Min-Expires";
    public static final String SUPPORTED = "Supported";
    public static final String REQUIRE = "Require";
    public static final String PROXY_REQUIRE = "Proxy-Require";
    public static final String UNSUPPORTED = "Unsupported";
    public static final String ALLOW = "Allow";
    public static final String ACCEPT = "Accept";
    public static final String USER_AGENT = "User-Agent";
    public static final String SERVER = "Server";
    public static final String AUTHORIZATION = "Authorization";
    public static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    public static final String PROXY_AUTHENTICATE = "Proxy-Authenticate";
    public static final String PROXY_AUTHORIZATION = "Proxy-Authorization";
    public static final String TIMESTAMP = "Timestamp";

    private static final Map<String, String> CANONICAL = new HashMap<>();
    private static final Map<String, String> EXACT = new HashMap<>();
    private static final Set<String> LISTS = Set.of(VIA, CONTACT, ROUTE, RECORD_ROUTE, PATH, SUPPORTED, REQUIRE,
            PROXY_REQUIRE, UNSUPPORTED, ALLOW, ACCEPT, "Accept-Encoding", "Accept-Language", "Allow-Events",
            "Content-Encoding", "Content-Language", "In-Reply-To", "Warning", "Error-Info", "Alert-Info",
            "Call-Info", "Service-Route", "P-Asserted-Identity");

    static {
        for (String n : new String[] {VIA, FROM, TO, CALL_ID, CSEQ, CONTACT, CONTENT_LENGTH, CONTENT_TYPE,
                MAX_FORWARDS, ROUTE, RECORD_ROUTE, PATH, EXPIRES, MIN_EXPIRES, SUPPORTED, REQUIRE, PROXY_REQUIRE,
                UNSUPPORTED, ALLOW, ACCEPT, USER_AGENT, SERVER, AUTHORIZATION, WWW_AUTHENTICATE, PROXY_AUTHENTICATE,
                PROXY_AUTHORIZATION, TIMESTAMP, "Subject", "Content-Encoding", "Event", "Allow-Events", "Refer-To",
                "Referred-By", "Session-Expires", "Accept-Contact", "Reject-Contact", "Request-Disposition",
                "Identity", "Identity-Info", "Accept-Encoding", "Accept-Language", "Content-Language",
                "Content-Disposition", "Warning", "Error-Info", "Alert-Info", "Call-Info", "Service-Route",
                "In-Reply-To", "Organization", "Priority", "Reply-To", "Retry-After", "Date", "MIME-Version",
                "Authentication-Info", "Subscription-State", "Min-SE", "RSeq", "RAck", "P-Asserted-Identity"}) {
            CANONICAL.put(n.toLowerCase(Locale.ROOT), n);
            EXACT.put(n, n);
        }
        String[][] compact = {{"i", CALL_ID}, {"m", CONTACT}, {"f", FROM}, {"t", TO}, {"v", VIA},
                {"l", CONTENT_LENGTH}, {"c", CONTENT_TYPE}, {"k", SUPPORTED}, {"s", "Subject"},
                {"e", "Content-Encoding"}, {"o", "Event"}, {"u", "Allow-Events"}, {"r", "Refer-To"},
                {"b", "Referred-By"}, {"x", "Session-Expires"}, {"a", "Accept-Contact"}, {"j", "Reject-Contact"},
                {"d", "Request-Disposition"}, {"y", "Identity"}, {"n", "Identity-Info"}};
        for (String[] c : compact) {
            CANONICAL.put(c[0], c[1]);
            EXACT.put(c[0], c[1]);
            EXACT.put(c[0].toUpperCase(Locale.ROOT), c[1]);
        }
    }

    // exact spellings (canonical, compact lower and upper case) by length and first byte
    private static final String[][][] SPELLED = new String[32][128][];
    private static final String[][][] SPELLED_CANONICAL = new String[32][128][];

    static {
        for (Map.Entry<String, String> e : EXACT.entrySet()) {
            String w = e.getKey();
            if (w.length() >= 32 || w.charAt(0) >= 128) continue;
            String[] old = SPELLED[w.length()][w.charAt(0)];
            String[] neu = old == null ? new String[1] : java.util.Arrays.copyOf(old, old.length + 1);
            neu[neu.length - 1] = w;
            SPELLED[w.length()][w.charAt(0)] = neu;
            String[] oldC = SPELLED_CANONICAL[w.length()][w.charAt(0)];
            String[] neuC = oldC == null ? new String[1] : java.util.Arrays.copyOf(oldC, oldC.length + 1);
            neuC[neuC.length - 1] = e.getValue();
            SPELLED_CANONICAL[w.length()][w.charAt(0)] = neuC;
        }
    }

    private HeaderNames() {
    }

    /**
     * The written-name constant for {@code d[off, off+len)} if it is spelled exactly as a known
     * name or compact form (the usual case), else null — lets the parser skip allocating and
     * hashing a String per header line.
     */
    public static String spelled(byte[] d, int off, int len) {
        int i = spelledIndex(d, off, len);
        return i < 0 ? null : SPELLED[len][d[off]][i];
    }

    public static String spelledName(byte[] d, int off, int len, int index) {
        return SPELLED[len][d[off]][index];
    }

    public static String spelledCanonicalAt(byte[] d, int off, int len, int index) {
        return SPELLED_CANONICAL[len][d[off]][index];
    }

    /** Like {@link #spelled} but returns the canonical name the spelling stands for (Via for "v"). */
    public static String spelledCanonical(byte[] d, int off, int len) {
        int i = spelledIndex(d, off, len);
        return i < 0 ? null : SPELLED_CANONICAL[len][d[off]][i];
    }

    /** Index for {@link #spelledName}/{@link #spelledCanonicalAt}, or -1 if not a known spelling. */
    public static int spelledIndex(byte[] d, int off, int len) {
        if (len >= 32 || d[off] < 0) return -1;
        String[] candidates = SPELLED[len][d[off]];
        if (candidates == null) return -1;
        outer:
        for (int i = 0; i < candidates.length; i++) {
            String c = candidates[i];
            for (int k = 1; k < len; k++) if (d[off + k] != c.charAt(k)) continue outer;
            return i;
        }
        return -1;
    }

    /** The canonical long name for any spelling or compact form; unknown names in lower case. */
    public static String canonical(String name) {
        String c = EXACT.get(name); // common case: already canonical, no lower-casing needed
        if (c != null) return c;
        String lower = name.toLowerCase(Locale.ROOT);
        c = CANONICAL.get(lower);
        return c != null ? c : lower; // unknown headers: lower case, so lookups ignore case

    }

    /** Whether values of this (canonical) header may be combined with commas (RFC 3261 §7.3.1). */
    public static boolean isList(String canonical) {
        return LISTS.contains(canonical);
    }
}
