package org.callway.sip.message;

import java.util.function.Function;

/**
 * One header line: the name as received (kept for faithful re-serialization), its canonical
 * name, and the value with folding already undone. Typed values are parsed on first use and
 * cached (RFC 3261 §7.3 leaves it to implementations which headers to parse eagerly).
 */
public final class Header {
    private final String name;
    private final String canonical;
    private final String value;
    private volatile Object parsed;

    public Header(String name, String value) {
        this(name, HeaderNames.canonical(name), value);
    }

    /** For parsers that already resolved the name: {@code canonical} must be {@code HeaderNames.canonical(name)}. */
    public Header(String name, String canonical, String value) {
        this.name = name;
        this.canonical = canonical;
        this.value = value;
    }

    /** The name as written, e.g. {@code v} or {@code VIA}. */
    public String name() {
        return name;
    }

    /** The canonical long name, e.g. {@code Via}. */
    public String canonical() {
        return canonical;
    }

    public String value() {
        return value;
    }

    public boolean is(String canonicalName) {
        return canonical == canonicalName || canonical.equals(canonicalName);
    }

    Object cached() {
        return parsed;
    }

    void cache(Object value) {
        parsed = value;
    }

    @SuppressWarnings("unchecked")
    <T> T parsed(Function<String, T> parser) {
        Object p = parsed;
        if (p == null) {
            p = parser.apply(value);
            parsed = p;
        }
        return (T) p;
    }

    @Override
    public String toString() {
        return name + ": " + value;
    }
}
