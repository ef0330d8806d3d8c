package org.callway.sip.transaction;

import org.callway.sip.message.SipRequest;
import org.callway.sip.transport.Flow;

/** A client transaction (RFC 3261 §17.1) as its user sees it. */
public sealed interface ClientTransaction permits InviteClientTransaction, NonInviteClientTransaction {
    TransactionKey key();

    SipRequest request();

    Flow flow();

    boolean terminated();
}
