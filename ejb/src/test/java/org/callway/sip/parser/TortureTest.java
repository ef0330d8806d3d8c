package org.callway.sip.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.callway.sip.message.SipMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 4475 (SIP torture messages) and RFC 5118 (IPv6) cases as files under
 * {@code sip/torture/{valid,invalid}}. A valid message must parse and pass full header
 * validation, and re-serializing it must parse to the same headers; an invalid one must be
 * rejected (a typed parse failure or a header the validator names) — which is what makes the
 * stack answer 400 (or 505 for the protocol version) instead of acting on it.
 */
class TortureTest {
    private final SipParser parser = new SipParser();

    static Stream<Arguments> cases() throws IOException, URISyntaxException {
        Path root = Path.of(TortureTest.class.getResource("/sip/torture").toURI());
        return Stream.of("valid", "invalid").flatMap(kind -> {
            try (Stream<Path> files = Files.list(root.resolve(kind))) {
                return files.filter(p -> p.toString().endsWith(".sip")).sorted()
                        .map(p -> Arguments.of(kind, p.getFileName().toString(), p)).toList().stream();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("cases")
    void torture(String kind, String name, Path file) throws IOException {
        byte[] raw = Files.readAllBytes(file);
        ParseResult r = parser.parse(raw);
        if (kind.equals("valid")) {
            if (!(r instanceof ParseResult.Parsed p)) {
                fail(name + " should parse: " + r);
                return;
            }
            assertEquals(Optional.empty(), MessageValidator.check(p.message()), name);
            SipMessage again = ((ParseResult.Parsed) parser.parse(p.message().serialize())).message();
            assertEquals(p.message().headers().toString(), again.headers().toString());
            assertEquals(p.message().startLine(), again.startLine());
        } else {
            boolean rejected = r instanceof ParseResult.Failed
                    || (r instanceof ParseResult.Parsed p && MessageValidator.check(p.message()).isPresent());
            assertTrue(rejected, name + " should be rejected, got " + r);
        }
    }

    @org.junit.jupiter.api.Test
    void corpusIsComplete() throws Exception {
        assertEquals(36, cases().filter(a -> a.get()[0].equals("valid")).count(), "RFC 4475 valid + app-level + RFC 5118");
        assertEquals(24, cases().filter(a -> a.get()[0].equals("invalid")).count());
    }
}
