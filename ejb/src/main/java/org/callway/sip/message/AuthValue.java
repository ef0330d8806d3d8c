package org.callway.sip.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A challenge or credentials (RFC 3261 §20.7, §20.27, §20.28, §20.44, §25.1; RFC 7616):
 * {@code Digest realm="x", nonce="y", algorithm=MD5, qop="auth"}. These headers are never
 * split at commas: the commas separate the auth-params of one value (RFC 3261 §7.3.1).
 * Credentials may instead be one token68 (RFC 7235 §2.1), as a bearer token is (RFC 8898
 * §2.1.1, RFC 6750 §2.1): {@code Bearer eyJhbGciOi...}; {@code token68} is null otherwise.
 */
public record AuthValue(String scheme, Params params, String token68) {

    public AuthValue(String scheme, Params params) {
        this(scheme, params, null);
    }

    /** An auth-param value without quotes, e.g. {@code param("realm")}. */
    public Optional<String> param(String name) {
        return params.unquoted(name);
    }

    public static Optional<AuthValue> parse(String s) {
        int n = s.length();
        int i = Syntax.skipWs(s, 0);
        int e = Syntax.token(s, i);
        if (e == i) return Optional.empty();
        String scheme = s.substring(i, e);
        List<Params.Param> list = new ArrayList<>();
        i = Syntax.skipWs(s, e);
        int t = token68End(s, i);
        if (t > i && Syntax.skipWs(s, t) == n) {
            return Optional.of(new AuthValue(scheme, new Params(list), s.substring(i, t)));
        }
        while (i < n) {
            int ns = i;
            i = Syntax.token(s, i);
            if (i == ns) return Optional.empty();
            String name = s.substring(ns, i);
            i = Syntax.skipWs(s, i);
            if (i >= n || s.charAt(i) != '=') return Optional.empty();
            i = Syntax.skipWs(s, i + 1);
            int vs = i;
            if (i < n && s.charAt(i) == '"') {
                i = Syntax.quoted(s, i);
                if (i < 0) return Optional.empty();
            } else {
                i = Syntax.token(s, i);
                if (i == vs) return Optional.empty();
            }
            list.add(new Params.Param(name, s.substring(vs, i)));
            i = Syntax.skipWs(s, i);
            if (i < n) {
                if (s.charAt(i) != ',') return Optional.empty();
                i = Syntax.skipWs(s, i + 1);
            }
        }
        return Optional.of(new AuthValue(scheme, new Params(list)));
    }

    /**
     * The end of a token68 starting at {@code i}: 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+"
     * / "/" ) *"=" (RFC 7235 §2.1), or {@code i} if there is none.
     */
    private static int token68End(String s, int i) {
        int n = s.length();
        int j = i;
        while (j < n && (Character.isLetterOrDigit(s.charAt(j)) && s.charAt(j) < 128 || "-._~+/".indexOf(s.charAt(j)) >= 0)) {
            j++;
        }
        if (j == i) {
            return i;
        }
        while (j < n && s.charAt(j) == '=') {
            j++;
        }
        return j;
    }

    @Override
    public String toString() {
        if (token68 != null) {
            return scheme + " " + token68;
        }
        StringBuilder b = new StringBuilder(scheme);
        String sep = " ";
        for (Params.Param p : params.list()) {
            b.append(sep).append(p.name()).append('=').append(p.value());
            sep = ", ";
        }
        return b.toString();
    }
}
