package org.callway.sip.message;

import java.util.Optional;

/** A tel URI (RFC 3966): a number and its parameters, e.g. {@code tel:+1-201-555-0123;phone-context=x}. */
public record TelUri(String number, Params params) implements Uri {
    @Override
    public String scheme() {
        return "tel";
    }

    /** RFC 3966 §5.1.1: a global number starts with "+". */
    public boolean global() {
        return number.startsWith("+");
    }

    static Optional<TelUri> parseAfterScheme(String s, int i) {
        int semi = s.indexOf(';', i);
        String number = semi < 0 ? s.substring(i) : s.substring(i, semi);
        if (number.isEmpty()) return Optional.empty();
        Params p = Params.EMPTY;
        if (semi >= 0) {
            int[] end = new int[1];
            p = Params.parse(s, semi, "", end);
            if (p == null || end[0] != s.length()) return Optional.empty();
        }
        return Optional.of(new TelUri(number, p));
    }

    @Override
    public String toString() {
        return "tel:" + number + params;
    }
}
