package org.callway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The softphone page as alice uses it: she signs in, dials 600 on the pad, hears the echo (the
 * remote level meter moves, the quality table fills, the timer runs) and hangs up. The server's
 * Prometheus metrics move by exactly that call.
 */
class SoftphoneIT {

    @RegisterExtension
    static final ServerAndBrowser callway = new ServerAndBrowser("softphone");

    @Test
    void aliceSignsInCallsTheEchoTestSeesTheLevelsAndHangsUp() throws Exception {
        callway.chromium().open("alice", CallwayServer.HTTP + "/phone/");
        Ui phone = new Ui(callway.chromium(), "alice");
        assertEquals("ws://localhost:8088/ws", phone.eval("document.getElementById('server').value"),
                "an http page defaults to WS on 8088");
        Metrics before = Metrics.scrape();

        phone.fill("#user", "alice");
        phone.fill("#password", "alice-secret");
        phone.click("#signin-button");
        assertEquals("registered as alice", phone.waitForText("#registration", "registered"));

        for (String key : new String[] {"6", "0", "0"}) {
            phone.eval("[...document.querySelectorAll('#dialpad button')].find(b => b.textContent === '" + key
                    + "').click()");
        }
        assertEquals("600", phone.eval("document.getElementById('number').value"));
        phone.click("#call-button");
        assertEquals("in call", phone.waitForText("#call-state", "in call"));

        // The echo of the fake microphone's beeps: the remote meter rises and falls. Media starts a
        // moment after the call is answered (ICE, DTLS), so the meter is watched for up to 10 s.
        List<Double> remote = new ArrayList<>();
        for (int i = 0; i < 66 && new HashSet<>(remote).size() < 4; i++) {
            Thread.sleep(150);
            remote.add(Double.parseDouble(phone.text("#level-remote-text")));
        }
        assertTrue(new HashSet<>(remote).size() >= 4, "the remote level meter moves: " + remote);
        assertTrue(remote.stream().anyMatch(v -> v > 0), "something is heard: " + remote);
        assertTrue(phone.waitUntil("Number(document.getElementById('q-received').textContent) > 0"),
                "quality shows packets arriving: " + phone.text("#quality"));
        assertTrue(phone.text("#q-loss").endsWith("%"), phone.text("#q-loss"));
        assertTrue(phone.text("#call-timer").matches("00:[01][0-9]"), "the call timer runs: " + phone.text("#call-timer"));
        phone.screenshot("softphone-in-call-600");

        phone.click("#hangup-button");
        assertEquals("idle", phone.waitForText("#call-state", "idle"));
        assertEquals("", phone.text("#call-timer"));
        assertEquals("", phone.text("#notice"), "a hang-up by the user is not an error");
        phone.screenshot("softphone-idle-after-hangup");

        Metrics after = Metrics.scrape();
        assertEquals(1, after.value("callway_call_attempts_total", "outcome=\"answered\"")
                - before.value("callway_call_attempts_total", "outcome=\"answered\""), after.text);
        assertEquals(0, after.value("callway_calls_active"));
        assertEquals(1, after.value("callway_registrations"));
        assertTrue(after.value("callway_media_packets_total", "direction=\"in\"")
                - before.value("callway_media_packets_total", "direction=\"in\"") > 50, "the echoed media is counted");
        assertEquals(0, after.value("callway_media_failures_total"), "no ICE or DTLS failure:\n" + after.text.lines()
                .filter(l -> l.startsWith("callway_media_failures")).toList());
    }
}
