package org.callway.sip.parser;

import java.util.Optional;
import org.callway.sip.message.HeaderNames;
import org.callway.sip.message.Headers;
import org.callway.sip.message.InvalidHeaderException;
import org.callway.sip.message.SipMessage;

/**
 * Full validation of the headers the parser leaves for lazy parsing (Contact, Route,
 * Record-Route, Path, Max-Forwards, Expires, option tags, credentials). The UA core runs it on
 * a new request before handing it to a handler, so a malformed header is answered with
 * {@code 400 Invalid <Header>} (RFC 3261 §8.2) rather than failing inside the handler.
 */
public final class MessageValidator {
    private MessageValidator() {
    }

    /** The reason phrase for a 400 if a known header is malformed, else empty. */
    public static Optional<String> check(SipMessage m) {
        Headers h = m.headers();
        try {
            h.contacts();
            h.routes();
            h.recordRoutes();
            h.paths();
            h.maxForwards();
            h.expires();
            h.minExpires();
            for (String t : new String[] {HeaderNames.SUPPORTED, HeaderNames.REQUIRE, HeaderNames.PROXY_REQUIRE,
                    HeaderNames.UNSUPPORTED, HeaderNames.ALLOW}) {
                h.tokens(t);
            }
            for (String a : new String[] {HeaderNames.AUTHORIZATION, HeaderNames.PROXY_AUTHORIZATION,
                    HeaderNames.WWW_AUTHENTICATE, HeaderNames.PROXY_AUTHENTICATE}) {
                h.auth(a);
            }
            return Optional.empty();
        } catch (InvalidHeaderException e) {
            return Optional.of("Invalid " + e.header());
        }
    }
}
