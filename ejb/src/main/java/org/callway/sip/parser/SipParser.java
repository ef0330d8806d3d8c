package org.callway.sip.parser;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.callway.sip.message.CSeq;
import org.callway.sip.message.Header;
import org.callway.sip.message.HeaderNames;
import org.callway.sip.message.Headers;
import org.callway.sip.message.InvalidHeaderException;
import org.callway.sip.message.SipMessage;
import org.callway.sip.message.SipRequest;
import org.callway.sip.message.SipResponse;
import org.callway.sip.message.Syntax;
import org.callway.sip.message.Uri;

/**
 * Parses one complete SIP message from bytes (RFC 3261 §7, grammar in §25). Stateless and
 * thread-safe; stream framing lives in {@link StreamDecoder}.
 *
 * <p>Via, From, To, Call-ID, CSeq and Content-Length are parsed here (eagerly) because every
 * layer above needs them to route and match; every other header is parsed on first use.
 */
public final class SipParser {
    private final ParseLimits limits;

    private static final String DATE = HeaderNames.canonical("Date");

    public SipParser(ParseLimits limits) {
        this.limits = limits;
    }

    public SipParser() {
        this(ParseLimits.DEFAULT);
    }

    public ParseLimits limits() {
        return limits;
    }

    /** One message per datagram (UDP) or WebSocket frame (RFC 7118 §5); Content-Length optional. */
    public ParseResult parse(byte[] data) {
        return parse(data, 0, data.length, false);
    }

    /**
     * Parses {@code data[off, off+len)}.
     *
     * @param stream true when the bytes were framed from a stream: Content-Length is then
     *     mandatory (RFC 3261 §18.3, §20.14)
     */
    public ParseResult parse(byte[] data, int off, int len, boolean stream) {
        final int end = off + len;
        int i = off;
        // RFC 3261 §7.5: CRLFs before the start line are ignored
        while (i < end && (data[i] == '\r' || data[i] == '\n')) i++;
        if (i == end) return new ParseResult.KeepAlive(false);
        if (end - i > limits.maxMessageSize()) {
            return fail(Fault.MESSAGE_TOO_LARGE, "Message Too Large", i, null, null);
        }

        // ---- start line
        int lf = lineEnd(data, i, end);
        if (lf < 0) return fail(Fault.INCOMPLETE, "Incomplete Message", end, null, null);
        int lineLen = trimCr(data, i, lf) - i;
        if (lineLen > limits.maxLineLength()) return fail(Fault.LINE_TOO_LONG, "Line Too Long", i, null, null);
        String start = new String(data, i, lineLen, StandardCharsets.UTF_8);
        int startOffset = i;
        i = lf + 1;
        StartLine sl = startLine(start);
        if (sl instanceof BadStart bad && bad.method == null) return fail(bad.fault, bad.reason, startOffset, null, null);

        // ---- header lines, unfolding continuation lines (RFC 3261 §7.3.1)
        List<Header> lines = new ArrayList<>(16);
        String method = sl instanceof RequestLine r ? r.method : null;
        String pendingName = null;
        String pendingCanonical = null;
        StringBuilder pendingValue = null;
        String simpleValue = null;
        int bodyStart = -1;
        while (i < end) {
            lf = lineEnd(data, i, end);
            int lineStop = lf < 0 ? end : trimCr(data, i, lf);
            if (lineStop - i > limits.maxLineLength()) {
                return fail(Fault.LINE_TOO_LONG, "Line Too Long", i, method, new Headers(lines));
            }
            if (lineStop == i) { // empty line: end of headers
                bodyStart = lf < 0 ? end : lf + 1;
                break;
            }
            byte first = data[i];
            if (first == ' ' || first == '\t') {
                if (pendingName == null) return fail(Fault.BAD_HEADER_LINE, "Bad Header Line", i, method, new Headers(lines));
                if (pendingValue == null) pendingValue = new StringBuilder(simpleValue);
                String cont = new String(data, i, lineStop - i, StandardCharsets.UTF_8).strip();
                if (!cont.isEmpty()) {
                    if (pendingValue.length() > 0) pendingValue.append(' ');
                    pendingValue.append(cont);
                }
            } else {
                if (pendingName != null) {
                    lines.add(header(pendingName, pendingCanonical, pendingValue != null ? pendingValue.toString() : simpleValue));
                    if (lines.size() > limits.maxHeaders()) {
                        return fail(Fault.TOO_MANY_HEADERS, "Too Many Headers", i, method, new Headers(lines));
                    }
                }
                int n = i;
                while (n < lineStop && isTokenByte(data[n])) n++;
                if (n == i) return fail(Fault.BAD_HEADER_LINE, "Bad Header Line", i, method, new Headers(lines));
                int c = n;
                while (c < lineStop && (data[c] == ' ' || data[c] == '\t')) c++;
                if (c >= lineStop || data[c] != ':') {
                    return fail(Fault.BAD_HEADER_LINE, "Bad Header Line", i, method, new Headers(lines));
                }
                int known = HeaderNames.spelledIndex(data, i, n - i);
                pendingName = known >= 0 ? HeaderNames.spelledName(data, i, n - i, known)
                        : new String(data, i, n - i, StandardCharsets.ISO_8859_1);
                pendingCanonical = known >= 0 ? HeaderNames.spelledCanonicalAt(data, i, n - i, known) : null;
                int v = c + 1;
                while (v < lineStop && (data[v] == ' ' || data[v] == '\t')) v++;
                int ve = lineStop;
                while (ve > v && (data[ve - 1] == ' ' || data[ve - 1] == '\t')) ve--;
                simpleValue = new String(data, v, ve - v, StandardCharsets.UTF_8);
                pendingValue = null;
            }
            if (lf < 0) {
                i = end;
                break;
            }
            i = lf + 1;
        }
        if (pendingName != null) {
            lines.add(header(pendingName, pendingCanonical, pendingValue != null ? pendingValue.toString() : simpleValue));
            if (lines.size() > limits.maxHeaders()) {
                return fail(Fault.TOO_MANY_HEADERS, "Too Many Headers", i, method, new Headers(lines));
            }
        }
        Headers headers = new Headers(lines);
        if (sl instanceof BadStart bad) {
            // a request line we could not accept: still read the headers so it can be answered
            return fail(bad.fault, bad.reason, startOffset, bad.method, headers);
        }
        if (bodyStart < 0) {
            // no empty line: acceptable for a datagram ending right after the headers
            if (stream) return fail(Fault.INCOMPLETE, "Incomplete Message", end, method, headers);
            bodyStart = end;
        }

        // ---- eager headers (RFC 3261 §8.1.1: To, From, CSeq, Call-ID, Max-Forwards, Via)
        Rejection bad = validate(sl, headers, method, bodyStart);
        if (bad != null) return bad.result();

        // ---- body (RFC 3261 §18.3)
        int available = end - bodyStart;
        int bodyLen;
        Optional<Long> cl = headers.contentLength();
        if (cl.isPresent()) {
            if (cl.get() > available) {
                return fail(Fault.BODY_TRUNCATED, "Content-Length Exceeds Body", bodyStart, method, headers);
            }
            bodyLen = cl.get().intValue(); // extra bytes after the body are discarded (§18.3)
        } else if (stream) {
            return fail(Fault.MISSING_HEADER, "Missing Content-Length", bodyStart, method, headers);
        } else {
            bodyLen = available;
        }
        byte[] body = new byte[bodyLen];
        System.arraycopy(data, bodyStart, body, 0, bodyLen);

        SipMessage msg = sl instanceof RequestLine r
                ? new SipRequest(r.method, r.uri, headers, body)
                : new SipResponse(((StatusLine) sl).status, ((StatusLine) sl).reason, headers, body);
        return new ParseResult.Parsed(msg);
    }

