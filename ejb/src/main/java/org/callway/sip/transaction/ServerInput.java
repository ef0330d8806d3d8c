package org.callway.sip.transaction;

import org.callway.sip.message.SipRequest;
import org.callway.sip.message.SipResponse;

/** What can happen to a server transaction (RFC 3261 §17.2). */
public sealed interface ServerInput {
    /** The request arrived again (a retransmission matched to this transaction, §17.2.3). */
    record Retransmission(SipRequest request) implements ServerInput {
    }

    /** An ACK matched to this INVITE transaction. */
    record Ack(SipRequest ack) implements ServerInput {
    }

    /** The TU sends a 1xx. */
    record SendProvisional(SipResponse response) implements ServerInput {
    }

    /** The TU sends a 2xx. */
    record SendSuccess(SipResponse response) implements ServerInput {
    }

    /** The TU sends a 300-699. */
    record SendFailure(SipResponse response) implements ServerInput {
    }

    record TimerFired(Timer timer) implements ServerInput {
    }

    record TransportError() implements ServerInput {
    }

    static ServerInput of(SipResponse r) {
        return r.provisional() ? new SendProvisional(r) : r.success() ? new SendSuccess(r) : new SendFailure(r);
    }
}
