package org.callway.sip.message;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The ordered header lines of a message (RFC 3261 §7.3). Immutable: the {@code with...}
 * methods return copies. Typed accessors parse lazily and cache; a value that does not match
 * its grammar raises {@link InvalidHeaderException}.
 */
public final class Headers {
    // an array: the typed accessors scan it on every call, without iterator objects
    private final Header[] arr;
    private final List<Header> lines;

    public Headers(List<Header> lines) {
        this.arr = lines.toArray(new Header[0]);
        this.lines = Collections.unmodifiableList(java.util.Arrays.asList(arr));
    }

    public static Headers of(Header... lines) {
        return new Headers(List.of(lines));
    }

    public List<Header> lines() {
        return lines;
    }

    public boolean has(String name) {
        String c = HeaderNames.canonical(name);
        for (Header h : arr) if (h.is(c)) return true;
        return false;
    }

    /** Value of the first line of that header. */
    public Optional<String> first(String name) {
        String c = HeaderNames.canonical(name);
        for (Header h : arr) if (h.is(c)) return Optional.of(h.value());
        return Optional.empty();
    }

    /** All lines of that header, in order. */
    public List<Header> all(String name) {
        String c = HeaderNames.canonical(name);
        List<Header> out = new ArrayList<>(2);
        for (Header h : arr) if (h.is(c)) out.add(h);
        return out;
    }

    /**
     * All values of a header across lines; list headers (RFC 3261 §7.3.1) are split at commas
     * outside quotes and angle brackets.
     */
    public List<String> values(String name) {
        String c = HeaderNames.canonical(name);
        List<String> out = new ArrayList<>(4);
        for (Header h : arr) {
            if (!h.is(c)) continue;
            if (HeaderNames.isList(c)) out.addAll(splitCommas(h.value()));
            else out.add(h.value());
        }
        return out;
    }

    /** Splits a list header value at top-level commas; empty elements are dropped. */
    public static List<String> splitCommas(String v) {
        if (v.indexOf(',') < 0) { // the common case: one value per line
            String t = v.strip();
            return t.isEmpty() ? List.of() : List.of(t);
        }
        List<String> out = new ArrayList<>(2);
        int start = 0;
        while (true) {
            int comma = Syntax.indexOutside(v, ',', start, true);
            String part = (comma < 0 ? v.substring(start) : v.substring(start, comma)).strip();
            if (!part.isEmpty()) out.add(part);
            if (comma < 0) return out;
            start = comma + 1;
        }
    }

