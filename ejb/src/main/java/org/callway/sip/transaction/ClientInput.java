package org.callway.sip.transaction;

import org.callway.sip.message.SipResponse;

/** What can happen to a client transaction (RFC 3261 §17.1). */
public sealed interface ClientInput {
    /** 1xx from the network. */
    record Provisional(SipResponse response) implements ClientInput {
    }

    /** 2xx from the network. */
    record Success(SipResponse response) implements ClientInput {
    }

    /** 300-699 from the network. */
    record Failure(SipResponse response) implements ClientInput {
    }

    record TimerFired(Timer timer) implements ClientInput {
    }

    /** The transport could not send (RFC 3261 §17.1.4, §8.1.3.1). */
    record TransportError() implements ClientInput {
    }

    static ClientInput of(SipResponse r) {
        return r.provisional() ? new Provisional(r) : r.success() ? new Success(r) : new Failure(r);
    }
}
