package org.callway.sip.message;

/** A URI of a scheme this stack does not interpret (RFC 3261 §25.1 absoluteURI), kept opaque. */
public record AbsoluteUri(String scheme, String opaque) implements Uri {
    @Override
    public String toString() {
        return scheme + ":" + opaque;
    }
}
