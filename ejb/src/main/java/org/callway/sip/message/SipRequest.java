package org.callway.sip.message;

import java.util.Objects;

/**
 * A SIP request (RFC 3261 §7.1): method, Request-URI, headers, body.
 */
public record SipRequest(String method, Uri uri, Headers headers, byte[] body) implements SipMessage {

    public SipRequest {
        Objects.requireNonNull(method);
        Objects.requireNonNull(uri);
        Objects.requireNonNull(headers);
        if (body == null) body = new byte[0];
    }

    @Override
    public SipRequest withHeaders(Headers h) {
        return new SipRequest(method, uri, h, body);
    }

    public SipRequest withUri(Uri u) {
        return new SipRequest(method, u, headers, body);
    }

    public boolean is(String m) {
        return method.equals(m);
    }

    @Override
    public String startLine() {
        return method + " " + uri + " " + VERSION;
    }

    @Override
    public String toString() {
        return startLine();
    }
}
