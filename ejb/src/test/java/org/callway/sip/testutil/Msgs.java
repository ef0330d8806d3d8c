package org.callway.sip.testutil;

import org.callway.sip.message.SipRequest;
import org.callway.sip.message.SipResponse;
import org.callway.sip.parser.ParseResult;
import org.callway.sip.parser.SipParser;

/** Small SIP messages for tests, written the way they appear on the wire. */
public final class Msgs {
    private static final SipParser PARSER = new SipParser();

    private Msgs() {
    }

    public static SipRequest request(String text) {
        ParseResult r = PARSER.parse(Resources.crlf(text));
        return (SipRequest) ((ParseResult.Parsed) r).message();
    }

    public static SipResponse response(String text) {
        ParseResult r = PARSER.parse(Resources.crlf(text));
        return (SipResponse) ((ParseResult.Parsed) r).message();
    }

    public static String req(String method, String branch, String transport, String extra) {
        return """
                %s sip:bob@192.0.2.100 SIP/2.0
                Via: SIP/2.0/%s 198.51.100.9:5060;branch=%s
                Max-Forwards: 70
                From: <sip:alice@example.com>;tag=a1
                To: <sip:bob@example.com>%s
                Call-ID: call-1@198.51.100.9
                CSeq: 1 %s
                Content-Length: 0

                """.formatted(method, transport, branch, extra, method);
    }

    public static byte[] bytes(String method, String branch, String transport) {
        return Resources.crlf(req(method, branch, transport, ""));
    }

    /** A response to the request {@code r} as a peer would send it. */
    public static byte[] answer(SipRequest r, int status, String toTag) {
        SipResponse resp = SipResponse.to(r, status, toTag);
        return resp.serialize();
    }

    /** The text of a response like {@code r} with another status and Contact. */
    public static String answerText(SipResponse r, int status, String reason, String contact) {
        StringBuilder b = new StringBuilder("SIP/2.0 " + status + " " + reason + "\n");
        for (org.callway.sip.message.Header h : r.headers().lines()) {
            if (h.is("Contact")) continue;
            b.append(h.name()).append(": ").append(h.value()).append('\n');
        }
        return b.toString().replace("Content-Length: 0\n", "Contact: " + contact + "\nContent-Length: 0\n") + "\n";
    }
}
