package org.callway.sdp;

/**
 * One {@code a=} line (RFC 8866 §5.13): a property attribute ({@code a=rtcp-mux}, value null)
 * or a value attribute ({@code a=mid:0}). The value is kept verbatim (including a leading space
 * as in Chromium's {@code a=msid-semantic: WMS}) so that serializing gives back the input.
 *
 * @param name  the attribute name, as written
 * @param value the text after the first colon, or null for a property attribute
 */
public record Attribute(String name, String value) {

    /** A property attribute such as {@code rtcp-mux}. */
    public static Attribute of(String name) {
        return new Attribute(name, null);
    }

    /** A value attribute such as {@code mid:0}. */
    public static Attribute of(String name, String value) {
        return new Attribute(name, value);
    }

    /** Splits the text after {@code a=} at the first colon. */
    static Attribute parse(String text) {
        int colon = text.indexOf(':');
        return colon < 0 ? new Attribute(text, null) : new Attribute(text.substring(0, colon), text.substring(colon + 1));
    }

    /** The line without its CRLF. */
    public String line() {
        return value == null ? "a=" + name : "a=" + name + ":" + value;
    }
}
