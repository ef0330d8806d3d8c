package org.callway.sip.message;

import java.util.Optional;

/**
 * A SIP or SIPS URI (RFC 3261 §19.1.1):
 * {@code sip:user:password@host:port;uri-parameters?headers}. User and password are kept
 * escaped as written ({@link #userDecoded()} unescapes, §19.1.2); the host may be an IPv6
 * reference in brackets (RFC 5118). A port of -1 means "not given".
 *
 * @param headers the {@code ?h=v&...} part without the "?", or null
 */
public record SipUri(boolean secure, String user, String password, String host, int port,
                     Params params, String headers) implements Uri {

    public SipUri {
        if (params == null) params = Params.EMPTY;
    }

    /** {@code sip:user@host} (user may be null). */
    public static SipUri of(String user, String host, int port) {
        return new SipUri(false, user, null, host, port, Params.EMPTY, null);
    }

    @Override
    public String scheme() {
        return secure ? "sips" : "sip";
    }

    public String userDecoded() {
        return Syntax.unescape(user);
    }

    public Optional<String> param(String name) {
        return params.get(name);
    }

    /** RFC 3261 §19.1.1 transport parameter, lower-cased. */
    public Optional<String> transport() {
        return params.get("transport").map(t -> t.toLowerCase(java.util.Locale.ROOT));
    }

    /** Loose routing (RFC 3261 §16.12.1.1): the route entry carries {@code ;lr}. */
    public boolean looseRouting() {
        return params.has("lr");
    }

    public SipUri withParams(Params p) {
        return new SipUri(secure, user, password, host, port, p, headers);
    }

    public SipUri withoutHeaders() {
        return new SipUri(secure, user, password, host, port, params, null);
    }

    static Optional<SipUri> parseAfterScheme(String scheme, String s, int i) {
        int n = s.length();
        // delimiters that can never be part of a URI (indexOf is a vectorized scan)
        if (s.indexOf('"', i) >= 0 || s.indexOf('<', i) >= 0 || s.indexOf('>', i) >= 0) return Optional.empty();
        String user = null;
        String password = null;
        int at = s.indexOf('@', i);
        if (at >= 0) {
            // userinfo may contain ';', '?' and ':' (RFC 3261 §25.1 user-unreserved), but never '@'
            if (!Uri.plain(s, i, at)) return Optional.empty();
            String userinfo = s.substring(i, at);
            int colon = userinfo.indexOf(':');
            user = colon < 0 ? userinfo : userinfo.substring(0, colon);
            password = colon < 0 ? null : userinfo.substring(colon + 1);
            if (user.isEmpty()) return Optional.empty();
            i = at + 1;
        }
        int hs = i;
        String host;
        if (i < n && s.charAt(i) == '[') {
            int close = s.indexOf(']', i);
            if (close < 0) return Optional.empty();
            host = s.substring(i, close + 1);
            if (!validIpv6(host.substring(1, host.length() - 1))) return Optional.empty();
            i = close + 1;
        } else {
            while (i < n && isHostChar(s.charAt(i))) i++;
            host = s.substring(hs, i);
            if (!validHost(host)) return Optional.empty();
        }
        int port = -1;
        if (i < n && s.charAt(i) == ':') {
            int ps = ++i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
            long p = Syntax.digits(s.substring(ps, i), 65535);
            if (p < 0) return Optional.empty();
            port = (int) p;
        }
        Params params = Params.EMPTY;
        if (i < n && s.charAt(i) == ';') {
            int[] end = new int[1];
            params = Params.parse(s, i, "?", end);
            if (params == null) return Optional.empty();
            i = end[0];
        }
        String headers = null;
        if (i < n && s.charAt(i) == '?') {
            if (!Uri.plain(s, i + 1, n)) return Optional.empty();
            headers = s.substring(i + 1);
            i = n;
        }
        if (i != n) return Optional.empty();
        return Optional.of(new SipUri(scheme.equals("sips"), user, password, host, port, params, headers));
    }

    static boolean isHostChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
    }

    /** RFC 3261 §25.1 hostname / IPv4address; labels must not be empty. */
    static boolean validHost(String h) {
        if (h.isEmpty()) return false;
        if (h.startsWith(".") || h.contains("..")) return false;
        return true;
    }

    /** RFC 5118 §4: a syntactically valid IPv6 reference (at most one "::", hex groups, optional IPv4 tail). */
    public static boolean validIpv6(String a) {
        if (a.isEmpty()) return false;
        int dc = a.indexOf("::");
        if (dc >= 0 && a.indexOf("::", dc + 1) >= 0) return false;
        String[] parts = a.split(":", -1);
        int groups = 0;
        for (int k = 0; k < parts.length; k++) {
            String p = parts[k];
            if (p.isEmpty()) continue;
            if (k == parts.length - 1 && p.indexOf('.') >= 0) {
                if (!p.matches("\\d{1,3}(\\.\\d{1,3}){3}")) return false;
                groups += 2;
                continue;
            }
            if (p.length() > 4) return false;
            for (int j = 0; j < p.length(); j++) if (Character.digit(p.charAt(j), 16) < 0) return false;
            groups++;
        }
        return dc >= 0 ? groups < 8 : groups == 8;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(48);
        appendTo(b);
        return b.toString();
    }

    public void appendTo(StringBuilder b) {
        b.append(secure ? "sips:" : "sip:");
        if (user != null) {
            b.append(user);
            if (password != null) b.append(':').append(password);
            b.append('@');
        }
        b.append(host);
        if (port >= 0) b.append(':').append(port);
        params.appendTo(b);
        if (headers != null) b.append('?').append(headers);
    }
}
