package org.callway.sip.dialog;

import java.util.Optional;
import org.callway.sip.message.SipRequest;
import org.callway.sip.message.SipResponse;
import org.callway.sip.transaction.ServerTransaction;
import org.callway.sip.transport.Flow;

/** The layer above dialogs (the UA core). */
public interface DialogUser {
    /**
     * A request to answer: out of dialog ({@code dialog} empty, no To tag) or within a dialog that
     * exists and accepted it (§12.2.2). Requests for unknown dialogs were already answered 481.
     */
    void onRequest(ServerTransaction tx, SipRequest request, Optional<Dialog> dialog);

    /** An ACK for a 2xx (§13.3.1.4), with its dialog when known. */
    void onAck(SipRequest ack, Flow flow, Optional<Dialog> dialog);

    default void onStrayResponse(SipResponse response, Flow flow) {
    }

    default void onAckTimeout(ServerTransaction tx) {
    }
}
