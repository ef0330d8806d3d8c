package org.callway.sdp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Text to {@link SessionDescription} (RFC 8866 §5, §9). Strict where Callway acts on a line
 * (order of v=/o=/s=, t=, c=, m=, the attributes it reads), lenient elsewhere: LF-only line ends
 * and trailing blank lines are accepted, unknown attributes kept verbatim. Never throws: a fault
 * is an {@link SdpResult.Failed} naming the line.
 */
public final class SdpParser {
    /** Session-level line types allowed between s= and the first m= (RFC 8866 §5). */
    private static final String SESSION_TYPES = "iuepcbtrzka";
    /** Media-level line types (RFC 8866 §5). */
    private static final String MEDIA_TYPES = "icbka";

    private final int maxLines;
    private final int maxLineLength;

    /** Limits generous for any real offer (Chromium with video and simulcast is ~150 lines). */
    public SdpParser() {
        this(1000, 4096);
    }

    /**
     * @param maxLines      more lines than this is a failure
     * @param maxLineLength a longer line is a failure
     */
    public SdpParser(int maxLines, int maxLineLength) {
        this.maxLines = maxLines;
        this.maxLineLength = maxLineLength;
    }

    /**
     * Parses a SIP message body ({@code SipMessage.body()}): SDP text is UTF-8 (RFC 8866 §5,
     * the a=charset default being ISO 10646 in UTF-8); an invalid sequence is a failure.
     */
    public SdpResult parse(byte[] body) {
        try {
            return parse(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString());
        } catch (CharacterCodingException e) {
            return fail(1, "not UTF-8");
        }
    }

    /** Parses an SDP body. */
    public SdpResult parse(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\r?\n", -1)));
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        if (lines.size() > maxLines) {
            return fail(maxLines + 1, "more than " + maxLines + " lines");
        }
        return new Run(lines).parse();
    }

    private static SdpResult.Failed fail(int line, String what) {
        return new SdpResult.Failed("SDP line " + line + ": " + what, line);
    }

    /** One parse: a cursor over the lines. Faults are thrown as {@link Fault} and caught in {@link #parse()}. */
    private final class Run {
        private final List<String> lines;
        private int n;

        Run(List<String> lines) {
            this.lines = lines;
        }

        SdpResult parse() {
            try {
                return new SdpResult.Parsed(description());
            } catch (Fault f) {
                return fail(f.line, f.getMessage());
            }
        }

        private SessionDescription description() {
            if (!next('v').equals("0")) {
                throw new Fault(n, "v= must be 0");
            }
            Origin origin = typed(() -> Origin.parse(next('o')));
            String name = next('s');
            List<Field> fields = new ArrayList<>();
            List<Attribute> attributes = new ArrayList<>();
            level(SESSION_TYPES, fields, attributes, false);
            if (fields.stream().noneMatch(f -> f.type() == 't')) {
                throw new Fault(n + 1, "missing t= line");
            }
            boolean sessionC = fields.stream().anyMatch(f -> f.type() == 'c');
            List<MediaDescription> media = new ArrayList<>();
            while (n < lines.size()) {
                media.add(media(sessionC));
            }
            return new SessionDescription(origin, name, fields, attributes, media);
        }

        private MediaDescription media(boolean sessionC) {
            String value = next('m');
            int mLine = n;
            String[] f = value.trim().split(" +");
            if (f.length < 4) {
                throw new Fault(n, "m= needs <media> <port> <proto> <fmt>...");
            }
            String[] port = f[1].split("/", 2);
            long p = number(port[0], "m= port is not a number");
            if (p > 65535) {
                throw new Fault(n, "m= port " + p + " is out of range");
            }
            long count = port.length > 1 ? number(port[1], "m= number of ports is not a number") : 0;
            boolean rtp = f[2].toUpperCase(java.util.Locale.ROOT).contains("RTP/");
            List<String> formats = List.of(f).subList(3, f.length);
            if (rtp) {
                for (String fmt : formats) {
                    typed(() -> Syntax.payloadType(fmt));
                }
            }
            List<Field> fields = new ArrayList<>();
            List<Attribute> attributes = new ArrayList<>();
            level(MEDIA_TYPES, fields, attributes, rtp);
            if (!sessionC && fields.stream().noneMatch(x -> x.type() == 'c')) {
                throw new Fault(mLine, "m=" + f[0] + " has no c= and there is no session-level c=");
            }
            return new MediaDescription(f[0], (int) p, (int) Math.min(count, 65535), f[2], formats, fields, attributes);
        }

