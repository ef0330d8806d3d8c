package org.callway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Asterisk's {@code rtptimeout} as an operator sets it ({@code -Dcallway.call.rtp-timeout=3}):
 * a desk phone (sipp signalling, the test's silent socket as its RTP port) calls the echo test
 * and then sends no media at all, as a phone that crashed or lost its network would. Callway
 * must hang up on it (BYE) about three seconds later and say why in the CDR, rather than keep
 * the call and its media leg for good.
 */
class RtpTimeoutIT {

    private static CallwayServer server;
    private final Api api = new Api();

    @BeforeAll
    static void start() throws Exception {
        server = CallwayServer.fresh("rtp-timeout").systemProperty("callway.call.rtp-timeout", "3").start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aCallWithoutMediaIsHungUpAfterTheTimeoutAndTheCdrSaysWhy() throws Exception {
        Instant start = Instant.now();
        try (RtpPhone silent = new RtpPhone(6600, false)) {
            Process phone = Sipp.start("call-playback.xml", Map.of("RTP_PORT", "6600"), "u1", 5096,
                    "-s", "carol", "-au", "carol", "-ap", "carol-secret", "-key", "target", "600");
            assertEquals(0, Sipp.await(phone), "sipp got its 200 OK, then the server's BYE");
        }
        Duration took = Duration.between(start, Instant.now());
        assertTrue(took.compareTo(Duration.ofSeconds(3)) >= 0, "not before the timeout: " + took);
        List<JsonObject> cdrs = Api.array(api.get("/api/cdrs?peer=carol", Api.ADMIN)).getValuesAs(JsonObject.class);
        assertEquals(1, cdrs.size(), cdrs.toString());
        JsonObject cdr = cdrs.get(0);
        assertEquals("ANSWERED", cdr.getString("disposition"), cdr.toString());
        assertEquals("no media from carol for 3 s", cdr.getString("hangupCause"), cdr.toString());
        assertEquals("[]", api.get("/api/calls", Api.ADMIN).body().trim(), "no call left");
    }

    /** A caller whose SDP says it will not send (recvonly) is not hung up for sending nothing. */
    @Test
    void aListenOnlyCallerIsNotHungUpForItsSilence() throws Exception {
        java.net.http.HttpResponse<String> created = api.post("/api/peers", "{\"name\":\"dave\",\"number\":\"1003\","
                + "\"secret\":\"dave-secret\",\"transports\":[\"udp\"],\"avpf\":false,\"encryption\":false}", Api.ADMIN);
        assertEquals(201, created.statusCode(), created.body());
        Process listener = Sipp.start("call-listen.xml", Map.of(), "u1", 5097, "-s", "dave", "-au", "dave",
                "-ap", "dave-secret", "-key", "target", "600", "-mp", "6610");
        assertEquals(0, Sipp.await(listener), "twice the timeout later sipp still hung up itself, its BYE answered 200");
        List<JsonObject> cdrs = Api.array(api.get("/api/cdrs?peer=dave", Api.ADMIN)).getValuesAs(JsonObject.class);
        assertEquals(1, cdrs.size(), cdrs.toString());
        assertEquals("BYE from dave", cdrs.get(0).getString("hangupCause"), cdrs.toString());
    }
}
