package org.callway.peer;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The digest realm (RFC 3261 §22.1) Callway challenges with and stores HA1 values for;
 * Asterisk's {@code realm=} in sip.conf. Property {@code callway.sip.realm} or
 * {@code CALLWAY_SIP_REALM}; default {@code callway}.
 */
@ApplicationScoped
public class Realm {

    private final String name;

    public Realm() {
        String configured = System.getProperty("callway.sip.realm", System.getenv("CALLWAY_SIP_REALM"));
        this.name = configured == null || configured.isBlank() ? "callway" : configured;
    }

    public String name() {
        return name;
    }
}
