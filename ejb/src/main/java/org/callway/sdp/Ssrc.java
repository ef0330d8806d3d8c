package org.callway.sdp;

/**
 * {@code a=ssrc:<ssrc-id> <attribute>[:<value>]} (RFC 5576 §4.1), e.g. {@code 931003262 cname:zjoSdQ}.
 *
 * @param value null for a property attribute
 */
public record Ssrc(long id, String attribute, String value) {

    static Ssrc parse(String v) {
        String s = v == null ? "" : v.trim();
        int sp = s.indexOf(' ');
        if (sp < 0) {
            throw new IllegalArgumentException("a=ssrc needs <ssrc-id> <attribute>");
        }
        long id;
        try {
            id = Long.parseLong(s.substring(0, sp));
        } catch (NumberFormatException e) {
            id = -1;
        }
        if (id < 0 || id > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("a=ssrc id '" + s.substring(0, sp) + "' is not a 32-bit number");
        }
        Attribute a = Attribute.parse(s.substring(sp + 1).trim());
        return new Ssrc(id, a.name(), a.value());
    }
}
