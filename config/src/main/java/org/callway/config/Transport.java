package org.callway.config;

import java.util.Locale;

/**
 * SIP transports, named as Asterisk's {@code transport=} option and the Via header
 * (RFC 3261 §18, RFC 7118 §5 for WS/WSS) name them.
 */
public enum Transport {
    UDP(false, false), TCP(true, false), TLS(true, true), WS(true, false), WSS(true, true);

    private final boolean reliable;
    private final boolean secure;

    Transport(boolean reliable, boolean secure) {
        this.reliable = reliable;
        this.secure = secure;
    }

    /** Reliable transports get no retransmissions (RFC 3261 §17.1.1.2). */
    public boolean reliable() {
        return reliable;
    }

    public boolean secure() {
        return secure;
    }

    /** Parses Asterisk's spelling ({@code ws}, {@code WSS}, ...). */
    public static Transport parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
