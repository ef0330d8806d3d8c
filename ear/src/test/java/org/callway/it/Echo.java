package org.callway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;

/** What a caller of the echo test (600) notices: her own audio keeps coming back. */
final class Echo {

    private Echo() {
    }

    /** On page {@code page}, in a call to 600 made with test-phone.js: DTLS up, echoed audio arriving and audible. */
    static void assertHeard(Chromium chromium, String page) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (((JsonObject) chromium.eval(page, "testPhone.audioStats()")).getInt("packetsReceived") == 0
                && System.nanoTime() < deadline) {
            Thread.sleep(200); // media starts once ICE and DTLS are done
        }
        JsonObject first = (JsonObject) chromium.eval(page, "testPhone.audioStats()");
        Thread.sleep(2_000);
        JsonObject later = (JsonObject) chromium.eval(page, "testPhone.audioStats()");
        assertEquals("connected", later.getString("dtls"), later.toString());
        assertTrue(later.getInt("packetsReceived") > first.getInt("packetsReceived") + 50,
                "echoed audio keeps arriving: " + first + " then " + later);
        assertTrue(later.getJsonNumber("totalAudioEnergy").doubleValue() > 0, "she hears something: " + later);
        assertTrue(later.getJsonNumber("audioLevel").doubleValue() > 0, "she hears something: " + later);
    }
}
