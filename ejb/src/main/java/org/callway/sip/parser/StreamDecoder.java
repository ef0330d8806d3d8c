package org.callway.sip.parser;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Frames SIP messages out of a byte stream (TCP/TLS) by Content-Length (RFC 3261 §18.3):
 * accepts partial messages and several messages per read, and reports RFC 5626 §4.4.1
 * keep-alives (a double CRLF "ping" to be answered by a single CRLF "pong"; a lone CRLF
 * "pong" is swallowed). One decoder per connection; not thread-safe.
 *
 * <p>After a framing failure (no Content-Length, oversized message) the stream cannot be
 * re-synchronised: the decoder stays {@link #broken()} and the connection should be closed.
 */
public final class StreamDecoder {
    private final SipParser parser;
    private byte[] buf = new byte[4096];
    private int len;
    private boolean broken;

    public StreamDecoder(SipParser parser) {
        this.parser = parser;
    }

    public boolean broken() {
        return broken;
    }

    /** Bytes received but not yet part of a complete message. */
    public int buffered() {
        return len;
    }

    /** Appends bytes read from the connection and returns every complete result, in order. */
    public List<ParseResult> feed(byte[] data, int off, int n) {
        List<ParseResult> out = new ArrayList<>(1);
        if (broken) return out;
        ensure(len + n);
        System.arraycopy(data, off, buf, len, n);
        len += n;
        int pos = 0;
        while (pos < len) {
            // keep-alives between messages (RFC 5626 §4.4.1)
            if (buf[pos] == '\r' || buf[pos] == '\n') {
                int k = pos;
                while (k < len && (buf[k] == '\r' || buf[k] == '\n')) k++;
                if (k == len && k - pos < 4) break; // maybe the start of a ping: wait for more
                int crlfs = k - pos;
                out.add(new ParseResult.KeepAlive(crlfs >= 4));
                pos = k;
                continue;
            }
            int headerEnd = headerEnd(pos);
            if (headerEnd < 0) {
                if (len - pos > parser.limits().maxMessageSize()) {
                    out.add(fail(Fault.MESSAGE_TOO_LARGE, "Message Too Large", pos));
                    return out;
                }
                break;
            }
            long cl = contentLength(pos, headerEnd);
            if (cl < 0) {
                // framing needs Content-Length on streams (RFC 3261 §18.3): parse for the typed
                // failure (it may be answerable), then give up on this stream
                out.add(parser.parse(buf, pos, headerEnd - pos, true));
                broken = true;
                return out;
            }
            if (headerEnd - pos + cl > parser.limits().maxMessageSize()) {
                out.add(fail(Fault.MESSAGE_TOO_LARGE, "Message Too Large", pos));
                return out;
            }
            int total = headerEnd - pos + (int) cl;
            if (len - pos < total) break;
            out.add(parser.parse(buf, pos, total, true));
            pos += total;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, len - pos);
            len -= pos;
        }
        return out;
    }

    public List<ParseResult> feed(byte[] data) {
        return feed(data, 0, data.length);
    }

    private ParseResult fail(Fault f, String reason, int offset) {
        broken = true;
        len = 0;
        return new ParseResult.Failed(f, reason, offset, null, null);
    }

    private void ensure(int need) {
        if (need > buf.length) buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
    }

    /** Index just past the CRLFCRLF (or LFLF) ending the header section, or -1. */
    private int headerEnd(int from) {
        for (int k = from; k < len; k++) {
            if (buf[k] != '\n') continue;
            if (k + 1 < len && buf[k + 1] == '\n') return k + 2;
            if (k + 2 < len && buf[k + 1] == '\r' && buf[k + 2] == '\n') return k + 3;
        }
        return -1;
    }

    /**
     * Content-Length (or compact "l") from the header section: -1 if absent, -2 if malformed.
     * Folded Content-Length values are not expected; the full parse validates the rest.
     */
    private long contentLength(int from, int to) {
        int k = from;
        while (k < to) {
            int lineStart = k;
            while (k < to && buf[k] != '\n') k++;
            int lineEnd = k;
            k++;
            int c = lineStart;
            while (c < lineEnd && buf[c] != ':') c++;
            if (c >= lineEnd) continue;
            int ne = c;
            while (ne > lineStart && (buf[ne - 1] == ' ' || buf[ne - 1] == '\t')) ne--;
            if (!nameIs(lineStart, ne, "content-length") && !nameIs(lineStart, ne, "l")) continue;
            long v = 0;
            int digits = 0;
            for (int d = c + 1; d < lineEnd; d++) {
                byte b = buf[d];
                if (b >= '0' && b <= '9') {
                    v = v * 10 + (b - '0');
                    digits++;
                    if (v > Integer.MAX_VALUE) return -2;
                } else if (b != ' ' && b != '\t' && b != '\r') {
                    return -2;
                }
            }
            return digits == 0 ? -2 : v;
        }
        return -1;
    }

    private boolean nameIs(int from, int to, String lower) {
        if (to - from != lower.length()) return false;
        for (int k = 0; k < lower.length(); k++) {
            if (Character.toLowerCase((char) buf[from + k]) != lower.charAt(k)) return false;
        }
        return true;
    }
}
