package org.callway.sip.ua;

import java.util.List;
import java.util.Set;

/**
 * What the UA core advertises and accepts.
 *
 * @param supported option tags we support (RFC 3261 §19.2): Supported in OPTIONS, checked against Require
 * @param accept body types for Accept in OPTIONS (§11.2)
 * @param server the Server header value, or null for none
 * @param localMethods methods Callway consumes itself rather than forwarding: a Max-Forwards of 0
 *     does not stop them (RFC 4475 §3.3.11: an endpoint processes such a request normally)
 */
public record UaSettings(Set<String> supported, List<String> accept, String server, Set<String> localMethods) {

    public static final UaSettings DEFAULT = new UaSettings(Set.of("path", "outbound", "gruu", "replaces"),
            List.of("application/sdp"), "Callway", Set.of("OPTIONS", "REGISTER"));
}
