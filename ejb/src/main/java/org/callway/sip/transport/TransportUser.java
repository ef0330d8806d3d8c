package org.callway.sip.transport;

import org.callway.sip.message.SipRequest;
import org.callway.sip.message.SipResponse;

/** The layer above the transport (the transaction layer): receives every well-formed message. */
public interface TransportUser {
    void onRequest(SipRequest request, Flow flow);

    void onResponse(SipResponse response, Flow flow);
}
