package org.callway.sip.message;

import java.util.Optional;

/**
 * A name-addr or addr-spec with header parameters (RFC 3261 §20.10, §25.1): the value of
 * From, To, Contact, Route, Record-Route, Path, Reply-To.
 *
 * @param displayName the display name as written (quoted form keeps its quotes), or null
 * @param angled whether the URI was in angle brackets (a URI with ';', ',' or '?' must be, §20.10)
 */
public record Address(String displayName, Uri uri, Params params, boolean angled) {

    public Address {
        if (params == null) params = Params.EMPTY;
    }

    public static Address of(Uri uri) {
        return new Address(null, uri, Params.EMPTY, true);
    }

    /** The tag parameter of From/To (RFC 3261 §19.3). */
    public Optional<String> tag() {
        return params.get("tag");
    }

    public Address withTag(String tag) {
        return new Address(displayName, uri, params.with("tag", tag), angled);
    }

    public Address withParam(String name, String value) {
        return new Address(displayName, uri, params.with(name, value), angled);
    }

    /** The display name without quotes and escapes. */
    public Optional<String> name() {
        return Optional.ofNullable(displayName).map(Syntax::unquote);
    }

    /**
     * Parses one name-addr / addr-spec with its params. Returns empty on any syntax error,
     * including LWS inside the angle brackets (RFC 4475 §3.1.2.7 "badaspec").
     */
    public static Optional<Address> parse(String s) {
        int n = s.length();
        int i = Syntax.skipWs(s, 0);
        String display = null;
        Uri uri;
        boolean angled;
        int lt;
        if (i < n && s.charAt(i) == '"') {
            int end = Syntax.quoted(s, i);
            if (end < 0) return Optional.empty();
            display = s.substring(i, end);
            lt = Syntax.skipWs(s, end);
            if (lt >= n || s.charAt(lt) != '<') return Optional.empty();
        } else {
            lt = Syntax.indexOutside(s, '<', i, false);
            if (lt >= 0) {
                // display-name = *(token LWS): only tokens and whitespace before '<'
                String d = s.substring(i, lt).strip();
                for (int k = 0; k < d.length(); k++) {
                    char c = d.charAt(k);
                    if (!Syntax.isToken(c) && !Syntax.isWs(c)) return Optional.empty();
                }
                display = d.isEmpty() ? null : d;
            }
        }
        int rest;
        if (lt >= 0) {
            int gt = s.indexOf('>', lt);
            if (gt < 0) return Optional.empty();
            Optional<Uri> u = Uri.parse(s.substring(lt + 1, gt));
            if (u.isEmpty()) return Optional.empty();
            uri = u.get();
            angled = true;
            rest = gt + 1;
        } else {
            // addr-spec: header params start at the first ';' (RFC 3261 §20.10)
            int semi = s.indexOf(';', i);
            int end = semi < 0 ? n : semi;
            String text = s.substring(i, end).strip();
            Optional<Uri> u = Uri.parse(text);
            if (u.isEmpty()) return Optional.empty();
            uri = u.get();
            if (uri instanceof SipUri su && su.headers() != null) return Optional.empty();
            angled = false;
            rest = end;
        }
        Params p = Params.EMPTY;
        rest = Syntax.skipWs(s, rest);
        if (rest < n) {
            if (s.charAt(rest) != ';') return Optional.empty();
            int[] end = new int[1];
            p = Params.parse(s, rest, "", end);
            if (p == null || Syntax.skipWs(s, end[0]) != n) return Optional.empty();
        }
        return Optional.of(new Address(display, uri, p, angled));
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(64);
        appendTo(b);
        return b.toString();
    }

    public void appendTo(StringBuilder b) {
        if (displayName != null) b.append(displayName).append(' ');
        if (angled || displayName != null) {
            b.append('<').append(uri).append('>');
        } else {
            b.append(uri);
        }
        params.appendTo(b);
    }
}
