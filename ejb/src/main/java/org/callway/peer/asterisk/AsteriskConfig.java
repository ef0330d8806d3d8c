package org.callway.peer.asterisk;

import java.util.List;
import java.util.Optional;

/**
 * A parsed Asterisk config file: its sections in file order (names may repeat, as in
 * pjsip.conf where an endpoint, its auth and its aor often share one name) and the lines
 * that were not settings (directives not followed, lines Asterisk would warn about).
 */
public record AsteriskConfig(List<ConfigSection> sections, List<Note> notes) {

    /** A line that is not part of any section's settings, and why. */
    public record Note(int line, String text, String reason) {
    }

    public AsteriskConfig {
        sections = List.copyOf(sections);
        notes = List.copyOf(notes);
    }

    /** The first section named {@code name} whose {@code type=} is {@code type}. */
    public Optional<ConfigSection> find(String name, String type) {
        return sections.stream().filter(s -> !s.template() && s.name().equals(name) && s.type().equals(type))
                .findFirst();
    }

    /** Non-template sections of a type, in file order. */
    public List<ConfigSection> ofType(String type) {
        return sections.stream().filter(s -> !s.template() && s.type().equals(type)).toList();
    }
}
