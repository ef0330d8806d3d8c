package org.callway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.Map;
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
}