    private <T> List<T> list(String canonical, Function<String, Optional<T>> one) {
        List<T> first = null;
        List<T> out = null;
        for (Header h : arr) {
            if (!h.is(canonical)) continue;
            List<T> parsed = h.parsed(v -> parseList(canonical, v, one));
            if (first == null) {
                first = parsed;
            } else {
                if (out == null) out = new ArrayList<>(first);
                out.addAll(parsed);
            }
        }
        return out != null ? out : first != null ? first : List.of();
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> parseList(String canonical, String v, Function<String, Optional<T>> one) {
        List<String> parts = splitCommas(v);
        if (parts.size() == 1) {
            String part = parts.get(0);
            return List.of(one.apply(part).orElseThrow(() -> new InvalidHeaderException(canonical, part)));
        }
        Object[] l = new Object[parts.size()];
        for (int i = 0; i < l.length; i++) {
            String part = parts.get(i);
            l[i] = one.apply(part).orElseThrow(() -> new InvalidHeaderException(canonical, part));
        }
        return (List<T>) List.of(l);
    }

    @SuppressWarnings("unchecked")
    private <T> Optional<T> single(String canonical, Function<String, Optional<T>> parser) {
        for (Header h : arr) {
            if (h.is(canonical)) {
                Object p = h.cached();
                if (p == null) {
                    Optional<T> o = parser.apply(h.value());
                    if (o.isEmpty()) throw new InvalidHeaderException(canonical, h.value());
                    p = o.get();
                    h.cache(p);
                }
                return Optional.of((T) p);
            }
        }
        return Optional.empty();
    }

    // ---- eagerly validated by the parser (RFC 3261 §8.1.1 mandatory headers)

    public List<Via> vias() {
        return list(HeaderNames.VIA, Via::parse);
    }

    public Optional<Via> topVia() {
        for (Header h : arr) {
            if (h.is(HeaderNames.VIA)) {
                List<Via> l = h.parsed(v -> parseList(HeaderNames.VIA, v, Via::parse));
                return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
            }
        }
        return Optional.empty();
    }

    public Optional<Address> from() {
        return single(HeaderNames.FROM, Address::parse);
    }

    public Optional<Address> to() {
        return single(HeaderNames.TO, Address::parse);
    }

    public Optional<String> callId() {
        return single(HeaderNames.CALL_ID, Headers::callIdValue);
    }

    public Optional<CSeq> cseq() {
        return single(HeaderNames.CSEQ, CSeq::parse);
    }

    public Optional<Long> contentLength() {
        return single(HeaderNames.CONTENT_LENGTH, v -> nonNegative(v, Integer.MAX_VALUE));
    }

    // ---- lazily parsed

    public Optional<Integer> maxForwards() {
        return single(HeaderNames.MAX_FORWARDS, v -> nonNegative(v, 255).map(Long::intValue));
    }

    /** Contact, including the {@code *} form (RFC 3261 §10.2.2). */
    public Optional<Contacts> contacts() {
        List<Header> hs = all(HeaderNames.CONTACT);
        if (hs.isEmpty()) return Optional.empty();
        if (hs.size() == 1 && hs.get(0).value().strip().equals("*")) return Optional.of(new Contacts(true, List.of()));
        for (Header h : hs) {
            if (h.value().strip().equals("*")) throw new InvalidHeaderException(HeaderNames.CONTACT, "* mixed with addresses");
        }
        return Optional.of(new Contacts(false, list(HeaderNames.CONTACT, Address::parse)));
    }

    public List<Address> routes() {
        return list(HeaderNames.ROUTE, Address::parse);
    }

    public List<Address> recordRoutes() {
        return list(HeaderNames.RECORD_ROUTE, Address::parse);
    }

    /** RFC 3327 Path. */
    public List<Address> paths() {
        return list(HeaderNames.PATH, Address::parse);
    }

    public Optional<Long> expires() {
        return single(HeaderNames.EXPIRES, v -> nonNegative(v, 0xFFFFFFFFL));
    }

    public Optional<Long> minExpires() {
        return single(HeaderNames.MIN_EXPIRES, v -> nonNegative(v, 0xFFFFFFFFL));
    }

    /** media-type "/" subtype with parameters (RFC 3261 §20.15), lower-cased type, raw params kept. */
    public Optional<String> contentType() {
        return first(HeaderNames.CONTENT_TYPE).map(String::strip);
    }

    /** Option tags (RFC 3261 §19.2) of Supported/Require/Proxy-Require/Unsupported; also Allow's methods. */
    public List<String> tokens(String name) {
        String c = HeaderNames.canonical(name);
        return list(c, v -> Syntax.isToken(v) ? Optional.of(v) : Optional.empty());
    }

    public Optional<String> userAgent() {
        return first(HeaderNames.USER_AGENT);
    }

    /** Authorization, Proxy-Authorization, WWW-Authenticate or Proxy-Authenticate values, one per line. */
    public List<AuthValue> auth(String name) {
        String c = HeaderNames.canonical(name);
        List<AuthValue> out = new ArrayList<>(1);
        for (Header h : arr) {
            if (h.is(c)) out.add(h.parsed(v -> AuthValue.parse(v).orElseThrow(() -> new InvalidHeaderException(c, v))));
        }
        return out;
    }

    private static Optional<String> callIdValue(String v) {
        // RFC 3261 §25.1: callid = word [ "@" word ] — no whitespace inside
        String s = v.strip();
        if (s.isEmpty()) return Optional.empty();
        for (int i = 0; i < s.length(); i++) if (Syntax.isWs(s.charAt(i))) return Optional.empty();
        return Optional.of(s);
    }

    private static Optional<Long> nonNegative(String v, long max) {
        long n = Syntax.digits(v.strip(), max);
        return n < 0 ? Optional.empty() : Optional.of(n);
    }

    // ---- copies

    /** Appends a line — before a final Content-Length, which conventionally stays last. */
    public Headers with(String name, String value) {
        List<Header> out = new ArrayList<>(lines.size() + 1);
        out.addAll(lines);
        int at = !out.isEmpty() && out.get(out.size() - 1).is(HeaderNames.CONTENT_LENGTH) ? out.size() - 1 : out.size();
        out.add(at, new Header(name, value));
        return new Headers(out);
    }

    /** Inserts a line before the first line of the same header (or at the end). */
    public Headers prepend(String name, String value) {
        String c = HeaderNames.canonical(name);
        List<Header> out = new ArrayList<>(lines.size() + 1);
        boolean done = false;
        for (Header h : arr) {
            if (!done && h.is(c)) {
                out.add(new Header(name, value));
                done = true;
            }
            out.add(h);
        }
        if (!done) out.add(new Header(name, value));
        return new Headers(out);
    }

    /** Replaces every line of that header with one line (position of the first kept). */
    public Headers set(String name, String value) {
        String c = HeaderNames.canonical(name);
        List<Header> out = new ArrayList<>(lines.size() + 1);
        boolean done = false;
        for (Header h : arr) {
            if (h.is(c)) {
                if (!done) out.add(new Header(name, value));
                done = true;
            } else {
                out.add(h);
            }
        }
        if (!done) out.add(new Header(name, value));
        return new Headers(out);
    }

    public Headers remove(String name) {
        String c = HeaderNames.canonical(name);
        List<Header> out = new ArrayList<>(lines.size());
        for (Header h : arr) if (!h.is(c)) out.add(h);
        return new Headers(out);
    }

    /** Replaces the top-most Via value, keeping any further values of the same line. */
    public Headers withTopVia(Via via) {
        List<Header> out = new ArrayList<>(lines);
        for (int i = 0; i < out.size(); i++) {
            Header h = out.get(i);
            if (h.is(HeaderNames.VIA)) {
                List<String> parts = splitCommas(h.value());
                StringBuilder b = new StringBuilder(via.toString());
                for (int k = 1; k < parts.size(); k++) b.append(", ").append(parts.get(k));
                out.set(i, new Header(h.name(), HeaderNames.VIA, b.toString()));
                return new Headers(out);
            }
        }
        out.add(0, new Header(HeaderNames.VIA, via.toString()));
        return new Headers(out);
    }

    /** Removes the top-most Via value (a proxy/B2BUA step, RFC 3261 §16.7). */
    public Headers withoutTopVia() {
        List<Header> out = new ArrayList<>(lines);
        for (int i = 0; i < out.size(); i++) {
            Header h = out.get(i);
            if (h.is(HeaderNames.VIA)) {
                List<String> parts = splitCommas(h.value());
                if (parts.size() <= 1) out.remove(i);
                else out.set(i, new Header(h.name(), HeaderNames.VIA, String.join(", ", parts.subList(1, parts.size()))));
                break;
            }
        }
        return new Headers(out);
    }

    public void appendTo(StringBuilder b) {
        for (Header h : arr) b.append(h.name()).append(": ").append(h.value()).append("\r\n");
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        appendTo(b);
        return b.toString();
    }
}
