package org.callway.sip.message;

/**
 * A header value that does not match its RFC 3261 §25 grammar. Thrown only by the lazy
 * typed accessors of {@link Headers}; the UA core turns it into {@code 400 Invalid <Header>}
 * (RFC 3261 §8.2), so it never crosses a layer boundary as a stack trace.
 */
public final class InvalidHeaderException extends RuntimeException {
    private final String header;

    public InvalidHeaderException(String header, String detail) {
        super(header + ": " + detail, null, false, false);
        this.header = header;
    }

    /** Canonical name of the offending header, e.g. {@code Contact}. */
    public String header() {
        return header;
    }
}