    private static Header header(String name, String canonical, String value) {
        return canonical != null ? new Header(name, canonical, value) : new Header(name, value);
    }

    private record Rejection(ParseResult result) {
    }

    private static Rejection validate(StartLine sl, Headers h, String method, int offset) {
        try {
            if (h.vias().isEmpty()) return missing(HeaderNames.VIA, method, h, offset);
            if (h.from().isEmpty()) return missing(HeaderNames.FROM, method, h, offset);
            if (h.to().isEmpty()) return missing(HeaderNames.TO, method, h, offset);
            if (h.callId().isEmpty()) return missing(HeaderNames.CALL_ID, method, h, offset);
            Optional<CSeq> cseq = h.cseq();
            if (cseq.isEmpty()) return missing(HeaderNames.CSEQ, method, h, offset);
            h.contentLength();
            // RFC 3261 §7.3.1: these may appear only once (RFC 4475 §3.3.8 multi01, §3.3.9 mcl01);
            // counted in one pass over the lines
            int from = 0, to = 0, callId = 0, cseqs = 0, cl = 0;
            String date = null;
            List<Header> ls = h.lines();
            for (int k = 0; k < ls.size(); k++) { // RandomAccess: no iterator per parse
                Header line = ls.get(k);
                String c = line.canonical();
                if (c == HeaderNames.FROM) from++;
                else if (c == HeaderNames.TO) to++;
                else if (c == HeaderNames.CALL_ID) callId++;
                else if (c == HeaderNames.CSEQ) cseqs++;
                else if (c == HeaderNames.CONTENT_LENGTH) cl++;
                else if (c == DATE) date = line.value();
            }
            String multiple = from > 1 ? HeaderNames.FROM : to > 1 ? HeaderNames.TO : callId > 1 ? HeaderNames.CALL_ID
                    : cseqs > 1 ? HeaderNames.CSEQ : cl > 1 ? HeaderNames.CONTENT_LENGTH : null;
            if (multiple != null) {
                return new Rejection(fail(Fault.INVALID_HEADER, "Multiple " + multiple, offset, method, h));
            }
            if (sl instanceof RequestLine r && !cseq.get().method().equals(r.method)) {
                // RFC 3261 §8.1.1.5: the CSeq method MUST match the request method
                return new Rejection(fail(Fault.CSEQ_METHOD_MISMATCH, "CSeq Method Mismatch", offset, method, h));
            }
            // RFC 3261 §20.17: SIP-date is rfc1123-date, always in GMT (RFC 4475 §3.1.2.12)
            if (date != null && !date.endsWith(" GMT")) {
                return new Rejection(fail(Fault.INVALID_HEADER, "Invalid Date", offset, method, h));
            }
            return null;
        } catch (InvalidHeaderException e) {
            return new Rejection(fail(Fault.INVALID_HEADER, "Invalid " + e.header(), offset, method, h));
        }
    }

