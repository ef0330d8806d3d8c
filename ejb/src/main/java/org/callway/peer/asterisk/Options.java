package org.callway.peer.asterisk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.callway.config.Transport;
import org.callway.peer.PeerDraft;
import org.callway.peer.PeerRules;

/** Option values as both channel drivers read them. */
final class Options {

    private static final Pattern CALLERID_NUMBER = Pattern.compile("<\\s*([0-9*#+]+)\\s*>|^\\s*([0-9*#+]+)\\s*$");

    private Options() {
    }

    /** Asterisk's ast_true(): yes, true, y, t, 1, on. */
    static boolean yes(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "yes", "true", "y", "t", "1", "on" -> true;
            default -> false;
        };
    }

    static boolean yes(ConfigSection section, String key, boolean otherwise) {
        return section.value(key).map(Options::yes).orElse(otherwise);
    }

    /** A comma list, blanks trimmed, empties dropped. */
    static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Transport names, or the first one that is not a transport. */
    static Set<Transport> transports(List<String> names) {
        EnumSet<Transport> set = EnumSet.noneOf(Transport.class);
        for (String name : names) {
            if (!name.matches(PeerRules.TRANSPORT)) {
                throw new Skip("unknown transport '" + name + "' (" + PeerRules.TRANSPORT_MESSAGE + ")");
            }
            set.add(Transport.parse(name));
        }
        return set;
    }

    /** nat= words, validated, with yes/no expanded as Asterisk does. */
    static Set<String> nat(List<String> words) {
        for (String word : words) {
            if (!word.matches(PeerRules.NAT)) {
                throw new Skip("unknown nat value '" + word + "' (" + PeerRules.NAT_MESSAGE + ")");
            }
        }
        return PeerRules.nat(words);
    }

    /**
     * The codec list after every {@code allow=}/{@code disallow=} in order, as Asterisk's
     * ast_format_cap_update_by_allow_disallow() applies them: comma lists, {@code disallow=all}
     * clears, a leading {@code !} inverts, {@code :20} framing is dropped. {@code allow=all} cannot
     * be stored as a list, so it is noted and skipped.
     */
    static List<String> codecs(List<String> start, List<Setting> settings, List<String> notes) {
        List<String> codecs = new ArrayList<>(start);
        for (Setting s : settings) {
            boolean allow = s.key().equals("allow");
            if (!allow && !s.key().equals("disallow")) {
                continue;
            }
            for (String token : list(s.value())) {
                boolean allowing = allow;
                if (token.startsWith("!")) {
                    allowing = !allowing;
                    token = token.substring(1);
                }
                String codec = token.split(":", 2)[0].trim().toLowerCase(Locale.ROOT);
                if (codec.equals("all")) {
                    if (allowing) {
                        notes.add("allow=all (line " + s.line() + ") is not stored: name the codecs");
                    } else {
                        codecs.clear();
                    }
                } else if (allowing) {
                    if (!codecs.contains(codec)) {
                        codecs.add(codec);
                    }
                } else {
                    codecs.remove(codec);
                }
            }
        }
        return codecs;
    }

    /** The number of a {@code callerid="Alice" <1000>} (or a bare number), else the name if it is all digits. */
    static String number(Optional<String> callerid, String name) {
        if (callerid.isPresent()) {
            Matcher m = CALLERID_NUMBER.matcher(callerid.get());
            if (m.find()) {
                return m.group(1) != null ? m.group(1) : m.group(2);
            }
        }
        return name.matches("[0-9]{1,32}") ? name : null;
    }

    /** A draft that satisfies the API's rules, or the section skipped with the rule it breaks. */
    static Mapped checked(String section, PeerDraft draft, List<String> notes) {
        return PeerRules.violation(draft).<Mapped>map(v -> new Mapped.Skipped(section, v))
                .orElseGet(() -> new Mapped.Peer(section, draft, notes));
    }

    /**
     * Why the section being mapped is not a peer Callway can take. It never leaves a mapper:
     * {@link #mapEach} turns it into {@link Mapped.Skipped}, so mapping code reads top-down.
     */
    static final class Skip extends RuntimeException {
        Skip(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Maps each section, a {@link Skip} becoming that section's skip reason; templates are never peers. */
    static List<Mapped> mapEach(List<ConfigSection> sections, java.util.function.Function<ConfigSection, Mapped> map) {
        List<Mapped> result = new ArrayList<>();
        for (ConfigSection section : sections) {
            try {
                if (section.template()) {
                    throw new Skip("template (!): sections that name it inherit its settings");
                }
                if (section.problem().isPresent()) {
                    throw new Skip(section.problem().get());
                }
                result.add(map.apply(section));
            } catch (Skip skip) {
                result.add(new Mapped.Skipped(section.name(), skip.getMessage()));
            }
        }
        return result;
    }
}
