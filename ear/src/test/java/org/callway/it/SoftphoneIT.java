package org.callway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The softphone page as alice uses it: she signs in, dials 600 on the pad, hears the echo (the
 * remote level meter moves, the quality table fills, the timer runs) and hangs up. The server's
 * Prometheus metrics move by exactly that call. The second test continues on her signed-in page.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SoftphoneIT {

    @RegisterExtension
    static final ServerAndBrowser callway = new ServerAndBrowser("softphone");

    @Test
    @Order(1)
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

        // The echo of the fake microphone's beeps: the remote meter rises and falls.
        Set<String> levels = remoteLevels(phone);
        assertTrue(levels.size() >= 4, "the remote level meter moves: " + levels);
        assertTrue(phone.waitUntil("Number(document.getElementById('q-received').textContent) > 0"),
                "quality shows packets arriving: " + phone.text("#quality"));
        assertTrue(phone.text("#q-loss").endsWith("%"), phone.text("#q-loss"));
        String timer = phone.text("#call-timer");
        assertTrue(timer.matches("00:[01][0-9]"), "the call timer runs: " + timer);
        phone.screenshot("softphone-in-call-600");

        phone.click("#hangup-button");
        assertEquals("idle", phone.waitForText("#call-state", "idle"));
        assertEquals("", phone.text("#call-timer"));
        assertEquals("", phone.text("#notice"), "a hang-up by the user is not an error");
        phone.screenshot("softphone-idle-after-hangup");

        // Callway answers the BYE first and then closes the legs, whose packets are counted as they
        // close (RFC 3261 §15.1.2: the 200 need not wait): the scrape may come a moment early.
        Metrics after = Metrics.scrape();
        long deadline = System.currentTimeMillis() + 5_000;
        while (after.value("callway_media_packets_total", "direction=\"in\"")
                - before.value("callway_media_packets_total", "direction=\"in\"") <= 50
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            after = Metrics.scrape();
        }
        assertEquals(1, after.value("callway_call_attempts_total", "outcome=\"answered\"")
                - before.value("callway_call_attempts_total", "outcome=\"answered\""), after.text);
        assertEquals(0, after.value("callway_calls_active"));
        assertEquals(1, after.value("callway_registrations"));
        assertTrue(after.value("callway_media_packets_total", "direction=\"in\"")
                - before.value("callway_media_packets_total", "direction=\"in\"") > 50, "the echoed media is counted");
        assertEquals(0, after.value("callway_media_failures_total"), "no ICE or DTLS failure:\n" + after.text.lines()
                .filter(l -> l.startsWith("callway_media_failures")).toList());
    }

    /**
     * Hold sends a re-INVITE with sendonly and Callway answers it on the same leg (RFC 3264 §8):
     * the page shows the call on hold, then back in call. DTMF typed on the pad during the call
     * goes out as RFC 4733 events and is shown as sent.
     */
    @Test
    @Order(2)
    void holdResumeAndDtmf() throws Exception {
        Ui phone = new Ui(callway.chromium(), "alice");
        assertEquals("idle", phone.text("#call-state"), "after the first test");
        phone.fill("#number", "600");
        phone.click("#call-button");
        assertEquals("in call", phone.waitForText("#call-state", "in call"));
        phone.eval("[...document.querySelectorAll('#dialpad button')].find(b => b.textContent === '5').click()");
        assertEquals("5", phone.text("#dtmf-sent"));

        phone.click("#hold-button");
        assertEquals("on hold", phone.waitForText("#call-state", "on hold"));
        assertEquals("true", phone.eval("document.getElementById('hold-button').getAttribute('aria-pressed')"));
        phone.screenshot("softphone-on-hold");
        phone.click("#hold-button");
        assertEquals("in call", phone.waitForText("#call-state", "in call"));
        assertEquals("", phone.text("#notice"), "no refusal shown");

        phone.click("#hangup-button");
        assertEquals("idle", phone.waitForText("#call-state", "idle"));
    }

    /**
     * Two softphones: bob's page rings (state and Answer button) when alice dials his extension,
     * he answers, each hears the other (both remote meters move), and alice's hang-up ends both.
     */
    @Test
    @Order(3)
    void aliceCallsBobWhoAnswersOnHisSoftphone() throws Exception {
        callway.chromium().open("bob", CallwayServer.HTTP + "/phone/");
        Ui bob = new Ui(callway.chromium(), "bob");
        bob.fill("#user", "bob");
        bob.fill("#password", "bob-secret");
        bob.click("#signin-button");
        assertEquals("registered as bob", bob.waitForText("#registration", "registered"));

        Ui alice = new Ui(callway.chromium(), "alice");
        alice.fill("#number", "1001");
        alice.click("#call-button");
        assertEquals("ringing", bob.waitForText("#call-state", "ringing"));
        assertEquals("from alice", bob.text("#call-peer"));
        assertEquals("false", bob.eval("String(document.getElementById('answer-button').disabled)"));
        bob.screenshot("softphone-bob-ringing");

        bob.click("#answer-button");
        assertEquals("in call", bob.waitForText("#call-state", "in call"));
        assertEquals("in call", alice.waitForText("#call-state", "in call"));
        assertTrue(remoteLevels(alice).size() >= 4, "alice hears bob");
        assertTrue(remoteLevels(bob).size() >= 4, "bob hears alice");
        bob.screenshot("softphone-bob-in-call");

        alice.click("#hangup-button");
        assertEquals("idle", alice.waitForText("#call-state", "idle"));
        assertEquals("idle", bob.waitForText("#call-state", "idle"), "alice's BYE reaches bob");
    }

    /**
     * The values the page's remote level meter shows, watched until it has shown four or 10 s
     * passed: media starts a moment after the call is answered (ICE, DTLS).
     */
    private static Set<String> remoteLevels(Ui phone) throws Exception {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 66 && seen.size() < 4; i++) {
            Thread.sleep(150);
            seen.add(phone.text("#level-remote-text"));
        }
        return seen;
    }
}
