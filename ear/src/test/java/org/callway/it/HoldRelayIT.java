package org.callway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hold and resume across the B2BUA (RFC 3261 §14, RFC 3264 §8.4): alice (JsSIP in Chromium)
 * calls carol (sipp, a desk phone on UDP); when alice holds and resumes, Callway answers her and
 * re-INVITEs carol with the matching direction, which carol's scenario checks in the body.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HoldRelayIT {

    @RegisterExtension
    static final ServerAndBrowser callway = new ServerAndBrowser("hold-relay");
    private static final int PHONE_PORT = 5091;

    /** Inbound audio packets in alice's browser over 2 s, once media flows. */
    private static int[] packetsOver2s() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (stats().getInt("packetsReceived") == 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        int before = stats().getInt("packetsReceived");
        Thread.sleep(2_000);
        return new int[] {before, stats().getInt("packetsReceived")};
    }

    private static JsonObject stats() throws Exception {
        return (JsonObject) callway.chromium().eval("alice", "testPhone.audioStats()");
    }

    @Test
    @Order(1)
    void carolIsToldOfAlicesHoldAndResume() throws Exception {
        assertEquals(0, Sipp.register("register.xml", "u1", PHONE_PORT, "carol", "carol-secret"));
        Process carol = Sipp.start("uas-hold.xml", Map.of(), "u1", PHONE_PORT, "-rtp_echo", "-mp", "6300");
        callway.phone("alice", CallwayServer.WSS + "/ws", "alice", "alice-secret");
        assertEquals("confirmed", callway.js("alice", "testPhone.call('1002')"));
        int[] echo = packetsOver2s();
        assertTrue(echo[1] > echo[0] + 50, "carol's echo reaches alice: " + echo[0] + " then " + echo[1]);

        assertEquals("held", callway.js("alice", "testPhone.hold()"));
        assertEquals("resumed", callway.js("alice", "testPhone.resume()"));
        int[] resumed = packetsOver2s();
        assertTrue(resumed[1] > resumed[0] + 50, "audio flows after resume: " + resumed[0] + " then " + resumed[1]);

        assertEquals("ended", callway.js("alice", "testPhone.hangup()"));
        assertEquals(0, Sipp.await(carol),
                "carol got a sendonly/inactive re-INVITE, then a sendrecv one, then the BYE (sipp's verdict)");
    }

    @Test
    @Order(2)
    void glareIsAnswered491AndA491IsRetried() throws Exception {
        Process carol = Sipp.start("uas-hold-glare.xml", Map.of(), "u1", PHONE_PORT, "-rtp_echo", "-mp", "6302");
        assertEquals("confirmed", callway.js("alice", "testPhone.call('1002')"));
        assertEquals("held", callway.js("alice", "testPhone.hold()"), "alice is answered whatever carol does");
        assertEquals("resumed", callway.js("alice", "testPhone.resume()"));
        // Carol answers the relayed resume 491; Callway tries again within 2.1-4 s (RFC 3261 §14.1).
        Thread.sleep(4_500);
        int[] resumed = packetsOver2s();
        assertTrue(resumed[1] > resumed[0] + 50, "the call stayed up: " + resumed[0] + " then " + resumed[1]);
        assertEquals("ended", callway.js("alice", "testPhone.hangup()"));
        assertEquals(0, Sipp.await(carol), "carol's own re-INVITE got 491 while Callway's was pending, and"
                + " Callway's resume came again after her 491 (sipp's verdict)");
    }

    /** Polls {@code expression} on alice's page until it gives {@code expected} or 10 s pass. */
    private static String await(String expression, String expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String value = callway.js("alice", expression);
        while (!expected.equals(value) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            value = callway.js("alice", expression);
        }
        return value;
    }

    @Test
    @Order(3)
    void aliceSeesCarolsHoldAndResume() throws Exception {
        CompletableFuture<String> answered = CompletableFuture.supplyAsync(() -> {
            try {
                return callway.js("alice", "testPhone.answer()");
            } catch (Exception e) {
                return e.toString();
            }
        });
        Process carol = Sipp.start("uac-hold.xml", Map.of(), "u1", PHONE_PORT, "-s", "carol", "-au", "carol",
                "-ap", "carol-secret", "-key", "target", "1000", "-mp", "6304");
        assertEquals("confirmed", answered.get(30, TimeUnit.SECONDS));
        assertEquals("false", callway.js("alice", "String(testPhone.session.isOnHold().remote)"));
        assertEquals("true", await("String(testPhone.session.isOnHold().remote)", "true"),
                "JsSIP took Callway's relayed sendonly re-INVITE as the far end holding");
        assertEquals("false", await("String(testPhone.session.isOnHold().remote)", "false"),
                "and the relayed sendrecv one as the far end resuming");
        assertEquals(0, Sipp.await(carol), "carol's hold and resume re-INVITEs were answered 200, BYE too");
        assertEquals("ended", callway.js("alice", "testPhone.ended()"));
    }
}
