package org.callway.sip.message;

import java.util.Locale;
import java.util.Optional;

/**
 * One Via entry (RFC 3261 §20.42): {@code SIP/2.0/UDP host:port;branch=...;received=...;rport}.
 *
 * @param transport upper-case transport token as sent (UDP, TCP, TLS, SCTP, WS, WSS, or an extension)
 * @param port -1 when the sent-by has no port
 */
public record Via(String protocol, String transport, String host, int port, Params params) {

    /** RFC 3261 §8.1.1.7: branches from RFC 3261 elements start with this cookie. */
    public static final String MAGIC_COOKIE = "z9hG4bK";

    public Via {
        if (params == null) params = Params.EMPTY;
    }

    public Optional<String> branch() {
        return params.get("branch");
    }

    /** Whether the branch carries the RFC 3261 magic cookie (else RFC 2543 matching, §17.2.3). */
    public boolean rfc3261Branch() {
        return branch().map(b -> b.startsWith(MAGIC_COOKIE)).orElse(false);
    }

    public Optional<String> received() {
        return params.get("received");
    }

    /** RFC 3581 §3: rport present (possibly without a value). */
    public boolean hasRport() {
        return params.has("rport");
    }

    /** The rport value if one was filled in (RFC 3581 §4). */
    public Optional<Integer> rport() {
        return params.get("rport").map(v -> (int) Syntax.digits(v, 65535)).filter(p -> p >= 0);
    }

    public Optional<String> maddr() {
        return params.get("maddr");
    }

    /** sent-by as "host:port" with the transport default port when absent (RFC 3261 §18.2.2). */
    public String sentBy() {
        return host.toLowerCase(Locale.ROOT) + ":" + (port >= 0 ? port : defaultPort());
    }

    public int defaultPort() {
        return switch (transport) {
            case "TLS", "WSS" -> transport.equals("TLS") ? 5061 : 443;
            case "WS" -> 80;
            default -> 5060;
        };
    }

    public Via withParams(Params p) {
        return new Via(protocol, transport, host, port, p);
    }

    /**
     * Parses one via-parm. LWS is allowed around the "/" of sent-protocol (RFC 4475 §3.1.1.1).
     */
    public static Optional<Via> parse(String s) {
        int n = s.length();
        int i = Syntax.skipWs(s, 0);
        int e = Syntax.token(s, i);
        String name = Syntax.sub(s, i, e);
        i = Syntax.skipWs(s, e);
        if (i >= n || s.charAt(i) != '/') return Optional.empty();
        i = Syntax.skipWs(s, i + 1);
        e = Syntax.token(s, i);
        String version = Syntax.sub(s, i, e);
        i = Syntax.skipWs(s, e);
        if (i >= n || s.charAt(i) != '/') return Optional.empty();
        i = Syntax.skipWs(s, i + 1);
        e = Syntax.token(s, i);
        String transport = upper(Syntax.sub(s, i, e));
        if (name.isEmpty() || version.isEmpty() || transport.isEmpty()) return Optional.empty();
        i = e;
        int ws = i;
        i = Syntax.skipWs(s, i);
        if (i == ws) return Optional.empty(); // LWS between sent-protocol and sent-by is mandatory
        String host;
        if (i < n && s.charAt(i) == '[') {
            int close = s.indexOf(']', i);
            if (close < 0) return Optional.empty();
            host = s.substring(i, close + 1);
            if (!SipUri.validIpv6(host.substring(1, host.length() - 1))) return Optional.empty();
            i = close + 1;
        } else {
            int hs = i;
            while (i < n && SipUri.isHostChar(s.charAt(i))) i++;
            host = s.substring(hs, i);
            if (!SipUri.validHost(host)) return Optional.empty();
        }
        int port = -1;
        int j = Syntax.skipWs(s, i);
        if (j < n && s.charAt(j) == ':') {
            j = Syntax.skipWs(s, j + 1);
            int ps = j;
            while (j < n && s.charAt(j) >= '0' && s.charAt(j) <= '9') j++;
            long p = Syntax.digits(s.substring(ps, j), 65535);
            if (p < 0) return Optional.empty();
            port = (int) p;
            i = j;
        }
        Params params = Params.EMPTY;
        i = Syntax.skipWs(s, i);
        if (i < n) {
            if (s.charAt(i) != ';') return Optional.empty();
            int[] end = new int[1];
            params = Params.parse(s, i, "", end);
            if (params == null || Syntax.skipWs(s, end[0]) != n) return Optional.empty();
        }
        String protocol = name.equals("SIP") && version.equals("2.0") ? "SIP/2.0" : name + "/" + version;
        return Optional.of(new Via(protocol, transport, host, port, params));
    }

    private static String upper(String t) {
        for (int k = 0; k < t.length(); k++) {
            char c = t.charAt(k);
            if (c >= 'a' && c <= 'z') return t.toUpperCase(Locale.ROOT);
        }
        return t;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(64).append(protocol).append('/').append(transport).append(' ').append(host);
        if (port >= 0) b.append(':').append(port);
        params.appendTo(b);
        return b.toString();
    }
}
