package org.callway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.file.Path;
import org.callway.media.ra.Coturn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The echo test when nothing but TURN gets through: coturn on 127.0.0.1:3478, Callway
 * configured with it and {@code iceTransportPolicy=relay} (system properties feeding the
 * resource adapter's expressions), and Chromium told to use only relayed candidates. The
 * call must connect relay-to-relay through coturn (RFC 8656) and carry her audio both ways.
 */
class RelayedEchoCallIT {

    private static final int TURN_PORT = 3478;
    private static Coturn coturn;
    private static CallwayServer server;
    private static Chromium chromium;

    @BeforeAll
    static void start() throws Exception {
        coturn = Coturn.start(Path.of(System.getProperty("callway.work.dir"), "coturn"), TURN_PORT);
        server = CallwayServer.fresh("relayed-echo-call")
                .systemProperty("callway.media.turnaddr", "127.0.0.1:" + TURN_PORT)
                .systemProperty("callway.media.turnusername", Coturn.USER)
                .systemProperty("callway.media.turnpassword", Coturn.PASSWORD)
                .systemProperty("callway.media.icepolicy", "relay")
                .start();
        chromium = Chromium.launch("relayed-echo-call");
        chromium.open("alice", CallwayServer.HTTP + "/");
        chromium.script("alice", "/js/jssip.min.js");
        chromium.script("alice", "/js/test-phone.js");
    }

    @AfterAll
    static void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        if (server != null) {
            server.close();
        }
        if (coturn != null) {
            coturn.close();
        }
    }

    private static String js(String expression) throws Exception {
        return chromium.eval("alice", expression).toString().replace("\"", "");
    }

    @Test
    void aliceReachesTheEchoTestRelayToRelayThroughCoturn() throws Exception {
        assertEquals("registered", js("testPhone.register('%s', 'alice', 'alice-secret')"
                .formatted(CallwayServer.WSS + "/ws")));
        String pcConfig = "{ iceServers: [{ urls: 'turn:127.0.0.1:%d', username: '%s', credential: '%s' }], iceTransportPolicy: 'relay' }"
                .formatted(TURN_PORT, Coturn.USER, Coturn.PASSWORD);
        assertEquals("confirmed", js("testPhone.call('600', false, " + pcConfig + ")"));

        JsonObject later = EchoCallIT.assertHearsHerEcho(chromium, "alice");
        assertEquals("relay", later.getString("localCandidateType"), "Chromium sends through its allocation: " + later);
        assertEquals("relay", later.getString("remoteCandidateType"), "and reaches Callway's allocation: " + later);

        String log = coturn.logText();
        assertTrue(log.contains("user <" + Coturn.USER + ">: incoming packet CHANNEL_BIND processed, success"),
                "coturn bound channels for the media (RFC 8656 §12): " + log.substring(Math.max(0, log.length() - 4000)));
        assertEquals("ended", js("testPhone.hangup()"));
    }
}
