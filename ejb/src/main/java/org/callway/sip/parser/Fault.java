package org.callway.sip.parser;

/**
 * Why a message was rejected, with the status code an answerable request gets
 * (RFC 3261 §8.2, §18.3, §21.5.14, §21.5.21).
 */
public enum Fault {
    MESSAGE_TOO_LARGE(513),
    TOO_MANY_HEADERS(400),
    LINE_TOO_LONG(400),
    BAD_START_LINE(400),
    VERSION_NOT_SUPPORTED(505),
    BAD_HEADER_LINE(400),
    MISSING_HEADER(400),
    INVALID_HEADER(400),
    BAD_REQUEST_URI(400),
    CSEQ_METHOD_MISMATCH(400),
    BODY_TRUNCATED(400),
    INCOMPLETE(400);

    private final int status;

    Fault(int status) {
        this.status = status;
    }

    /** The response code for an answerable request that failed this way. */
    public int status() {
        return status;
    }
}
