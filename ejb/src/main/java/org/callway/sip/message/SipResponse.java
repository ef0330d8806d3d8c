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
        // Via first and in order (§18.2.2 routes on the top one), then From, To, Call-ID, CSeq
        for (Header h : in.lines()) if (h.is(HeaderNames.VIA)) out.add(new Header(HeaderNames.VIA, h.value()));
        in.first(HeaderNames.FROM).ifPresent(v -> out.add(new Header(HeaderNames.FROM, v)));
        in.first(HeaderNames.TO).ifPresent(v -> out.add(new Header(HeaderNames.TO, toWithTag(in, v, status, toTag))));
        in.first(HeaderNames.CALL_ID).ifPresent(v -> out.add(new Header(HeaderNames.CALL_ID, v)));
        in.first(HeaderNames.CSEQ).ifPresent(v -> out.add(new Header(HeaderNames.CSEQ, v)));
        if (status == 100) in.first(HeaderNames.TIMESTAMP).ifPresent(v -> out.add(new Header(HeaderNames.TIMESTAMP, v)));
        out.add(new Header(HeaderNames.CONTENT_LENGTH, "0"));
        return new SipResponse(status, reason, new Headers(out), new byte[0]);
    }

    private static String toWithTag(Headers in, String to, int status, String toTag) {
        if (status <= 100 || toTag == null) return to;
        try {
            Address a = in.to().orElse(null);
            return a != null && a.tag().isEmpty() ? a.withTag(toTag).toString() : to;
        } catch (InvalidHeaderException e) {
            return to; // keep the To as received: the 400 we are building is about this
        }
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
