package org.callway.sip.transaction;

import org.callway.sip.message.SipRequest;
import org.callway.sip.message.SipResponse;
import org.callway.sip.transport.Flow;

/** A server transaction (RFC 3261 §17.2) as its user sees it: the request, and a way to answer. */
public sealed interface ServerTransaction permits InviteServerTransaction, NonInviteServerTransaction {
    TransactionKey key();

    SipRequest request();

    Flow flow();

    /** Sends a response through the transaction (which retransmits it as §17.2 requires). */
    void respond(SipResponse response);

    /** Whether a final response has been sent. */
    boolean finalSent();

    boolean terminated();

    /** Runs {@code r} once the transaction terminates (immediately if it already has). */
    void onTerminated(Runnable r);
}
