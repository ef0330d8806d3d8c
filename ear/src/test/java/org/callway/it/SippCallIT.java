package org.callway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Browsers and desk phones (sipp) calling each other through the B2BUA: SRTP in the browser,
 * plain RTP/AVP G.711 on the phone, bridged by the media engine; and what a phone hears when a
 * call cannot go through (404, 480, 488, 487 after CANCEL, 503 when no media port is free).
 * The server runs in rtp.conf port-range mode with 4 ports: a browser-to-phone call takes three
 * (the WebRTC leg one, the RTP leg an RTP/RTCP pair).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SippCallIT {

    @RegisterExtension
    static final ServerAndBrowser callway = new ServerAndBrowser("sipp-call",
            Map.of("callway.media.rtpstart", "20000", "callway.media.rtpend", "20003"));
    private final Api api = new Api();



    /** Inbound audio packets over 2 s, once media has started. */
    private static JsonObject[] audioOver2s(String page) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (((JsonObject) callway.chromium().eval(page, "testPhone.audioStats()")).getInt("packetsReceived") == 0
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        JsonObject before = (JsonObject) callway.chromium().eval(page, "testPhone.audioStats()");
        Thread.sleep(2_000);
        return new JsonObject[] {before, (JsonObject) callway.chromium().eval(page, "testPhone.audioStats()")};
    }

    private List<JsonObject> cdrs(String peer) throws Exception {
        return Api.array(api.get("/api/cdrs?peer=" + peer, Api.ADMIN)).getValuesAs(JsonObject.class);
    }

    private static int refused(String target, String profile, int status, int port, String user, String password)
            throws Exception {
        return Sipp.await(Sipp.start("call-refused.xml", Map.of("STATUS", Integer.toString(status), "PROFILE", profile),
                "u1", port, "-s", user, "-au", user, "-ap", password, "-key", "target", target));
    }

    @Test
    @Order(1)
    void unknownExtensionGets404AndUnregisteredPeerGets480() throws Exception {
        assertEquals(0, refused("777", "RTP/AVP", 404, 5081, "carol", "carol-secret"));
        assertEquals(0, refused("1001", "RTP/AVP", 480, 5082, "carol", "carol-secret"), "bob is not registered yet");
        assertTrue(cdrs("carol").stream().anyMatch(c -> c.getString("callee").equals("bob")
                && c.getString("disposition").equals("NO_ANSWER")), cdrs("carol").toString());
    }

    @Test
    @Order(2)
    void plainRtpCallerWhosePeerRequiresAvpfGets488() throws Exception {
        HttpResponse<String> created = api.post("/api/peers", "{\"name\":\"gina\",\"number\":\"1006\","
                + "\"secret\":\"gina-secret\",\"transports\":[\"udp\"],\"avpf\":true,\"codecs\":[\"alaw\"]}", Api.ADMIN);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(0, refused("600", "RTP/AVP", 488, 5083, "gina", "gina-secret"));
        JsonObject cdr = cdrs("gina").get(0);
        assertEquals("FAILED", cdr.getString("disposition"));
        assertTrue(cdr.getString("hangupCause").contains("AVPF"), cdr.toString());
    }

    @Test
    @Order(3)
    void browserCallsPhoneAndHearsItsEcho() throws Exception {
        // Only this phone is carol now: the refused calls above left bindings of sipp processes that
        // are gone, and a fork to each would hold an RTP/RTCP pair of the 4-port range until Timer B.
        assertEquals(204, api.delete("/api/registrations/carol", Api.ADMIN).statusCode());
        // The phone registers from the port it then answers on (nat=force_rport: we send there).
        assertEquals(0, Sipp.register("register.xml", "u1", 5090, "carol", "carol-secret"));
        Process phone = Sipp.start("uas-echo.xml", Map.of(), "u1", 5090, "-rtp_echo", "-mp", "6100");
        callway.phone("alice", CallwayServer.WSS + "/ws", "alice", "alice-secret");
        assertEquals("confirmed", callway.js("alice", "testPhone.call('1002')"));
        JsonObject[] audio = audioOver2s("alice");
        assertTrue(audio[1].getInt("packetsReceived") > audio[0].getInt("packetsReceived") + 50,
                "the phone's echo comes back: " + audio[0] + " then " + audio[1]);
        assertTrue(audio[1].getJsonNumber("audioLevel").doubleValue() > 0, audio[1].toString());
        String calls = api.get("/api/calls", Api.ADMIN).body();
        assertTrue(calls.contains("\"codec\":\"ulaw\""), "G.711 end to end, no transcoding: " + calls);

        // Range mode: alice's answer names a port of the range as Callway's candidate, not the shared 10000.
        String sdp = ((jakarta.json.JsonString) callway.chromium().eval("alice",
                "testPhone.session.connection.remoteDescription.sdp")).getString();
        List<Integer> ports = sdp.lines().filter(l -> l.startsWith("a=candidate:"))
                .map(l -> Integer.parseInt(l.split(" ")[5])).toList();
        assertTrue(!ports.isEmpty() && ports.stream().allMatch(p -> p >= 20000 && p <= 20003), sdp);
        // One port left, but an RTP/AVP caller needs a pair: 503 (RFC 3261 §21.5.4), no call set up.
        assertEquals(0, refused("600", "RTP/AVP", 503, 5086, "carol", "carol-secret"));
        JsonObject refusal = cdrs("carol").get(0);
        assertEquals("FAILED", refusal.getString("disposition"));
        assertTrue(refusal.getString("hangupCause").startsWith("503 no free RTP/RTCP port pair"), refusal.toString());
        assertEquals(1, Api.array(api.get("/api/calls", Api.ADMIN)).size());
        assertEquals("ended", callway.js("alice", "testPhone.hangup()"));
        assertEquals(0, Sipp.await(phone), "the phone got the BYE and answered it");
        assertEquals("ANSWERED", cdrs("alice").get(0).getString("disposition"));
    }

    @Test
    @Order(4)
    void phoneCallsBrowserWhichHearsIt() throws Exception {
        callway.phone("bob", CallwayServer.WSS + "/ws", "bob", "bob-secret");
        CompletableFuture<String> answered = CompletableFuture.supplyAsync(() -> {
            try {
                return callway.js("bob", "testPhone.answer()");
            } catch (Exception e) {
                return e.toString();
            }
        });
        Process caller = Sipp.start("call-uac.xml", Map.of(), "u1", 5084, "-s", "carol", "-au", "carol",
                "-ap", "carol-secret", "-key", "target", "1001", "-mp", "6200");
        assertEquals("confirmed", answered.get(30, TimeUnit.SECONDS));
        JsonObject[] audio = audioOver2s("bob");
        assertTrue(audio[1].getInt("packetsReceived") > audio[0].getInt("packetsReceived") + 50,
                "bob hears the phone: " + audio[0] + " then " + audio[1]);
        assertTrue(audio[1].getJsonNumber("totalAudioEnergy").doubleValue() > 0, audio[1].toString());
        assertEquals(0, Sipp.await(caller), "the phone's call went as scripted, BYE included");
        assertEquals("ended", callway.js("bob", "testPhone.ended()"));
    }

    @Test
    @Order(5)
    void cancelBeforeAnswerGets487AndANoAnswerCdr() throws Exception {
        int before = cdrs("carol").size();
        assertEquals(0, Sipp.await(Sipp.start("call-cancel.xml", Map.of(), "u1", 5085, "-s", "carol", "-au", "carol",
                "-ap", "carol-secret", "-key", "target", "1001")), "200 to CANCEL, 487 to the INVITE");
        List<JsonObject> after = cdrs("carol");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (after.size() == before && System.nanoTime() < deadline) {
            Thread.sleep(100); // the CDR is written as the CANCEL is handled, not before the 487
            after = cdrs("carol");
        }
        assertEquals(before + 1, after.size());
        assertEquals("NO_ANSWER", after.get(0).getString("disposition"), after.get(0).toString());
        assertEquals("ended", callway.js("bob", "testPhone.ringingStopped()"), "bob's ringing stopped");
    }
}
