package org.callway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Browser to browser through the B2BUA: alice (JsSIP over WS) dials bob's extension 1001, bob
 * (JsSIP over WSS) answers, each hears the other through the media engine's relay, and a hang-up
 * from bob ends both legs and writes the CDR.
 */
class BrowserCallIT {

    @RegisterExtension
    static final ServerAndBrowser callway = new ServerAndBrowser("browser-call");
    private final Api api = new Api();



    private static void awaitPackets(String page) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (stats(page).getInt("packetsReceived") == 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    /** The call as GET /api/calls shows it once both legs have a round-trip time (at most 15 s). */
    private JsonObject awaitRtt() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        JsonObject call;
        do {
            call = Api.array(api.get("/api/calls", Api.ADMIN)).getJsonObject(0);
            if (call.getJsonObject("callerLeg").containsKey("rttMs") && call.getJsonObject("calleeLeg").containsKey("rttMs")) {
                return call;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no round-trip time on both legs: " + call);
    }

    private static JsonObject stats(String page) throws Exception {
        return (JsonObject) callway.chromium().eval(page, "testPhone.audioStats()");
    }

    @Test
    void aliceCallsBobAndEachHearsTheOther() throws Exception {
        callway.phone("alice", CallwayServer.WS + "/ws", "alice", "alice-secret");
        callway.phone("bob", CallwayServer.WSS + "/ws", "bob", "bob-secret");

        // The call and the answer run at once: alice's promise resolves when bob has answered.
        CompletableFuture<String> calling = CompletableFuture.supplyAsync(() -> {
            try {
                return callway.js("alice", "testPhone.call('1001')");
            } catch (Exception e) {
                return e.toString();
            }
        });
        Thread.sleep(300);
        assertEquals("confirmed", callway.js("bob", "testPhone.answer()"));
        assertEquals("confirmed", calling.get(30, TimeUnit.SECONDS));

        // Media starts a moment after the dialog is confirmed (ICE and DTLS first).
        awaitPackets("alice");
        awaitPackets("bob");
        JsonObject aliceBefore = stats("alice");
        JsonObject bobBefore = stats("bob");
        Thread.sleep(2_000);
        JsonObject alice = stats("alice");
        JsonObject bob = stats("bob");
        String calls = api.get("/api/calls", Api.ADMIN).body();
        alice = Json.createObjectBuilder(alice).add("server", calls).build();
        assertTrue(alice.getInt("packetsReceived") > aliceBefore.getInt("packetsReceived") + 50, "alice hears bob: " + alice);
        assertTrue(bob.getInt("packetsReceived") > bobBefore.getInt("packetsReceived") + 50, "bob hears alice: " + bob);
        assertTrue(alice.getJsonNumber("audioLevel").doubleValue() > 0, alice.toString());
        assertTrue(bob.getJsonNumber("audioLevel").doubleValue() > 0, bob.toString());
        assertEquals(1, Api.array(api.get("/api/calls", Api.ADMIN)).size());

        // Round-trip time per leg (RFC 3550 §6.4.1): each browser's SR is relayed to the other,
        // whose receiver report returns its LSR/DLSR on that leg. Chromium reports every few seconds.
        JsonObject live = awaitRtt();
        for (String leg : List.of("callerLeg", "calleeLeg")) {
            JsonObject l = live.getJsonObject(leg);
            assertTrue(l.getJsonNumber("rttMs").doubleValue() < 1_000, "rtt on loopback: " + live);
            assertEquals(0, l.getJsonNumber("packetsLost").longValue(), live.toString());
            assertTrue(l.containsKey("jitterMs") && l.containsKey("remoteFractionLost"), live.toString());
        }

        assertEquals("ended", callway.js("bob", "testPhone.hangup()"));
        assertEquals("ended", callway.js("alice", "testPhone.ended()"));
        assertEquals(0, Api.array(api.get("/api/calls", Api.ADMIN)).size());
        List<JsonObject> cdrs = Api.array(api.get("/api/cdrs?peer=alice", Api.ADMIN)).getValuesAs(JsonObject.class);
        assertEquals(1, cdrs.size(), cdrs.toString());
        assertEquals("ANSWERED", cdrs.get(0).getString("disposition"));
        assertEquals("bob", cdrs.get(0).getString("callee"));
        assertTrue(cdrs.get(0).getString("hangupCause").contains("bob"), cdrs.toString());
        for (String leg : List.of("callerLeg", "calleeLeg")) {
            JsonObject l = cdrs.get(0).getJsonObject(leg);
            assertTrue(l.getJsonNumber("packetsIn").longValue() > 50, cdrs.toString());
            assertEquals(0, l.getJsonNumber("packetsLost").longValue(), cdrs.toString());
            assertTrue(l.containsKey("jitterMs") && l.containsKey("rttMs"), "per-leg stats in the CDR: " + cdrs);
        }
    }
}
