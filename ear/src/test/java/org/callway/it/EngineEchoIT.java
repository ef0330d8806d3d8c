package org.callway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.file.Path;
import org.callway.media.ra.Coturn;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The media engine alone against headless Chromium, no SIP: a bare RTCPeerConnection offers
 * audio, a test-only servlet in the EAR ({@link EngineEchoServlet}) hands the offer to a WebRTC
 * leg in echo mode and returns its answer. The browser must see ICE and DTLS connect and its
 * own voice come back. Then once more with {@code iceTransportPolicy: 'relay'} through a real
 * coturn on loopback, the engine also relay-only, so both ends of the pair are TURN relays.
 */
class EngineEchoIT {

    private static final int TURN_PORT = 3479;

    /** The built EAR plus the test hop and its page, deployed in place of the plain one. */
    private static CallwayServer serverWithHop(String name) throws Exception {
        CallwayServer server = CallwayServer.fresh(name);
        WebArchive hop = ShrinkWrap.create(WebArchive.class, "callway-tests.war")
                .addClass(EngineEchoServlet.class)
                .addAsWebResource("engine-echo/index.html", "engine-echo.html")
                .addAsWebResource("engine-echo/engine-echo.js", "engine-echo.js");
        CallwayDeployment.withWebModule(hop).as(ZipExporter.class)
                .exportTo(server.baseDir().resolve("deployments").resolve("callway.ear").toFile(), true);
        return server;
    }

    /** Opens the page, offers, and checks what a listener would: the echo keeps coming, audibly. */
    private static JsonObject hearsItsEcho(Chromium chromium, String config) throws Exception {
        chromium.open("page", CallwayServer.HTTP + "/callway-tests/engine-echo.html");
        assertEquals("\"answered\"", chromium.eval("page", "engineEcho.start(" + config + ")").toString());
        assertEquals("\"flowing\"", chromium.eval("page", "engineEcho.awaitAudio()").toString());
        JsonObject first = (JsonObject) chromium.eval("page", "engineEcho.stats()");
        Thread.sleep(2_000);
        JsonObject later = (JsonObject) chromium.eval("page", "engineEcho.stats()");
        assertEquals("connected", later.getString("dtls"), later.toString());
        assertTrue(later.getString("ice").equals("connected") || later.getString("ice").equals("completed"),
                later.toString());
        assertTrue(later.getInt("packetsReceived") > first.getInt("packetsReceived") + 50,
                "echoed audio keeps arriving (50 packets/s): " + first + " then " + later);
        assertTrue(later.getJsonNumber("totalAudioEnergy").doubleValue() > 0, "it hears something: " + later);
        assertTrue(later.getJsonNumber("audioLevel").doubleValue() > 0, "it hears something: " + later);
        assertEquals("\"closed\"", chromium.eval("page", "engineEcho.stop()").toString());
        return later;
    }

    @Test
    void aBrowserOfferAnsweredByAnEchoLegHearsItself() throws Exception {
        try (CallwayServer server = serverWithHop("engine-echo").start();
                Chromium chromium = Chromium.launch("engine-echo")) {
            JsonObject stats = hearsItsEcho(chromium, "{}");
            assertEquals("host", stats.getString("localCandidateType"), stats.toString());
            assertEquals("host", stats.getString("remoteCandidateType"), stats.toString());
        }
    }

    @Test
    void relayOnlyBothWaysThroughCoturn() throws Exception {
        try (Coturn coturn = Coturn.start(Path.of(System.getProperty("callway.work.dir"), "engine-echo-coturn"), TURN_PORT);
                CallwayServer server = serverWithHop("engine-echo-relay")
                        .systemProperty("callway.media.turnaddr", "127.0.0.1:" + TURN_PORT)
                        .systemProperty("callway.media.turnusername", Coturn.USER)
                        .systemProperty("callway.media.turnpassword", Coturn.PASSWORD)
                        .systemProperty("callway.media.icepolicy", "relay")
                        .start();
                Chromium chromium = Chromium.launch("engine-echo-relay")) {
            String config = "{ iceServers: [{ urls: 'turn:127.0.0.1:%d', username: '%s', credential: '%s' }], iceTransportPolicy: 'relay' }"
                    .formatted(TURN_PORT, Coturn.USER, Coturn.PASSWORD);
            JsonObject stats = hearsItsEcho(chromium, config);
            assertEquals("relay", stats.getString("localCandidateType"), "Chromium sends through its allocation: " + stats);
            assertEquals("relay", stats.getString("remoteCandidateType"), "to the engine's allocation: " + stats);
            String log = coturn.logText();
            assertTrue(log.contains("user <" + Coturn.USER + ">: incoming packet CHANNEL_BIND processed, success"),
                    "coturn bound channels for the media (RFC 8656 §12): " + log.substring(Math.max(0, log.length() - 4000)));
        }
    }
}
