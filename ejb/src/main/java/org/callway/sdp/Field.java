package org.callway.sdp;

/**
 * A description line other than v=, o=, s=, m= and a=, kept verbatim in its place
 * (i=, u=, e=, p=, c=, b=, t=, r=, z=, k=; RFC 8866 §5). The parser has checked the syntax
 * of the ones Callway reads (c=, b=, t=).
 *
 * @param type  the type letter
 * @param value everything after {@code <type>=}
 */
public record Field(char type, String value) {

    /** The line without its CRLF. */
    public String line() {
        return type + "=" + value;
    }
}
