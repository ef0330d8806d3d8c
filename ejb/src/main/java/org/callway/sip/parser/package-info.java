/**
 * Bytes to {@link org.callway.sip.message.SipMessage}: datagram (UDP, and one message per
 * WebSocket frame, RFC 7118 §5) and stream framing (TCP/TLS by Content-Length, RFC 3261 §18.3,
 * with RFC 5626 §4.4.1 CRLF keep-alives). Failures are values ({@link ParseResult.Failed}), never
 * exceptions.
 */
package org.callway.sip.parser;
