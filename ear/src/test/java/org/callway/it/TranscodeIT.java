package org.callway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Arrays;
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
 * Calls between peers that share no codec: an Opus-only browser and a G.711 desk phone (sipp).
 * The caller keeps its codec, the callee is offered its own, and the media engine transcodes
 * (Opus ⇄ PCMU). The phone's RTP socket is the test's ({@link RtpPhone}): it checks that what
 * reaches the phone is PCMU carrying the browser's voice, and echoes it, so the browser hearing
 * audio means it crossed the transcoder both ways.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TranscodeIT {

    @RegisterExtension
    static final ServerAndBrowser callway = new ServerAndBrowser("transcode");
    private final Api api = new Api();

    /** Restricts a demo WebRTC peer to Opus (allow=opus), as an administrator would. */
    private void opusOnly(String name, String number) throws Exception {
        HttpResponse<String> put = api.put("/api/peers/" + name, "{\"name\":\"" + name + "\",\"number\":\"" + number
                + "\",\"transports\":[\"ws\",\"wss\"],\"avpf\":true,\"encryption\":true,"
                + "\"nat\":[\"force_rport\",\"comedia\"],\"context\":\"default\",\"codecs\":[\"opus\"]}", Api.ADMIN);
        assertEquals(200, put.statusCode(), put.body());
        assertEquals(List.of("opus"), Api.strings(Api.object(put), "codecs"));
    }

    /** Inbound audio over 2 s once it flows: packets rising by more than 50, level above zero. */
    private static void assertHearsAudio(String page, String what) throws Exception {
        assertEquals("flowing", callway.js(page, "testPhone.awaitAudio()"), what);
        JsonObject before = (JsonObject) callway.chromium().eval(page, "testPhone.audioStats()");
        Thread.sleep(2_000);
        JsonObject after = (JsonObject) callway.chromium().eval(page, "testPhone.audioStats()");
        assertTrue(after.getInt("packetsReceived") > before.getInt("packetsReceived") + 50,
                what + ": " + before + " then " + after);
        assertTrue(after.getJsonNumber("audioLevel").doubleValue() > 0, what + ", not silence: " + after);
    }

    /** The distinct encodings of the m=audio section of the SDP the browser received. */
    private static List<String> remoteAudioEncodings(String page) throws Exception {
        String encodings = callway.js(page, """
                (() => {
                  const sdp = testPhone.session.connection.remoteDescription.sdp;
                  const audio = sdp.split('m=')[1];
                  return audio.split('\\r\\n').filter(l => l.startsWith('a=rtpmap:'))
                      .map(l => l.split(' ')[1].split('/')[0]).filter((e, i, all) => all.indexOf(e) === i).join(',');
                })()""");
        return Arrays.asList(encodings.split(","));
    }

    /** Only PCMU reached the phone, and it decodes to sound (Chromium's fake microphone beeps). */
    private static void assertPhoneGotPcmuVoice(RtpPhone.Heard heard) {
        assertTrue(heard.pcmu() > 100, "the phone got PCMU: " + heard);
        assertEquals(0, heard.otherPayloadTypes(), "and nothing else (no Opus leaked through): " + heard);
        assertTrue(heard.peak() > 1000, "which decodes to sound, not silence: " + heard);
    }

    /** The one call in progress, once answered (the callee's ACK may reach it before the caller's 200 goes out). */
    private JsonObject activeCall() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            List<JsonObject> calls = Api.array(api.get("/api/calls", Api.ADMIN)).getValuesAs(JsonObject.class);
            assertEquals(1, calls.size(), calls.toString());
            if (!calls.get(0).getString("answered").isEmpty() || System.nanoTime() > deadline) {
                return calls.get(0);
            }
            Thread.sleep(100);
        }
    }

    @Test
    @Order(1)
    void opusOnlyBrowserCallsPcmuPhoneAndHearsItsEchoThroughTheTranscoder() throws Exception {
        opusOnly("alice", "1000");
        // The phone registers from the port it then answers on (nat=force_rport: we send there).
        assertEquals(0, Sipp.register("register.xml", "u1", 5093, "carol", "carol-secret"));
        try (RtpPhone rtp = new RtpPhone(6400, true)) {
            Process phone = Sipp.start("uas-pcmu.xml", Map.of("RTP_PORT", "6400"), "u1", 5093);
            callway.phone("alice", CallwayServer.WSS + "/ws", "alice", "alice-secret");
            assertEquals("confirmed", callway.js("alice", "testPhone.call('1002')"));

            assertEquals(List.of("opus", "telephone-event"), remoteAudioEncodings("alice"), "alice was answered in Opus");
            JsonObject call = activeCall();
            assertEquals("opus", call.getString("codec"), call.toString());
            assertEquals("ulaw", call.getString("calleeCodec"), "the phone was offered and chose PCMU: " + call);
            assertHearsAudio("alice", "her voice came back through Opus→PCMU→echo→PCMU→Opus");
            assertPhoneGotPcmuVoice(rtp.heard());
            // The phone re-INVITEs 2 s after answering: answered in its own PCMU (sipp checks the
            // 200), not in alice's Opus, and the transcoded call goes on.
            Thread.sleep(1_000);
            assertHearsAudio("alice", "her voice still comes back after the phone's re-INVITE");

            assertEquals("ended", callway.js("alice", "testPhone.hangup()"));
            assertEquals(0, Sipp.await(phone), "the phone's re-INVITE was answered in PCMU, and it got the BYE");
        }
    }

    @Test
    @Order(2)
    void pcmuPhoneCallsOpusOnlyBrowserWhichHearsIt() throws Exception {
        opusOnly("bob", "1001");
        callway.phone("bob", CallwayServer.WSS + "/ws", "bob", "bob-secret");
        CompletableFuture<String> answered = CompletableFuture.supplyAsync(() -> {
            try {
                return callway.js("bob", "testPhone.answer()");
            } catch (Exception e) {
                return e.toString();
            }
        });
        // The phone sends back what it gets: bob's voice returns through PCMU, so he hears it.
        try (RtpPhone rtp = new RtpPhone(6500, true)) {
            Process caller = Sipp.start("call-uac-pcmu.xml", Map.of("RTP_PORT", "6500"), "u1", 5094, "-s", "carol",
                    "-au", "carol", "-ap", "carol-secret", "-key", "target", "1001");
            assertEquals("confirmed", answered.get(30, TimeUnit.SECONDS));
            JsonObject call = activeCall();
            assertEquals("ulaw", call.getString("codec"), "the phone was answered in PCMU: " + call);
            assertEquals("opus", call.getString("calleeCodec"), "bob was offered Opus only: " + call);
            assertEquals(List.of("opus", "telephone-event"), remoteAudioEncodings("bob"), "bob was offered Opus");
            assertHearsAudio("bob", "bob hears the call: Opus→PCMU→echo→PCMU→Opus");
            assertPhoneGotPcmuVoice(rtp.heard());
            assertEquals(0, Sipp.await(caller), "the phone's call went as scripted, BYE included");
            assertEquals("ended", callway.js("bob", "testPhone.ended()"));
        }
    }

    @Test
    @Order(3)
    void withNothingToTranscodeTheCallerGets488SayingWhy() throws Exception {
        HttpResponse<String> put = api.put("/api/peers/bob", "{\"name\":\"bob\",\"number\":\"1001\","
                + "\"transports\":[\"ws\",\"wss\"],\"avpf\":true,\"encryption\":true,"
                + "\"nat\":[\"force_rport\",\"comedia\"],\"context\":\"default\",\"codecs\":[\"g722\"]}", Api.ADMIN);
        assertEquals(200, put.statusCode(), put.body());
        assertEquals("failed 488 Incompatible SDP", callway.js("alice", "testPhone.call('1001')"));
        JsonObject cdr = Api.array(api.get("/api/cdrs?peer=alice", Api.ADMIN)).getValuesAs(JsonObject.class).get(0);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!cdr.getString("disposition").equals("FAILED") && System.nanoTime() < deadline) {
            Thread.sleep(100); // the CDR is written just after the 488 is sent
            cdr = Api.array(api.get("/api/cdrs?peer=alice", Api.ADMIN)).getValuesAs(JsonObject.class).get(0);
        }
        assertEquals("FAILED", cdr.getString("disposition"), cdr.toString());
        assertTrue(cdr.getString("hangupCause").contains("none to transcode"), cdr.toString());
    }
}
