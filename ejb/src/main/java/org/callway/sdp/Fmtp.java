package org.callway.sdp;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code a=fmtp:<payload type> <format parameters>} (RFC 8866 §6.15), parameters kept verbatim. */
public record Fmtp(int payloadType, String parameters) {

    static Fmtp parse(String value) {
        String v = value == null ? "" : value.trim();
        int sp = v.indexOf(' ');
        if (sp < 0) {
            throw new IllegalArgumentException("a=fmtp needs <payload type> <parameters>");
        }
        return new Fmtp(Syntax.payloadType(v.substring(0, sp)), v.substring(sp + 1).trim());
    }

    /** {@code key=value} pairs split at ';' (the common RFC 4855 form, e.g. opus's useinbandfec=1). */
    public Map<String, String> parameterMap() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String p : parameters.split(";")) {
            String kv = p.trim();
            if (!kv.isEmpty()) {
                int eq = kv.indexOf('=');
                m.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
            }
        }
        return m;
    }

    /** The attribute to write. */
    public Attribute attribute() {
        return Attribute.of("fmtp", payloadType + " " + parameters);
    }
}
