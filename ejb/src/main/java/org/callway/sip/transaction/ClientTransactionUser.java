package org.callway.sip.transaction;

import org.callway.sip.message.SipResponse;

/** Who sent a request through a client transaction, and hears how it went. */
public interface ClientTransactionUser {
    /** Every response the transaction passes up (1xx, the first and any further 2xx, the first non-2xx). */
    void onResponse(ClientTransaction tx, SipResponse response);

    /** Timer B or F fired: no final response (RFC 3261 §17.1.1.2, §17.1.2.2; the TU acts as on a 408). */
    default void onTimeout(ClientTransaction tx) {
    }

    default void onTransportError(ClientTransaction tx) {
    }
}
