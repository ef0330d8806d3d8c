package org.callway.sip.transaction;

import org.callway.sip.message.SipRequest;
import org.callway.sip.message.SipResponse;
import org.callway.sip.transport.Flow;

/** The layer above the transaction layer (the dialog layer): new requests and what matches nothing. */
public interface TransactionUser {
    /** A new request; answer it through {@code tx}. */
    void onRequest(ServerTransaction tx, SipRequest request);

    /**
     * An ACK for a 2xx (it has its own branch, RFC 3261 §17.1.1.3, so it matches no transaction,
     * or it hit an INVITE transaction in RFC 6026's Accepted state): the dialog's business.
     */
    void onAck(SipRequest ack, Flow flow);

    /** A response matching no client transaction, e.g. a 2xx retransmission after Timer M (§13.2.2.4). */
    default void onStrayResponse(SipResponse response, Flow flow) {
    }

    /** A server transaction ended without the ACK its final response asked for (Timer H, §17.2.1). */
    default void onAckTimeout(ServerTransaction tx) {
    }
}
