package org.callway.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed offers of the kinds real peers and fuzzers send: each gives a {@link SdpResult.Failed}
 * whose reason — what the 400 response carries — names the line and the fault.
 */
class MalformedSdpTest {
    private static final String V = "v=0";
    private static final String O = "o=- 1 1 IN IP4 203.0.113.5";
    private static final String S = "s=-";
    private static final String C = "c=IN IP4 203.0.113.5";
    private static final String T = "t=0 0";

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("missing v=", Fixtures.sdp(O, S, C, T), "SDP line 1: expected v= but found o="),
                Arguments.of("v=1", Fixtures.sdp("v=1", O, S, C, T), "SDP line 1: v= must be 0"),
                Arguments.of("empty body", "", "SDP line 1: missing v= line"),
                Arguments.of("short o=", Fixtures.sdp(V, "o=- 1 1 IN", S, C, T),
                        "SDP line 2: o= needs 6 fields: <username> <sess-id> <sess-version> IN <addrtype> <address>"),
                Arguments.of("no s=", Fixtures.sdp(V, O, C, T), "SDP line 3: expected s= but found c="),
                Arguments.of("no t=", Fixtures.sdp(V, O, S, C, "m=audio 4000 RTP/AVP 0"), "SDP line 5: missing t= line"),
                Arguments.of("m= port not a number", Fixtures.sdp(V, O, S, C, T, "a=sendrecv", "m=audio abc RTP/AVP 0"),
                        "SDP line 7: m= port is not a number"),
                Arguments.of("m= port too big", Fixtures.sdp(V, O, S, C, T, "m=audio 70000 RTP/AVP 0"),
                        "SDP line 6: m= port 70000 is out of range"),
                Arguments.of("m= without formats", Fixtures.sdp(V, O, S, C, T, "m=audio 4000 RTP/AVP"),
                        "SDP line 6: m= needs <media> <port> <proto> <fmt>..."),
                Arguments.of("payload type 300", Fixtures.sdp(V, O, S, C, T, "m=audio 4000 RTP/AVP 0 300"),
                        "SDP line 6: payload type '300' is not 0-127"),
                Arguments.of("c= IP5", Fixtures.sdp(V, O, S, "c=IN IP5 203.0.113.5", T),
                        "SDP line 4: c= address type 'IP5' is not IP4 or IP6"),
                Arguments.of("no c= anywhere", Fixtures.sdp(V, O, S, T, "m=audio 4000 RTP/AVP 0", "a=rtpmap:0 PCMU/8000"),
                        "SDP line 5: m=audio has no c= and there is no session-level c="),
                Arguments.of("unknown line type", Fixtures.sdp(V, O, S, C, T, "x=whatever"),
                        "SDP line 6: unknown line type 'x='"),
                Arguments.of("line without =", Fixtures.sdp(V, O, S, C, T, "m=audio 4000 RTP/AVP 0", "rtpmap 0 PCMU/8000"),
                        "SDP line 7: not a <type>=<value> line"),
                Arguments.of("empty line inside", Fixtures.sdp(V, O, S, C, T, "", "m=audio 4000 RTP/AVP 0"),
                        "SDP line 6: empty line"),
                Arguments.of("rtpmap without clock rate", Fixtures.sdp(V, O, S, C, T, "m=audio 4000 RTP/AVP 111",
                        "a=rtpmap:111 opus"), "SDP line 7: a=rtpmap needs <encoding>/<clock rate>, got 'opus'"),
                Arguments.of("truncated candidate", Fixtures.sdp(V, O, S, C, T, "m=audio 4000 UDP/TLS/RTP/SAVPF 111",
                        "a=candidate:1 1 udp 2122194687 192.0.2.2"),
                        "SDP line 7: a=candidate needs <foundation> <component> <transport> <priority> <address> <port> typ <type>"),
                Arguments.of("fingerprint without value", Fixtures.sdp(V, O, S, C, T, "a=fingerprint:sha-256"),
                        "SDP line 6: a=fingerprint needs <hash function> <fingerprint>"),
                Arguments.of("fingerprint not hex", Fixtures.sdp(V, O, S, C, T, "a=fingerprint:sha-256 zz:yy"),
                        "SDP line 6: a=fingerprint value is not colon-separated hex pairs"),
                Arguments.of("setup holdconn", Fixtures.sdp(V, O, S, C, T, "m=audio 4000 UDP/TLS/RTP/SAVPF 111",
                        "a=setup:holdconn"), "SDP line 7: a=setup 'holdconn' is not actpass, active or passive"),
                Arguments.of("crypto without inline key", Fixtures.sdp(V, O, S, C, T, "m=audio 4000 RTP/SAVP 0",
                        "a=crypto:1 AES_CM_128_HMAC_SHA1_80 WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz"),
                        "SDP line 7: a=crypto key parameter is not inline:<key>"),
                Arguments.of("empty mid", Fixtures.sdp(V, O, S, C, T, "m=audio 4000 RTP/AVP 0", "a=mid:"),
                        "SDP line 7: a=mid needs a value"),
                Arguments.of("o= after m=", Fixtures.sdp(V, O, S, C, T, "m=audio 4000 RTP/AVP 0", O),
                        "SDP line 7: misplaced line 'o='"),
                Arguments.of("t= garbage", Fixtures.sdp(V, O, S, C, "t=now later"), "SDP line 5: t= start time is not a number"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void failsWithLineAndReason(String name, String sdp, String reason) {
        SdpResult r = new SdpParser().parse(sdp);
        if (!(r instanceof SdpResult.Failed f)) {
            fail(name + " should fail, parsed as:\n" + r);
            return;
        }
        assertEquals(reason, f.reason());
        assertEquals(Integer.parseInt(reason.replaceAll("SDP line (\\d+):.*", "$1")), f.line());
    }

    @org.junit.jupiter.api.Test
    void limitsAreFailuresToo() {
        String longLine = "a=x-junk:" + "A".repeat(5000);
        SdpResult r = new SdpParser().parse(Fixtures.sdp(V, O, S, C, T, longLine));
        assertEquals(new SdpResult.Failed("SDP line 6: line longer than 4096 characters", 6), r);
        r = new SdpParser(5, 100).parse(Fixtures.sdp(V, O, S, C, T, "a=sendrecv"));
        assertEquals(new SdpResult.Failed("SDP line 6: more than 5 lines", 6), r);
    }
}
