package org.callway.peer.asterisk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Asterisk's configuration file syntax, as main/config.c reads it (Asterisk wiki "Config
 * File Format" and "Templates"):
 * <ul>
 * <li>{@code [name]} starts a section; {@code [name](opts)} with comma-separated options:
 * {@code !} makes it a template, {@code +} adds to the section of that name defined above,
 * any other word inherits that template's settings (it must be defined above);</li>
 * <li>{@code key = value} and {@code key => value} are the same, blanks around both trimmed;</li>
 * <li>{@code ;} comments to the end of the line, {@code \;} is a literal semicolon,
 * {@code ;-- … --;} is a block comment that may span lines;</li>
 * <li>{@code #include}, {@code #tryinclude} and {@code #exec} are noted, not followed: an
 * upload has no file system to include from.</li>
 * </ul>
 * Limits are constructor arguments; exceeding one is an {@link ConfigTooLarge}.
 */
public final class AsteriskConfigParser {

    /** The input is bigger than the limits allow; nothing was imported. */
    public static final class ConfigTooLarge extends IllegalArgumentException {
        public ConfigTooLarge(String message) {
            super(message);
        }
    }

    private final int maxLines;
    private final int maxLineLength;

    public AsteriskConfigParser(int maxLines, int maxLineLength) {
        this.maxLines = maxLines;
        this.maxLineLength = maxLineLength;
    }

    /** Generous for a PBX's sip.conf (Asterisk's own samples are ~1,700 lines). */
    public static AsteriskConfigParser withDefaultLimits() {
        return new AsteriskConfigParser(100_000, 4096);
    }

    /** A section while it is being read: own settings, before inheritance is applied. */
    private static final class Draft {
        final String name;
        final int line;
        boolean template;
        final List<Draft> parents = new ArrayList<>();
        final List<Setting> settings = new ArrayList<>();
        String problem;

        Draft(String name, int line) {
            this.name = name;
            this.line = line;
        }
    }

    public AsteriskConfig parse(String text) {
        List<Draft> sections = new ArrayList<>();
        Map<String, Draft> templates = new LinkedHashMap<>();
        List<AsteriskConfig.Note> notes = new ArrayList<>();
        Draft current = null;
        int commentDepth = 0;
        String[] lines = text.split("\r\n|\r|\n", -1);
        if (lines.length > maxLines) {
            throw new ConfigTooLarge("more than " + maxLines + " lines");
        }
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            if (lines[i].length() > maxLineLength) {
                throw new ConfigTooLarge("line " + number + " is longer than " + maxLineLength + " characters");
            }
            StringBuilder kept = new StringBuilder();
            commentDepth = stripComments(lines[i], commentDepth, kept);
            String line = kept.toString().trim();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                notes.add(new AsteriskConfig.Note(number, line, directive(line)));
            } else if (line.startsWith("[")) {
                Optional<Draft> opened = openSection(line, number, sections, templates, notes);
                if (opened.isPresent()) {
                    current = opened.get();
                }
            } else if (current == null) {
                notes.add(new AsteriskConfig.Note(number, line, "a setting before any [section]"));
            } else {
                int eq = line.indexOf('=');
                if (eq <= 0) {
                    notes.add(new AsteriskConfig.Note(number, line, "no '=' in line, ignored (as Asterisk does)"));
                    continue;
                }
                String key = line.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(eq + 1);
                if (value.startsWith(">")) { // "key => value", Asterisk's object syntax, same meaning here
                    value = value.substring(1);
                }
                current.settings.add(new Setting(key, value.trim(), number));
            }
        }
        return new AsteriskConfig(sections.stream().map(AsteriskConfigParser::resolve).toList(), notes);
    }

    /**
     * Removes {@code ;} comments and {@code ;-- --;} blocks from one line, keeping
     * {@code \;} as {@code ;}, as config.c does: a block starts at {@code ;--} not followed by
     * a third {@code -} (so {@code ;-----} rulers stay line comments), and blocks nest.
     * Returns the nesting depth at the end of the line.
     */
    private static int stripComments(String line, int depth, StringBuilder kept) {
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            boolean opens = line.startsWith(";--", i) && !line.startsWith(";---", i);
            if (opens) {
                depth++;
                i += 3;
            } else if (depth > 0) {
                if (line.startsWith("--;", i)) {
                    depth--;
                    i += 3;
                } else {
                    i++;
                }
            } else if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == ';') {
                kept.append(';');
                i += 2;
            } else if (c == ';') {
                return depth;
            } else {
                kept.append(c);
                i++;
            }
        }
        return depth;
    }

    private static String directive(String line) {
        String word = line.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        return switch (word) {
            case "#include", "#tryinclude" -> word + " is not followed: import that file on its own";
            case "#exec" -> "#exec is never run on import";
            default -> "unknown directive " + word + ", ignored";
        };
    }

    private static Optional<Draft> openSection(String line, int number, List<Draft> sections,
            Map<String, Draft> templates, List<AsteriskConfig.Note> notes) {
        int close = line.indexOf(']');
        if (close < 0) {
            notes.add(new AsteriskConfig.Note(number, line, "no closing ']' in section header"));
            return Optional.empty();
        }
        String name = line.substring(1, close).trim();
        String rest = line.substring(close + 1).trim();
        List<String> options = new ArrayList<>();
        if (rest.startsWith("(") && rest.endsWith(")")) {
            for (String o : rest.substring(1, rest.length() - 1).split(",")) {
                if (!o.isBlank()) {
                    options.add(o.trim());
                }
            }
        } else if (!rest.isEmpty()) {
            notes.add(new AsteriskConfig.Note(number, line, "text after ']' is not (options), ignored"));
        }
        if (options.contains("+")) {
            // [name](+): more settings for the last section of that name (config.c "append")
            for (int i = sections.size() - 1; i >= 0; i--) {
                if (sections.get(i).name.equals(name)) {
                    return Optional.of(sections.get(i));
                }
            }
            notes.add(new AsteriskConfig.Note(number, line, "(+) adds to a section that is not defined above"));
            return Optional.empty();
        }
        Draft d = new Draft(name, number);
        for (String o : options) {
            if (o.equals("!")) {
                d.template = true;
            } else if (!templates.containsKey(o)) {
                // Asterisk stops loading the whole file here ("Inheritance requested, but category
                // '%s' does not exist"); we refuse only this section and say why.
                d.problem = "inherits '" + o + "', which is not defined above it";
            } else {
                d.parents.add(templates.get(o));
            }
        }
        sections.add(d);
        // Any section can be inherited from in Asterisk, not only (!) ones; the last of a name wins.
        templates.put(name, d);
        return Optional.of(d);
    }

    private static ConfigSection resolve(Draft d) {
        List<Setting> settings = new ArrayList<>();
        inherit(d, settings);
        settings.addAll(d.settings);
        return new ConfigSection(d.name, d.line, d.template, d.parents.stream().map(p -> p.name).toList(), settings,
                Optional.ofNullable(d.problem));
    }

    /**
     * Templates' settings, depth first in the order they are named (a template may inherit
     * too). Parents are always defined above their children, so this cannot loop.
     */
    private static void inherit(Draft d, List<Setting> into) {
        for (Draft parent : d.parents) {
            inherit(parent, into);
            into.addAll(parent.settings);
        }
    }
}
