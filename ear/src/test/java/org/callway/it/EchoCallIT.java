package org.callway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The echo test as a user makes it: alice in Chromium (JsSIP over WSS) calls 600 and hears
 * herself. ICE and DTLS connect to Callway's media engine, her audio comes back (inbound
 * packets rising, audio level above zero in getStats), and hanging up writes a CDR.
 */
class EchoCallIT {

    private static CallwayServer server;
    private static Chromium chromium;
    private final Api api = new Api();

    @BeforeAll
    static void start() throws Exception {
        server = CallwayServer.fresh("echo-call").start();
        chromium = Chromium.launch("echo-call");
        chromium.open("alice", CallwayServer.HTTP + "/");
        chromium.script("alice", "/js/jssip.min.js");
        chromium.script("alice", "/js/test-phone.js");
    }

    @AfterAll
    static void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        server.close();
    }

    /** The transport's selected candidate pair id in Chromium's getStats(). */
    private static final String SELECTED_PAIR = "testPhone.session.connection.getStats().then(r =>"
            + " ([...r.values()].find(s => s.type === 'transport') || {}).selectedCandidatePairId || '')";

    private static String js(String expression) throws Exception {
        return chromium.eval("alice", expression).toString().replace("\"", "");
    }

    /**
     * What hearing the echo looks like in getStats: once audio flows (a confirmed call still has
     * ICE and DTLS to finish), DTLS is connected, packets keep arriving (more than 50 in 2 s of
     * 50/s audio) with energy and level above zero. Returns the later sample.
     */
    static JsonObject assertHearsHerEcho(Chromium chromium, String page) throws Exception {
        assertEquals("\"flowing\"", chromium.eval(page, "testPhone.awaitAudio()").toString());
        JsonObject first = (JsonObject) chromium.eval(page, "testPhone.audioStats()");
        Thread.sleep(2_000);
        JsonObject later = (JsonObject) chromium.eval(page, "testPhone.audioStats()");
        assertEquals("connected", later.getString("dtls"), later.toString());
        assertTrue(later.getInt("packetsReceived") > first.getInt("packetsReceived") + 50,
                "echoed audio keeps arriving: " + first + " then " + later);
        assertTrue(later.getJsonNumber("totalAudioEnergy").doubleValue() > 0, "she hears something: " + later);
        assertTrue(later.getJsonNumber("audioLevel").doubleValue() > 0, "she hears something: " + later);
        return later;
    }

    @Test
    void aliceCallsTheEchoTestAndHearsHerself() throws Exception {
        assertEquals("registered", js("testPhone.register('%s', 'alice', 'alice-secret')"
                .formatted(CallwayServer.WSS + "/ws")));
        assertEquals("confirmed", js("testPhone.call('600')"));

        assertHearsHerEcho(chromium, "alice");

        // The live view of the call: her leg's RFC 3550 reception stats (loopback loses nothing).
        JsonObject call = Api.array(api.get("/api/calls", Api.ADMIN)).getJsonObject(0);
        JsonObject leg = call.getJsonObject("callerLeg");
        assertTrue(leg.getJsonNumber("packetsIn").longValue() > 50, call.toString());
        assertEquals(0, leg.getJsonNumber("packetsLost").longValue(), call.toString());
        assertTrue(leg.containsKey("jitterMs") && leg.getJsonNumber("jitterMs").doubleValue() >= 0
                && leg.getJsonNumber("jitterMs").doubleValue() < 100, "jitter of her audio in ms: " + call);

        // Hold and resume: re-INVITEs answered on the same ICE/DTLS session; audio comes back.
        assertEquals("held", js("testPhone.hold()"));
        assertEquals("true", js("String(testPhone.session.isOnHold().local)"));
        assertEquals("resumed", js("testPhone.resume()"));
        JsonObject resumed = (JsonObject) chromium.eval("alice", "testPhone.audioStats()");
        Thread.sleep(2_000);
        JsonObject afterResume = (JsonObject) chromium.eval("alice", "testPhone.audioStats()");
        assertTrue(afterResume.getInt("packetsReceived") > resumed.getInt("packetsReceived") + 50,
                "audio flows again after resume: " + resumed + " then " + afterResume);

        // ICE restart: her re-INVITE has new credentials, so the answer must too (RFC 8839
        // §4.4.1.1.1); checks with them select a new pair (new candidates, new pair id) and the
        // audio keeps coming.
        String ufrag = js("testPhone.remoteUfrag()");
        String pairBefore = js(SELECTED_PAIR);
        assertEquals("restarted", js("testPhone.restartIce()"));
        String restarted = js("testPhone.remoteUfrag()");
        assertTrue(!restarted.isEmpty() && !restarted.equals(ufrag), "new ice-ufrag in the answer: " + ufrag + " then " + restarted);
        String pairAfter = pairBefore;
        for (int i = 0; i < 50 && pairAfter.equals(pairBefore); i++) {
            Thread.sleep(100);
            pairAfter = js(SELECTED_PAIR);
        }
        assertTrue(!pairAfter.isEmpty() && !pairAfter.equals(pairBefore), "a pair of the new generation: " + pairBefore + " then " + pairAfter);
        JsonObject afterRestart = (JsonObject) chromium.eval("alice", "testPhone.audioStats()");
        Thread.sleep(2_000);
        JsonObject later = (JsonObject) chromium.eval("alice", "testPhone.audioStats()");
        assertTrue(later.getInt("packetsReceived") > afterRestart.getInt("packetsReceived") + 50,
                "audio flows after the ICE restart: " + afterRestart + " then " + later + "; calls: "
                        + api.get("/api/calls", Api.ADMIN).body());

        assertEquals("ended", js("testPhone.hangup()"));
        List<JsonObject> cdrs = Api.array(api.get("/api/cdrs?peer=alice", Api.ADMIN)).getValuesAs(JsonObject.class);
        assertEquals(1, cdrs.size(), cdrs.toString());
        assertEquals("ANSWERED", cdrs.get(0).getString("disposition"));
        assertEquals("600", cdrs.get(0).getString("callee"));
        assertTrue(cdrs.get(0).getJsonNumber("packetsIn").longValue() > 50, cdrs.toString());
        JsonObject callerLeg = cdrs.get(0).getJsonObject("callerLeg");
        assertTrue(callerLeg.getJsonNumber("packetsIn").longValue() > 50, cdrs.toString());
        assertEquals(0, callerLeg.getJsonNumber("packetsLost").longValue(), cdrs.toString());
        assertTrue(callerLeg.containsKey("jitterMs"), cdrs.toString());
    }
}
