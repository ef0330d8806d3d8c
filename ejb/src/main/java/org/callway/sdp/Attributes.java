package org.callway.sdp;

import java.util.List;
import java.util.Optional;

/**
 * Lookup over the ordered {@code a=} lines of a session or media level. Attribute names are
 * compared case-sensitively as RFC 8866 §5.13 defines them (all registered names are lower case).
 */
public interface Attributes {

    /** The a= lines in the order they were written. */
    List<Attribute> attributes();

    /** True if an attribute of this name is present (property or value). */
    default boolean has(String name) {
        return attributes().stream().anyMatch(a -> a.name().equals(name));
    }

    /** The trimmed value of the first attribute of this name; empty for a property attribute. */
    default Optional<String> value(String name) {
        return attributes().stream().filter(a -> a.name().equals(name) && a.value() != null)
                .map(a -> a.value().trim()).findFirst();
    }

    /** The trimmed values of every attribute of this name, in order. */
    default List<String> values(String name) {
        return attributes().stream().filter(a -> a.name().equals(name) && a.value() != null)
                .map(a -> a.value().trim()).toList();
    }
}
