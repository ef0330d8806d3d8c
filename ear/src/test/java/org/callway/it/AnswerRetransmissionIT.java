package org.callway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 2xx to INVITE over UDP, where answers and their ACKs get late or lost (both found by the call
 * benchmark under load): a caller that never ACKs our 200 OK, and a callee whose 200 OK arrives
 * twice.
 */
class AnswerRetransmissionIT {

    private static CallwayServer server;
    private final Api api = new Api();

    @BeforeAll
    static void start() throws Exception {
        server = CallwayServer.fresh("answer-retransmission").start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /**
     * sipp gave up on a slow answer and dropped it. RFC 3261 §13.3.1.4: after 64*T1 of
     * retransmitting the 200 the session ends with BYE. Before, the call and both its media legs
     * stayed up for good.
     */
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
        assertEquals(0, dialogsLeft(), "both SIP dialogs ended with their BYE (RFC 3261 §15)");
        JsonObject cdr = Api.array(api.get("/api/cdrs?peer=carol", Api.ADMIN)).getJsonObject(0);
        assertTrue(cdr.getString("hangupCause").contains("no ACK"), cdr.toString());
    }

    /**
     * The callee's 200 OK comes again (our ACK was late): it is ACKed again and nothing more
     * (RFC 3261 §13.2.2.4). Before, the repeat was taken for a second answer: BYE to the callee
     * and its media leg closed, while the caller stayed on in silence.
     */
    @Test
    void repeatedAnswerFromTheCalleeKeepsTheCall() throws Exception {
        HttpResponse<String> created = api.post("/api/peers", "{\"name\":\"erin\",\"number\":\"1004\","
                + "\"secret\":\"erin-secret\",\"transports\":[\"udp\"],\"avpf\":false,\"encryption\":false,"
                + "\"codecs\":[\"alaw\",\"ulaw\"]}", Api.ADMIN);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(0, Sipp.register("register.xml", "u1", 5093, "erin", "erin-secret"));
        Process callee = Sipp.start("uas-answer-twice.xml", Map.of(), "u1", 5093, "-mp", "6600");
        Process caller = Sipp.start("call-uac.xml", Map.of(), "u1", 5094, "-s", "carol", "-au", "carol",
                "-ap", "carol-secret", "-key", "target", "1004", "-mp", "6700");
        JsonObject call = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (call == null && System.nanoTime() < deadline) {
            Thread.sleep(200);
            var calls = Api.array(api.get("/api/calls", Api.ADMIN));
            call = calls.isEmpty() || calls.getJsonObject(0).getString("answered").isEmpty() ? null : calls.getJsonObject(0);
        }
        assertTrue(call != null, "the call was answered");
        Thread.sleep(1_500); // the repeated 200 has long arrived; the caller talks for 4 s
        JsonObject during = Api.array(api.get("/api/calls", Api.ADMIN)).getJsonObject(0);
        assertTrue(during.getJsonObject("calleeLeg").containsKey("packetsIn"), "the callee's leg is open: " + during);
        assertTrue(callee.isAlive(), "the callee was not hung up on");
        assertEquals(0, Sipp.await(caller), "the caller's call went as scripted, BYE included");
        assertEquals(0, Sipp.await(callee), "the callee got the caller's BYE");
        assertEquals(0, Metrics.scrape().value("callway_media_legs"), "both media legs closed");
        assertEquals(0, dialogsLeft(), "both SIP dialogs ended with their BYE (RFC 3261 §15)");
    }

    /** Open dialogs, once the last BYE's 200 has had a moment to arrive. */
    private static double dialogsLeft() throws Exception {
        double left = Metrics.scrape().value("callway_sip_dialogs");
        for (int i = 0; i < 20 && left != 0; i++) {
            Thread.sleep(100);
            left = Metrics.scrape().value("callway_sip_dialogs");
        }
        return left;
    }
}
