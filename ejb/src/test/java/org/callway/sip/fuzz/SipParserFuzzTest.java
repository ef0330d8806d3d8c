package org.callway.sip.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.callway.sip.message.InvalidHeaderException;
import org.callway.sip.message.SipMessage;
import org.callway.sip.parser.MessageValidator;
import org.callway.sip.parser.ParseLimits;
import org.callway.sip.parser.ParseResult;
import org.callway.sip.parser.SipParser;
import org.callway.sip.parser.StreamDecoder;

/**
 * Jazzer fuzz test of the parser: whatever the bytes, the outcome is a parsed message, a typed
 * failure or a keep-alive — never an exception — and a parsed message re-serializes to bytes
 * that parse again to the same headers.
 *
 * <p>Plain {@code mvn test} replays the seeds in {@code SipParserFuzzTestInputs/parse}; the
 * {@code fuzz-short} failsafe execution in {@code mvn verify} fuzzes for 10 seconds
 * ({@code JAZZER_FUZZ=1}). The long run is {@link SipParserLongFuzz}.
 */
class SipParserFuzzTest {
    static final SipParser PARSER = new SipParser(new ParseLimits(16_384, 64, 4_096));

    @FuzzTest(maxDuration = "10s")
    void parse(byte[] input) {
        check(input);
    }

    static void check(byte[] input) {
        ParseResult r = PARSER.parse(input);
        if (r instanceof ParseResult.Parsed p) {
            SipMessage m = p.message();
            MessageValidator.check(m); // must not throw: it returns the 400 reason instead
            touchLazyHeaders(m);
            ParseResult again = PARSER.parse(m.serialize());
            if (!(again instanceof ParseResult.Parsed p2)) {
                throw new AssertionError("re-serialized message does not parse: " + again);
            }
            if (!p2.message().headers().toString().equals(m.headers().toString())
                    || !p2.message().startLine().equals(m.startLine())) {
                throw new AssertionError("round trip changed the message");
            }
        } else if (!(r instanceof ParseResult.Failed || r instanceof ParseResult.KeepAlive)) {
            throw new AssertionError("unexpected result " + r);
        }
        // the same bytes as a TCP stream, split in two
        StreamDecoder d = new StreamDecoder(PARSER);
        int half = input.length / 2;
        List<ParseResult> out = d.feed(input, 0, half);
        out = d.feed(input, half, input.length - half);
        for (ParseResult x : out) {
            if (x == null) throw new AssertionError("null result");
        }
    }

    private static void touchLazyHeaders(SipMessage m) {
        try {
            m.headers().contacts();
            m.headers().routes();
            m.headers().maxForwards();
            m.headers().expires();
            m.headers().auth("Authorization");
            m.headers().tokens("Require");
        } catch (InvalidHeaderException expected) {
            // the typed failure for a malformed lazily parsed header
        }
    }
}
