package org.callway.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.callway.media.api.IceCandidate;
import org.junit.jupiter.api.Test;

/** The sdpfrag of trickle-ice INFO bodies (RFC 8840 §5, RFC 8839 §9): what is taken and what is refused. */
class SdpFragTest {

    private static SdpFrag parsed(String text) {
        return assertInstanceOf(SdpFrag.Result.Parsed.class, SdpFrag.parse(text)).frag();
    }

    private static String failure(String text) {
        return assertInstanceOf(SdpFrag.Result.Failed.class, SdpFrag.parse(text)).reason();
    }

    @Test
    void rfc8840ExampleWithTwoComponentsAndEndOfCandidates() {
        // RFC 8840 §5's example body, CRLF line ends.
        SdpFrag frag = parsed("a=ice-pwd:asd88fgpdd777uzjYhagZg\r\n"
                + "a=ice-ufrag:8hhY\r\n"
                + "m=audio 9 RTP/AVP 0\r\n"
                + "a=mid:1\r\n"
                + "a=candidate:1 1 UDP 2130706431 10.0.1.1 5000 typ host\r\n"
                + "a=candidate:1 2 UDP 2130706431 10.0.1.1 5001 typ host\r\n"
                + "a=end-of-candidates\r\n");
        assertEquals(Optional.of("8hhY"), frag.iceUfrag());
        assertEquals(Optional.of("asd88fgpdd777uzjYhagZg"), frag.icePwd());
        assertFalse(frag.endOfCandidates());
        SdpFrag.Section audio = frag.media().get(0);
        assertEquals("1", audio.mid());
        assertEquals(Optional.of("8hhY"), frag.ufrag(audio));
        assertEquals(List.of(new IceCandidate("1", 1, "UDP", 2130706431L, "10.0.1.1", 5000, "host"),
                new IceCandidate("1", 2, "UDP", 2130706431L, "10.0.1.1", 5001, "host")), audio.candidates());
        assertTrue(audio.endOfCandidates());
    }

    @Test
    void chromiumStyleCandidateWithExtensionsAndLfOnlyAndMediaLevelCredentials() {
        SdpFrag frag = parsed("m=audio 9 UDP/TLS/RTP/SAVPF 111\n"
                + "a=mid:0\n"
                + "a=ice-ufrag:EsAw\n"
                + "a=ice-pwd:bP+XJMM09aR8AiX1jdukzR6Y\n"
                + "a=candidate:842163049 1 udp 1677729535 203.0.113.7 46154 typ srflx raddr 0.0.0.0 rport 0 generation 0"
                + " network-cost 999\n"
                + "m=video 9 UDP/TLS/RTP/SAVPF 96\n"
                + "a=mid:1\n"
                + "a=ice-ufrag:EsAw\n"
                + "a=ice-pwd:bP+XJMM09aR8AiX1jdukzR6Y\n"
                + "a=end-of-candidates\n");
        assertEquals(Optional.empty(), frag.iceUfrag());
        assertEquals(2, frag.media().size());
        assertEquals(Optional.of("EsAw"), frag.ufrag(frag.media().get(0)));
        assertEquals(new IceCandidate("842163049", 1, "udp", 1677729535L, "203.0.113.7", 46154, "srflx"),
                frag.media().get(0).candidates().get(0));
        assertFalse(frag.media().get(0).endOfCandidates());
        assertTrue(frag.media().get(1).candidates().isEmpty());
        assertTrue(frag.media().get(1).endOfCandidates());
    }

    @Test
    void sessionLevelEndOfCandidatesAppliesToTheFragment() {
        SdpFrag frag = parsed("a=ice-ufrag:u1\r\na=ice-pwd:p1\r\na=end-of-candidates\r\nm=audio 9 RTP/AVP 0\r\na=mid:a\r\n");
        assertTrue(frag.endOfCandidates());
        assertTrue(frag.media().get(0).candidates().isEmpty());
    }

    @Test
    void faultsAreNamedWithTheirLine() {
        assertEquals("sdpfrag line 4: a=candidate needs <foundation> <component> <transport> <priority> <address> <port>"
                + " typ <type> (RFC 8839 §5.1)",
                failure("a=ice-ufrag:u\r\na=ice-pwd:p\r\nm=audio 9 RTP/AVP 0\r\na=candidate:1 1 udp x 10.0.0.1 9 typ host\r\n"
                        + "a=mid:0\r\n"));
        assertEquals("sdpfrag line 3: m= section without a=mid (RFC 8840 §5)",
                failure("a=ice-ufrag:u\r\na=ice-pwd:p\r\nm=audio 9 RTP/AVP 0\r\na=candidate:1 1 udp 1 10.0.0.1 9 typ host\r\n"));
        assertTrue(failure("a=ice-ufrag:u\r\na=ice-pwd:p\r\na=candidate:1 1 udp 1 10.0.0.1 9 typ host\r\n")
                .startsWith("sdpfrag line 3: a=candidate before any m= line"));
        assertEquals("sdpfrag line 1: no a=ice-ufrag for mid 0: the ICE generation is unknown (RFC 8840 §5)",
                failure("m=audio 9 RTP/AVP 0\r\na=mid:0\r\na=ice-pwd:p\r\n"));
        assertEquals("sdpfrag line 3: no a=ice-pwd for mid 0 (RFC 8840 §5)",
                failure("a=ice-ufrag:u\r\n\r\nm=audio 9 RTP/AVP 0\r\na=mid:0\r\n"));
        assertTrue(failure("a=ice-ufrag:u\r\na=ice-pwd:p\r\n").startsWith("sdpfrag line 2: no m= section"));
        assertEquals("sdpfrag line 1: not a <type>=<value> line", failure("hello world\r\n"));
        assertEquals("sdpfrag line 1: m= needs <media> <port> <proto> <fmt> (RFC 8866 §5.14)", failure("m=audio 9\r\n"));
        assertEquals("sdpfrag line 1: a=ice-ufrag needs one value (RFC 8839 §5.4)", failure("a=ice-ufrag:\r\n"));
        assertTrue(failure("").startsWith("empty sdpfrag"));
        assertTrue(failure("a=x\r\n".repeat(SdpFrag.MAX_LINES + 1)).startsWith("sdpfrag line 501: more than 500 lines"));
        assertTrue(failure("a=" + "x".repeat(SdpFrag.MAX_LINE_LENGTH)).startsWith("sdpfrag line 1: longer than"));
    }
}
