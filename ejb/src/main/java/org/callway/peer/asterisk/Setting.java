package org.callway.peer.asterisk;

/** One {@code key=value} (or {@code key => value}) line of a section, keys lower-cased. */
public record Setting(String key, String value, int line) {
}