        /** Reads lines of the allowed types up to the next m= (or the end). */
        private void level(String types, List<Field> fields, List<Attribute> attributes, boolean rtp) {
            while (n < lines.size() && peekType() != 'm') {
                char type = peekType();
                String value = next(type);
                if (types.indexOf(type) < 0) {
                    throw new Fault(n, ("vosiuepcbtrzkam".indexOf(type) < 0 ? "unknown line type '" : "misplaced line '")
                            + type + "='");
                }
                if (type == 'a') {
                    Attribute a = Attribute.parse(value);
                    String fault = AttributeCheck.fault(a, rtp);
                    if (fault != null) {
                        throw new Fault(n, fault);
                    }
                    attributes.add(a);
                } else {
                    checkField(type, value);
                    fields.add(new Field(type, value));
                }
            }
        }

        private void checkField(char type, String value) {
            switch (type) {
                case 'c' -> typed(() -> Connection.parse(value));
                case 't' -> {
                    String[] t = value.trim().split(" +");
                    if (t.length != 2) {
                        throw new Fault(n, "t= needs <start time> <stop time>");
                    }
                    number(t[0], "t= start time is not a number");
                    number(t[1], "t= stop time is not a number");
                }
                case 'b' -> {
                    int colon = value.indexOf(':');
                    if (colon <= 0) {
                        throw new Fault(n, "b= needs <bwtype>:<bandwidth>");
                    }
                    number(value.substring(colon + 1).trim(), "b= bandwidth is not a number");
                }
                default -> {
                    // i=, u=, e=, p=, r=, z=, k=: kept verbatim
                }
            }
        }

        private char peekType() {
            String l = lines.get(n);
            return l.length() >= 2 && l.charAt(1) == '=' ? l.charAt(0) : '?';
        }

        /** The value of the next line, which must be of this type. */
        private String next(char type) {
            if (n >= lines.size()) {
                throw new Fault(n + 1, "missing " + type + "= line");
            }
            String l = lines.get(n++);
            if (l.length() > maxLineLength) {
                throw new Fault(n, "line longer than " + maxLineLength + " characters");
            }
            if (l.isEmpty()) {
                throw new Fault(n, "empty line");
            }
            if (l.length() < 2 || l.charAt(1) != '=' || l.charAt(0) < 'a' || l.charAt(0) > 'z') {
                throw new Fault(n, "not a <type>=<value> line");
            }
            if (l.charAt(0) != type) {
                throw new Fault(n, "expected " + type + "= but found " + l.charAt(0) + "=");
            }
            return l.substring(2);
        }

        /** A non-negative decimal (times are NTP seconds, larger than an int). */
        private long number(String s, String message) {
            if (Syntax.isDigits(s, 18)) {
                return Long.parseLong(s);
            }
            throw new Fault(n, message);
        }

        /** Runs a typed parser on the current line, turning its complaint into a fault here. */
        private <T> T typed(java.util.function.Supplier<T> parse) {
            try {
                return parse.get();
            } catch (IllegalArgumentException e) {
                throw new Fault(n, e.getMessage());
            }
        }
    }

    /** A fault found on a line; never leaves this class. */
    private static final class Fault extends RuntimeException {
        final int line;

        Fault(int line, String message) {
            super(message, null, false, false);
            this.line = line;
        }
    }
}