    private static Rejection missing(String name, String method, Headers h, int offset) {
        return new Rejection(fail(Fault.MISSING_HEADER, "Missing " + name, offset, method, h));
    }

    private static ParseResult fail(Fault f, String reason, int offset, String method, Headers h) {
        return new ParseResult.Failed(f, reason, offset, method, h);
    }

    // ---- start line (RFC 3261 §7.1, §7.2): elements separated by exactly one SP

    private sealed interface StartLine permits RequestLine, StatusLine, BadStart {
    }

    private record RequestLine(String method, Uri uri) implements StartLine {
    }

    private record StatusLine(int status, String reason) implements StartLine {
    }

    private record BadStart(Fault fault, String reason, String method) implements StartLine {
    }

    private static StartLine startLine(String s) {
        if (s.regionMatches(true, 0, "SIP/", 0, 4)) {
            // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase
            int sp1 = s.indexOf(' ');
            if (sp1 < 0 || !s.substring(0, sp1).equalsIgnoreCase(SipMessage.VERSION)) {
                return new BadStart(Fault.VERSION_NOT_SUPPORTED, "Version Not Supported", null);
            }
            if (s.length() < sp1 + 4) return new BadStart(Fault.BAD_START_LINE, "Bad Status Line", null);
            long code = Syntax.digits(s.substring(sp1 + 1, sp1 + 4), 699);
            if (code < 100) return new BadStart(Fault.BAD_START_LINE, "Bad Status Code", null);
            String reason = "";
            if (s.length() > sp1 + 4) {
                if (s.charAt(sp1 + 4) != ' ') return new BadStart(Fault.BAD_START_LINE, "Bad Status Line", null);
                reason = s.substring(sp1 + 5);
            }
            return new StatusLine((int) code, reason);
        }
        int sp1 = s.indexOf(' ');
        if (sp1 <= 0) return new BadStart(Fault.BAD_START_LINE, "Bad Request Line", null);
        String method = Syntax.sub(s, 0, sp1);
        if (!Syntax.isToken(method)) return new BadStart(Fault.BAD_START_LINE, "Bad Request Line", null);
        int sp2 = s.indexOf(' ', sp1 + 1);
        if (sp2 < 0 || sp2 == sp1 + 1 || s.indexOf(' ', sp2 + 1) >= 0) {
            // LWS inside the Request-URI or extra SP between elements (RFC 4475 §3.1.2.11-12, §3.1.2.14)
            return new BadStart(Fault.BAD_START_LINE, "Bad Request Line", method);
        }
        String version = s.substring(sp2 + 1);
        if (!version.equalsIgnoreCase(SipMessage.VERSION)) {
            if (version.regionMatches(true, 0, "SIP/", 0, 4)) {
                return new BadStart(Fault.VERSION_NOT_SUPPORTED, "Version Not Supported", method);
            }
            return new BadStart(Fault.BAD_START_LINE, "Bad Request Line", method);
        }
        Optional<Uri> uri = Uri.parse(s.substring(sp1 + 1, sp2));
        if (uri.isEmpty() || (uri.get() instanceof org.callway.sip.message.SipUri su && su.headers() != null)) {
            // RFC 3261 §19.1.1 (table 1): headers are not allowed in a Request-URI (RFC 4475 §3.1.2.11)
            return new BadStart(Fault.BAD_REQUEST_URI, "Malformed Request-URI", method);
        }
        return new RequestLine(method, uri.get());
    }

    // ---- byte helpers

    private static int lineEnd(byte[] d, int from, int end) {
        for (int k = from; k < end; k++) if (d[k] == '\n') return k;
        return -1;
    }

    private static int trimCr(byte[] d, int from, int lf) {
        return lf > from && d[lf - 1] == '\r' ? lf - 1 : lf;
    }

    private static boolean isTokenByte(byte b) {
        return b > 0 && Syntax.isToken((char) b);
    }
}
