package org.callway.sip.message;

import java.util.List;
import java.util.Optional;

/**
 * The Contact header set of a message (RFC 3261 §20.10): either the wildcard {@code *}
 * (only valid in REGISTER with {@code Expires: 0}, §10.2.2) or a list of addresses.
 */
public record Contacts(boolean wildcard, List<Address> addresses) {
    public Contacts {
        addresses = List.copyOf(addresses);
    }

    /** RFC 3261 §20.10 "expires" contact parameter. */
    public static Optional<Long> expires(Address contact) {
        return contact.params().get("expires").map(v -> Syntax.digits(v.strip(), 0xFFFFFFFFL)).filter(v -> v >= 0);
    }

    /** RFC 3261 §20.10 "q" preference, 0.0..1.0. */
    public static Optional<Double> q(Address contact) {
        return contact.params().get("q").flatMap(v -> {
            try {
                double d = Double.parseDouble(v);
                return d >= 0 && d <= 1 ? Optional.of(d) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /** RFC 5626 §4.2 instance id, quotes and angle brackets removed ({@code urn:uuid:...}). */
    public static Optional<String> instance(Address contact) {
        return contact.params().unquoted("+sip.instance").map(v -> v.startsWith("<") && v.endsWith(">") ? v.substring(1, v.length() - 1) : v);
    }

    /** RFC 5626 §4.2 reg-id. */
    public static Optional<Integer> regId(Address contact) {
        return contact.params().get("reg-id").map(v -> (int) Syntax.digits(v, Integer.MAX_VALUE)).filter(v -> v >= 0);
    }
}
