package org.callway.sip.message;

import java.util.Locale;
import java.util.Optional;

/**
 * A URI as SIP carries it (RFC 3261 §19.1, RFC 3966 for tel, anything else as an absolute URI
 * so that a {@code 416 Unsupported URI Scheme} can be answered, RFC 3261 §8.2.2.1).
 */
public sealed interface Uri permits SipUri, TelUri, AbsoluteUri {

    /** Lower-case scheme: {@code sip}, {@code sips}, {@code tel}, ... */
    String scheme();

    /** The URI as it is written on the wire. */
    String toString();

    /**
     * Parses a URI; empty if the text is not a URI (no scheme, bad host, LWS inside, ...).
     * RFC 3261 §25.1 allows no whitespace inside a URI.
     */
    static Optional<Uri> parse(String s) {
        int colon = s.indexOf(':');
        if (colon <= 0) return Optional.empty();
        String scheme = colon == 3 && s.startsWith("sip") ? "sip"
                : colon == 4 && s.startsWith("sips") ? "sips"
                : colon == 3 && s.startsWith("tel") ? "tel"
                : s.substring(0, colon).toLowerCase(Locale.ROOT);
        for (int i = 0; i < scheme.length(); i++) {
            char c = scheme.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
            if (!ok) return Optional.empty();
        }
        return switch (scheme) {
            case "sip", "sips" -> SipUri.parseAfterScheme(scheme, s, colon + 1).map(u -> (Uri) u);
            case "tel" -> plain(s, 0, s.length()) ? TelUri.parseAfterScheme(s, colon + 1).map(u -> (Uri) u) : Optional.empty();
            default -> colon + 1 < s.length() && plain(s, 0, s.length())
                    ? Optional.of(new AbsoluteUri(scheme, s.substring(colon + 1)))
                    : Optional.empty();
        };
    }

    /**
     * No whitespace, controls, non-ASCII or the delimiters {@code < > "} in {@code s[from, to)}.
     * SIP URIs check only the parts their own scanners do not (user info, headers).
     */
    static boolean plain(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 127 || c == '<' || c == '>' || c == '"') return false;
        }
        return true;
    }
}
