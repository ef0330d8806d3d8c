package org.callway.registrar;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Optional;
import org.callway.config.Transport;
import org.callway.sip.transport.Flow;

/**
 * One contact bound to an address-of-record (RFC 3261 §10.3), with what it takes to reach it:
 * the flow it registered over (RFC 5626 §5.2: for WebSocket the only way back) and the source
 * address seen (Asterisk's {@code nat=force_rport}).
 *
 * @param instance RFC 5626 {@code +sip.instance}, if given
 * @param regId RFC 5626 {@code reg-id}, if given (0 means none)
 * @param flow the flow itself, to send requests to the contact over (RFC 5626 §5.3)
 */
public record Binding(
        String aor,
        String contact,
        Optional<String> instance,
        int regId,
        String callId,
        long cseq,
        Instant expires,
        double q,
        Transport transport,
        InetSocketAddress source,
        String flowId,
        String userAgent,
        Flow flow) {

    /** RFC 5626 §6: bindings with the same instance and reg-id replace each other. */
    boolean sameOutboundKey(Binding other) {
        return regId > 0 && instance.isPresent() && other.regId == regId && other.instance.equals(instance);
    }

    long secondsLeft(Instant now) {
        return Math.max(0, expires.getEpochSecond() - now.getEpochSecond());
    }
}
