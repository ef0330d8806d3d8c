package org.callway.sip.transaction;

import org.callway.sip.message.SipMessage;
import org.callway.sip.message.SipMethods;
import org.callway.sip.message.SipRequest;
import org.callway.sip.message.Via;

/**
 * How messages are matched to transactions.
 *
 * <p>Server side, RFC 3261 §17.2.3: with a magic-cookie branch, the branch, the sent-by of the
 * top Via and the method match — except that ACK matches the INVITE it acknowledges (so its
 * key uses INVITE) while CANCEL is a transaction of its own. Without the cookie (RFC 2543
 * peers), Request-URI, From tag, Call-ID, CSeq, the whole top Via and the method do; the To
 * tag is left out because an ACK carries the tag of our response while the INVITE had none
 * (the caller checks it separately).
 *
 * <p>Client side, §17.1.3: the top Via branch of the response and the CSeq method.
 */
public record TransactionKey(String value) {

    public static TransactionKey server(SipRequest r) {
        Via top = r.topVia().orElseThrow();
        String method = r.is(SipMethods.ACK) ? SipMethods.INVITE : r.method();
        if (top.rfc3261Branch()) {
            return new TransactionKey("s|" + top.branch().get() + "|" + top.sentBy() + "|" + method);
        }
        return new TransactionKey("s2543|" + r.uri() + "|" + r.from().tag().orElse("") + "|" + r.callId() + "|"
                + r.cseq().number() + "|" + method + "|" + top);
    }

    /** The key of the INVITE a CANCEL cancels (§9.2: same matching, method INVITE). */
    public static TransactionKey invitedBy(SipRequest cancel) {
        SipRequest asInvite = new SipRequest(SipMethods.INVITE, cancel.uri(), cancel.headers(), null);
        return server(asInvite);
    }

    public static TransactionKey client(SipMessage m) {
        Via top = m.topVia().orElseThrow();
        return new TransactionKey("c|" + top.branch().orElse("") + "|" + m.cseq().method());
    }
}
