package org.callway.sip.message;

import java.util.Objects;

/**
 * A SIP response (RFC 3261 §7.2): status code, reason phrase, headers, body.
 */
public record SipResponse(int status, String reason, Headers headers, byte[] body) implements SipMessage {

    public SipResponse {
        Objects.requireNonNull(reason);
        Objects.requireNonNull(headers);
        if (body == null) body = new byte[0];
    }

    @Override
    public SipResponse withHeaders(Headers h) {
        return new SipResponse(status, reason, h, body);
    }

    public boolean provisional() {
        return status < 200;
    }

    public boolean success() {
        return status >= 200 && status < 300;
    }

    /** 300-699. */
    public boolean failure() {
        return status >= 300;
    }

    @Override
    public String startLine() {
        return VERSION + " " + status + " " + reason;
    }

    /**
     * Builds a response to {@code request} per RFC 3261 §8.2.6.2: Via, From, Call-ID, CSeq copied,
     * To copied with {@code toTag} added when it has none (not for 100, §8.2.6.1), Timestamp
     * echoed on 100 (§8.2.6.1), Content-Length 0. Headers that are missing or unparsable in
     * the request are simply not copied, so a 400 can still be built for a broken request.
     */
    public static SipResponse to(SipRequest request, int status, String reason, String toTag) {
        return to(request.headers(), status, reason, toTag);
    }

    /** As {@link #to(SipRequest, int, String, String)}, from the request's header lines only. */
    public static SipResponse to(Headers in, int status, String reason, String toTag) {
        java.util.List<Header> out = new java.util.ArrayList<>(8);
        for (Header h : in.lines()) {
            String c = h.canonical();
            if (c.equals(HeaderNames.VIA) || c.equals(HeaderNames.FROM) || c.equals(HeaderNames.CALL_ID)
                    || c.equals(HeaderNames.CSEQ) || (status == 100 && c.equals(HeaderNames.TIMESTAMP))) {
                out.add(new Header(c, h.value()));
            } else if (c.equals(HeaderNames.TO)) {
                String to = h.value();
                if (status > 100 && toTag != null) {
                    try {
                        Address a = in.to().orElse(null);
                        if (a != null && a.tag().isEmpty()) to = a.withTag(toTag).toString();
                    } catch (InvalidHeaderException e) {
                        // keep the To as received: the 400 we are building is about this
                    }
                }
                out.add(new Header(c, to));
            }
        }
        out.add(new Header(HeaderNames.CONTENT_LENGTH, "0"));
        return new SipResponse(status, reason, new Headers(out), new byte[0]);
    }

    /** Same as {@link #to(SipRequest, int, String, String)} with the standard reason phrase. */
    public static SipResponse to(SipRequest request, int status, String toTag) {
        return to(request, status, StatusCodes.reason(status), toTag);
    }

    /** A copy with a body and matching Content-Type / Content-Length. */
    public SipResponse withBody(String contentType, byte[] b) {
        Headers h = headers.set(HeaderNames.CONTENT_TYPE, contentType).set(HeaderNames.CONTENT_LENGTH, String.valueOf(b.length));
        return new SipResponse(status, reason, h, b);
    }

    @Override
    public String toString() {
        return startLine();
    }
}
