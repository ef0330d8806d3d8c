package org.callway.sip.message;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Ordered {@code ;name=value} parameters (RFC 3261 §25.1 generic-param / uri-parameter).
 * Names compare case-insensitively; values are kept as written (quoted strings keep their
 * quotes) so that serializing gives back what was received. A flag parameter has a null value.
 */
public record Params(List<Param> list) {
    /** One parameter; {@code value} is null for a flag such as {@code ;lr} or {@code ;rport}. */
    public record Param(String name, String value) {
        @Override
        public String toString() {
            return value == null ? name : name + "=" + value;
        }
    }

    public static final Params EMPTY = new Params(List.of());

    public Params {
        list = List.copyOf(list);
    }

    public boolean has(String name) {
        for (Param p : list) if (p.name.equalsIgnoreCase(name)) return true;
        return false;
    }

    /** Raw value (quotes kept); empty if absent or a flag. */
    public Optional<String> get(String name) {
        for (Param p : list) if (p.name.equalsIgnoreCase(name)) return Optional.ofNullable(p.value);
        return Optional.empty();
    }

    /** Value with quoted-string quotes and escapes removed. */
    public Optional<String> unquoted(String name) {
        return get(name).map(Syntax::unquote);
    }

    /** A copy with {@code name} set (replaced in place if present, appended otherwise). */
    public Params with(String name, String value) {
        List<Param> out = new ArrayList<>(list.size() + 1);
        boolean done = false;
        for (Param p : list) {
            if (!done && p.name.equalsIgnoreCase(name)) {
                out.add(new Param(p.name, value));
                done = true;
            } else {
                out.add(p);
            }
        }
        if (!done) out.add(new Param(name, value));
        return new Params(out);
    }

    public Params without(String name) {
        List<Param> out = new ArrayList<>(list);
        out.removeIf(p -> p.name.equalsIgnoreCase(name));
        return new Params(out);
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    /**
     * Parses parameters starting at {@code s[i] == ';'} until end or a char in {@code stop}.
     * Values may be tokens, quoted strings or bracketed IPv6 references (RFC 5118 §4.5).
     *
     * @param end receives the index where parsing stopped (length 1 array)
     * @return the parameters, or null if the syntax is broken
     */
    public static Params parse(String s, int i, String stop, int[] end) {
        Param[] out = null;
        int count = 0;
        int n = s.length();
        while (true) {
            i = Syntax.skipWs(s, i);
            if (i >= n || s.charAt(i) != ';') break;
            i = Syntax.skipWs(s, i + 1);
            int ns = i;
            while (i < n && isParamChar(s.charAt(i))) i++;
            if (i == ns) return null; // ";;" or ";=x": an empty name is not a generic-param
            String name = Syntax.sub(s, ns, i);
            String value = null;
            int j = Syntax.skipWs(s, i);
            if (j < n && s.charAt(j) == '=') {
                j = Syntax.skipWs(s, j + 1);
                int vs = j;
                if (j < n && s.charAt(j) == '"') {
                    j = Syntax.quoted(s, j);
                    if (j < 0) return null;
                } else if (j < n && s.charAt(j) == '[') {
                    j = s.indexOf(']', j);
                    if (j < 0) return null;
                    j++;
                } else {
                    while (j < n && isParamChar(s.charAt(j)) ) j++;
                }
                value = s.substring(vs, j);
                i = j;
            }
            if (out == null) out = new Param[4];
            else if (count == out.length) out = java.util.Arrays.copyOf(out, count * 2);
            out[count++] = new Param(name, value);
            if (i < n && stop.indexOf(s.charAt(i)) >= 0) break;
        }
        end[0] = i;
        // immutable lists from List.of pass through the record's List.copyOf without a copy
        return switch (count) {
            case 0 -> EMPTY;
            case 1 -> new Params(List.of(out[0]));
            case 2 -> new Params(List.of(out[0], out[1]));
            default -> new Params(List.of(java.util.Arrays.copyOf(out, count)));
        };
    }

    // token chars plus what uri-parameters allow (RFC 3261 §25.1 paramchar: "[]/:&+$" and escapes)
    private static boolean isParamChar(char c) {
        return Syntax.isToken(c) || c == '[' || c == ']' || c == '/' || c == ':' || c == '&' || c == '$';
    }

    public void appendTo(StringBuilder b) {
        for (Param p : list) {
            b.append(';').append(p.name);
            if (p.value != null) b.append('=').append(p.value);
        }
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        appendTo(b);
        return b.toString();
    }

    public static Params of(String... nameValues) {
        List<Param> out = new ArrayList<>();
        for (int i = 0; i + 1 < nameValues.length; i += 2) out.add(new Param(nameValues[i], nameValues[i + 1]));
        return new Params(Collections.unmodifiableList(out));
    }
}
