package org.callway.dialplan;

import java.util.regex.Pattern;

/**
 * An extension as extensions.conf writes it: a literal ({@code 600}) or, after {@code _}, a
 * pattern where {@code X} is any digit, {@code Z} 1-9, {@code N} 2-9, {@code [1-5]} a set,
 * {@code .} one or more more characters and {@code !} zero or more.
 */
public record ExtensionPattern(String text, Pattern regex, boolean literal) {

    public static ExtensionPattern of(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty extension");
        }
        if (!t.startsWith("_")) {
            return new ExtensionPattern(t, Pattern.compile(Pattern.quote(t)), true);
        }
        StringBuilder re = new StringBuilder();
        for (int i = 1; i < t.length(); i++) {
            char c = t.charAt(i);
            switch (Character.toUpperCase(c)) {
                case 'X' -> re.append("[0-9]");
                case 'Z' -> re.append("[1-9]");
                case 'N' -> re.append("[2-9]");
                case '.' -> re.append(".+");
                case '!' -> re.append(".*");
                case '[' -> {
                    int end = t.indexOf(']', i);
                    if (end < 0) {
                        throw new IllegalArgumentException("unclosed [ in " + t);
                    }
                    re.append('[').append(t, i + 1, end).append(']');
                    i = end;
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new ExtensionPattern(t, Pattern.compile(re.toString()), false);
    }

    public boolean matches(String extension) {
        return regex.matcher(extension).matches();
    }

    /**
     * Asterisk tries literals before patterns and, among patterns, the more specific first:
     * here, fewer wildcard characters and then a longer pattern.
     */
    int specificity() {
        if (literal) {
            return Integer.MAX_VALUE;
        }
        int wild = 0;
        for (char c : text.toCharArray()) {
            if (c == '.' || c == '!') {
                wild += 100;
            } else if ("XxZzNn[".indexOf(c) >= 0) {
                wild++;
            }
        }
        return 10_000 - wild * 10 + text.length();
    }
}
