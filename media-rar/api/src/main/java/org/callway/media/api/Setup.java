package org.callway.media.api;

/** a=setup (RFC 4145 §4, RFC 5763 §5): who opens the DTLS association. */
public enum Setup {
    /** Offer: either; the answerer then picks. */
    ACTPASS,
    /** This side is the DTLS client. */
    ACTIVE,
    /** This side is the DTLS server. */
    PASSIVE;

    /** The SDP token. */
    public String sdp() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Setup fromSdp(String token) {
        return valueOf(token.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
