package org.callway.sip.message;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A SIP request or response (RFC 3261 §7). Immutable; the body is the raw bytes after the
 * empty line, sized by Content-Length.
 */
public sealed interface SipMessage permits SipRequest, SipResponse {

    String VERSION = "SIP/2.0";

    Headers headers();

    byte[] body();

    SipMessage withHeaders(Headers headers);

    /** The start line without CRLF. */
    String startLine();

    default Optional<Via> topVia() {
        return headers().topVia();
    }

    default List<Via> vias() {
        return headers().vias();
    }

    default Address from() {
        return headers().from().orElseThrow(() -> new InvalidHeaderException(HeaderNames.FROM, "missing"));
    }

    default Address to() {
        return headers().to().orElseThrow(() -> new InvalidHeaderException(HeaderNames.TO, "missing"));
    }

    default String callId() {
        return headers().callId().orElseThrow(() -> new InvalidHeaderException(HeaderNames.CALL_ID, "missing"));
    }

    default CSeq cseq() {
        return headers().cseq().orElseThrow(() -> new InvalidHeaderException(HeaderNames.CSEQ, "missing"));
    }

    /** The wire form (RFC 3261 §7): start line, header lines, empty line, body. */
    default byte[] serialize() {
        StringBuilder b = new StringBuilder(256 + headers().lines().size() * 40);
        b.append(startLine()).append("\r\n");
        headers().appendTo(b);
        b.append("\r\n");
        byte[] head = b.toString().getBytes(StandardCharsets.UTF_8);
        byte[] body = body();
        if (body.length == 0) return head;
        byte[] out = new byte[head.length + body.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(body, 0, out, head.length, body.length);
        return out;
    }
}
