package org.callway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A caller that never ACKs our 200 OK (found by the call benchmark: sipp gives up on a slow
 * answer and drops it). RFC 3261 §13.3.1.4: after 64*T1 of retransmitting the 200 the session
 * ends with BYE. Before, the call and both its media legs stayed up for good.
 */
class CallWithoutAckIT {

    private static CallwayServer server;
    private final Api api = new Api();

    @BeforeAll
    static void start() throws Exception {
        server = CallwayServer.fresh("call-without-ack").start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void unacknowledgedAnswerEndsTheCallWithByeToBothSides() throws Exception {
        HttpResponse<String> created = api.post("/api/peers", "{\"name\":\"dave\",\"number\":\"1003\","
                + "\"secret\":\"dave-secret\",\"transports\":[\"udp\"],\"avpf\":false,\"encryption\":false}", Api.ADMIN);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(0, Sipp.register("register.xml", "u1", 5091, "dave", "dave-secret"));
        Process callee = Sipp.start("uas-echo.xml", Map.of(), "u1", 5091, "-mp", "6300");
        assertEquals(0, Sipp.register("register.xml", "u1", 5092, "carol", "carol-secret"));
        Process caller = Sipp.start("call-no-ack.xml", Map.of(), "u1", 5092, "-s", "carol", "-key", "target", "1003",
                "-mp", "6400", "-timeout", "55s");

        assertEquals(0, Sipp.await(caller), "the caller got a BYE after 64*T1 without its ACK");
        assertEquals(0, Sipp.await(callee), "the callee got a BYE too");
        assertEquals("[]", api.get("/api/calls", Api.ADMIN).body().trim());
        assertEquals(0, Metrics.scrape().value("callway_media_legs"), "both media legs closed");
        JsonObject cdr = Api.array(api.get("/api/cdrs?peer=carol", Api.ADMIN)).getJsonObject(0);
        assertTrue(cdr.getString("hangupCause").contains("no ACK"), cdr.toString());
    }
}
