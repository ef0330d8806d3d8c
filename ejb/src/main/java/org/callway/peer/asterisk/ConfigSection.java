package org.callway.peer.asterisk;

import java.util.List;
import java.util.Optional;

/**
 * A category of an Asterisk config file, with its templates already applied: {@code settings}
 * holds the inherited settings first, in template order, then its own, which is the order
 * Asterisk's channel drivers read them in (so for a single-valued option the last one wins,
 * and {@code allow=}/{@code disallow=} apply in sequence).
 *
 * @param template {@code [name](!)}: only for inheriting from, never a peer itself
 * @param problem why the section cannot be used (a template that is not defined above it)
 */
public record ConfigSection(String name, int line, boolean template, List<String> inherits,
        List<Setting> settings, Optional<String> problem) {

    public ConfigSection {
        inherits = List.copyOf(inherits);
        settings = List.copyOf(settings);
    }

    /** The value that wins for a single-valued option: the last one. */
    public Optional<String> value(String key) {
        Optional<String> last = Optional.empty();
        for (Setting s : settings) {
            if (s.key().equals(key)) {
                last = Optional.of(s.value());
            }
        }
        return last;
    }

    /** Every value of a repeatable option, in order. */
    public List<String> values(String key) {
        return settings.stream().filter(s -> s.key().equals(key)).map(Setting::value).toList();
    }

    /** {@code type=}, lower-cased, or empty. */
    public String type() {
        return value("type").map(t -> t.toLowerCase(java.util.Locale.ROOT)).orElse("");
    }
}
