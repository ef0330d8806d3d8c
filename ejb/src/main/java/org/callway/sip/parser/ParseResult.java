package org.callway.sip.parser;

import java.util.Optional;
import org.callway.sip.message.Headers;
import org.callway.sip.message.SipMessage;

/**
 * The outcome of parsing one message. A closed set, so callers switch over it exhaustively.
 */
public sealed interface ParseResult {

    /** A well-formed message whose Via, From, To, Call-ID, CSeq and Content-Length parsed. */
    record Parsed(SipMessage message) implements ParseResult {
    }

    /**
     * Malformed input or a limit exceeded.
     *
     * @param reason the reason phrase for the answer, naming the fault (e.g. {@code Missing Call-ID})
     * @param offset byte offset into the input where the fault was found
     * @param method the request method if the start line was a request line, else null
     * @param headers the header lines read before the fault (possibly incomplete), or null
     */
    record Failed(Fault fault, String reason, int offset, String method, Headers headers) implements ParseResult {

        /** Present when the input was a request whose header lines could be read (to answer it, §8.2). */
        public Optional<Headers> requestHeaders() {
            return method != null && headers != null ? Optional.of(headers) : Optional.empty();
        }
    }

    /**
     * Only CRLFs (RFC 3261 §7.5 allows them before a start line; RFC 5626 §4.4.1 uses them as
     * keep-alives). {@code ping} is a double CRLF on a stream, which the receiver answers with
     * a single CRLF "pong".
     */
    record KeepAlive(boolean ping) implements ParseResult {
    }
}
