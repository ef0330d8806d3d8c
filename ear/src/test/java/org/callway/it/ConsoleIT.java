package org.callway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The admin console as an administrator uses it while alice is on the softphone: her
 * registration shows up, her call to 600 shows with packet counts that keep rising, the hang-up
 * button ends it (the row goes, her phone goes idle, the CDR appears), and bad input is answered
 * next to the field it concerns.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    @RegisterExtension
    static final ServerAndBrowser callway = new ServerAndBrowser("console");

    private static Ui console;
    private static Ui alice;

    @BeforeAll
    static void openPages() throws Exception {
        Chromium chromium = callway.chromium();
        chromium.open("alice", CallwayServer.HTTP + "/phone/");
        alice = new Ui(chromium, "alice");
        alice.fill("#user", "alice");
        alice.fill("#password", "alice-secret");
        alice.click("#signin-button");
        assertEquals("registered as alice", alice.waitForText("#registration", "registered"));
        chromium.credentials("admin", "callway-admin"); // typed into the browser's Basic prompt
        chromium.open("console", CallwayServer.HTTP + "/console/");
        console = new Ui(chromium, "console");
    }

    @Test
    @Order(1)
    void theConsoleNeedsTheAdministrator() throws Exception {
        assertEquals(401, new Api().get("/console/", null).statusCode());
    }

    @Test
    @Order(2)
    void showsAliceRegistered() throws Exception {
        assertTrue(console.waitUntil("document.querySelector('#registrations tr[data-peer=\"alice\"]')"),
                "alice in " + console.text("#registrations"));
        String row = console.text("#registrations tr[data-peer=\"alice\"]");
        assertTrue(row.contains("WS"), row);
        console.screenshot("console-alice-registered");
    }

    @Test
    @Order(3)
    void showsTheLiveCallAndItsHangUpButtonEndsIt() throws Exception {
        Metrics before = Metrics.scrape();
        alice.fill("#number", "600");
        alice.click("#call-button");
        assertEquals("in call", alice.waitForText("#call-state", "in call"));

        String row = "#calls tr[data-caller=\"alice\"]";
        assertTrue(console.waitUntil("document.querySelector('" + row.replace("\"", "\\\"") + "')"),
                "the call is listed: " + console.text("#calls"));
        assertTrue(console.text(row).contains("600"), console.text(row));
        // Live stats: the packet count of the echo keeps rising while the page polls.
        String packets = "Number(document.querySelector('" + row.replace("\"", "\\\"") + " .packets-in').textContent)";
        assertTrue(console.waitUntil(packets + " > 0"), "packets arrive: " + console.text(row));
        long first = Long.parseLong(console.eval(packets));
        assertTrue(console.waitUntil(packets + " > " + first), "packets keep arriving: " + console.text(row));
        console.screenshot("console-active-call");

        console.click(row + " button.hangup");
        assertTrue(console.waitForGone(row), "the call row disappears");
        assertEquals("idle", alice.waitForText("#call-state", "idle"), "the server's BYE reaches alice");
        assertTrue(console.waitUntil("[...document.querySelectorAll('#cdrs tbody tr')].some(r => "
                + "r.textContent.includes('alice') && r.textContent.includes('ANSWERED'))"),
                "the CDR appears: " + console.text("#cdrs"));
        assertTrue(console.text("#cdrs").contains("hung up by administrator"), console.text("#cdrs"));
        assertTrue(console.waitUntil("document.querySelectorAll('#chart-calls rect[data-value=\"1\"]').length === 1"),
                "the chart counts the call in this hour");
        console.screenshot("console-call-hung-up");

        Metrics after = Metrics.scrape();
        assertEquals(1, after.value("callway_call_attempts_total", "outcome=\"answered\"")
                - before.value("callway_call_attempts_total", "outcome=\"answered\""), after.text);
        assertEquals(0, after.value("callway_calls_active"));
    }

    @Test
    @Order(4)
    void anInvalidPeerFieldIsShownNextToThatField() throws Exception {
        console.fill("#peer-name", "dave");
        console.fill("#peer-number", "12ab");
        console.fill("#peer-secret", "dave-secret");
        console.click("#peer-save");
        assertEquals("digits, * # + only, at most 32", console.waitForText("#peer-number-error", "digits"));
        assertEquals("true", console.eval("document.getElementById('peer-number').getAttribute('aria-invalid')"));
        assertEquals("", console.text("#peer-name-error"), "only the bad field is marked");
        console.screenshot("console-peer-field-error");

        console.fill("#peer-number", "1003");
        console.click("#peer-save");
        assertTrue(console.waitUntil("document.querySelector('#peers tr[data-peer=\"dave\"]')"), "dave is added");
        assertEquals("", console.text("#peer-number-error"));
    }

    @Test
    @Order(5)
    void theDialPlanEditorAddsValidLinesAndNamesTheBadField() throws Exception {
        console.fill("#dp-extension", "7a0");
        console.click("#dp-add");
        assertTrue(console.waitForText("#dp-extension-error", "digits").startsWith("digits"),
                console.text("#dp-extension-error"));

        console.fill("#dp-extension", "700");
        console.eval("document.getElementById('dp-application').value = 'echo'");
        console.click("#dp-add");
        assertTrue(console.waitUntil("document.querySelector('#dialplan tr[data-extension=\"700\"]')"),
                "700 is in the plan: " + console.text("#dialplan"));
        assertEquals("", console.text("#dp-extension-error"));
    }
}
