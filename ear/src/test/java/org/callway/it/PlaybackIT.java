package org.callway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Asterisk's demo 601 as a user meets it: the call is answered, a prompt plays, and the server
 * hangs up when it ends (Playback() then Hangup()). Heard by a browser (getStats of the played
 * remote audio) and by a G.711 desk phone (sipp signalling, the test's own socket as its RTP
 * port, the µ-law decoded).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlaybackIT {

    @RegisterExtension
    static final ServerAndBrowser callway = new ServerAndBrowser("playback");
    private final Api api = new Api();

    /**
     * Samples the call's inbound audio every 200 ms until the far end ends it: the first sample
     * with packets, the most packets and the loudest level seen, and who ended the call why.
     */
    private static final String LISTEN_UNTIL_ENDED = """
            (async () => {
              const s = testPhone.session;
              let endedBy = null;
              s.on('ended', e => { endedBy = e.originator + ' ' + e.cause; });
              let first = -1, packets = 0, level = 0;
              const deadline = Date.now() + 60000;
              while (!s.isEnded() && Date.now() < deadline) {
                try {
                  const a = await testPhone.audioStats();
                  if (first < 0 && a.packetsReceived > 0) first = a.packetsReceived;
                  packets = Math.max(packets, a.packetsReceived);
                  level = Math.max(level, a.audioLevel);
                } catch (e) { /* the connection closed under us: the call ended */ }
                await new Promise(r => setTimeout(r, 200));
              }
              await new Promise(r => setTimeout(r, 200));
              return { first, packets, level, endedBy: endedBy || (s.isEnded() ? 'ended' : 'still up') };
            })()""";

    private List<JsonObject> cdrs(String peer) throws Exception {
        return Api.array(api.get("/api/cdrs?peer=" + peer, Api.ADMIN)).getValuesAs(JsonObject.class);
    }

    @Test
    @Order(1)
    void browserCalls601HearsThePromptAndIsHungUpOn() throws Exception {
        callway.phone("alice", CallwayServer.WSS + "/ws", "alice", "alice-secret");
        assertEquals("confirmed", callway.js("alice", "testPhone.call('601')"));
        JsonObject heard = (JsonObject) callway.chromium().eval("alice", LISTEN_UNTIL_ENDED);
        assertTrue(heard.getInt("first") > 0, "the prompt arrived: " + heard);
        assertTrue(heard.getInt("packets") > heard.getInt("first") + 25, "and kept arriving: " + heard);
        assertTrue(heard.getJsonNumber("level").doubleValue() > 0, "with sound in it: " + heard);
        assertEquals("remote Terminated", heard.getString("endedBy"), "the server's BYE ended the call: " + heard);

        JsonObject cdr = cdrs("alice").get(0);
        assertEquals("601", cdr.getString("callee"));
        assertEquals("ANSWERED", cdr.getString("disposition"), cdr.toString());
        assertEquals("playback done", cdr.getString("hangupCause"), cdr.toString());
        assertTrue(cdr.getJsonNumber("packetsOut").longValue() > 25, "the CDR counts the prompt sent: " + cdr);
    }

    /** carol (sipp, UDP, PCMU) calls {@code extension}; returns what her RTP port heard until the BYE. */
    private RtpPhone.Heard phoneCalls(String extension, int sipPort, int rtpPort) throws Exception {
        try (RtpPhone rtp = new RtpPhone(rtpPort, false)) {
            Process phone = Sipp.start("call-playback.xml", Map.of("RTP_PORT", Integer.toString(rtpPort)), "u1", sipPort,
                    "-s", "carol", "-au", "carol", "-ap", "carol-secret", "-key", "target", extension);
            assertEquals(0, Sipp.await(phone), "sipp got its 200 OK, then the server's BYE: " + rtp.heard());
            return rtp.heard();
        }
    }

    @Test
    @Order(2)
    void phoneCalls601HearsThePromptInPcmuAndIsHungUpOn() throws Exception {
        RtpPhone.Heard heard = phoneCalls("601", 5091, 6300);
        assertTrue(heard.pcmu() > 50, "PCMU packets of the prompt: " + heard);
        assertEquals(0, heard.otherPayloadTypes(), "only PCMU, the codec agreed: " + heard);
        assertTrue(heard.peak() > 1000, "the decoded prompt is not silence: " + heard);
        JsonObject cdr = cdrs("carol").get(0);
        assertEquals("601", cdr.getString("callee"));
        assertEquals("ANSWERED", cdr.getString("disposition"), cdr.toString());
    }

    @Test
    @Order(3)
    void aPlaybackLineNamingToneGivesTheTestTone() throws Exception {
        HttpResponse<String> created = api.post("/api/dialplan",
                "{\"extension\":\"602\",\"application\":\"playback\",\"argument\":\"tone\"}", Api.ADMIN);
        assertEquals(201, created.statusCode(), created.body());
        RtpPhone.Heard heard = phoneCalls("602", 5092, 6302);
        assertTrue(heard.pcmu() > 150, "about 5 s of tone: " + heard);
        assertEquals(1004, heard.frequency(), 60, "the 1004 Hz test tone, decoded: " + heard);
        assertTrue(heard.peak() > 1000, heard.toString());
        assertEquals("602", cdrs("carol").get(0).getString("callee"));
    }

    /** The newest CDR of {@code peer}, once it is about {@code callee} (written just after the answer goes out). */
    private JsonObject latestCdr(String peer, String callee) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        JsonObject cdr = cdrs(peer).get(0);
        while (!cdr.getString("callee").equals(callee) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            cdr = cdrs(peer).get(0);
        }
        return cdr;
    }

    @Test
    @Order(4)
    void aPromptThatDoesNotExistGets500AndAFailedCdrNamingIt() throws Exception {
        HttpResponse<String> created = api.post("/api/dialplan",
                "{\"extension\":\"603\",\"application\":\"playback\",\"argument\":\"no-such-prompt\"}", Api.ADMIN);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(0, Sipp.await(Sipp.start("call-refused.xml", Map.of("STATUS", "500", "PROFILE", "RTP/AVP"), "u1",
                5095, "-s", "carol", "-au", "carol", "-ap", "carol-secret", "-key", "target", "603")));
        JsonObject cdr = latestCdr("carol", "603");
        assertEquals("FAILED", cdr.getString("disposition"), cdr.toString());
        assertTrue(cdr.getString("hangupCause").contains("no-such-prompt"), cdr.toString());
    }

    @Test
    @Order(5)
    void aPeerWithNoCodecAPromptPlaysInGets488() throws Exception {
        HttpResponse<String> created = api.post("/api/peers", "{\"name\":\"gwen\",\"number\":\"1007\","
                + "\"secret\":\"gwen-secret\",\"transports\":[\"wss\"],\"avpf\":true,\"encryption\":true,"
                + "\"codecs\":[\"g722\"]}", Api.ADMIN);
        assertEquals(201, created.statusCode(), created.body());
        callway.phone("gwen", CallwayServer.WSS + "/ws", "gwen", "gwen-secret");
        assertEquals("failed 488 Incompatible SDP", callway.js("gwen", "testPhone.call('601')"));
        JsonObject cdr = latestCdr("gwen", "601");
        assertEquals("FAILED", cdr.getString("disposition"), cdr.toString());
        assertTrue(cdr.getString("hangupCause").contains("a prompt plays in opus, ulaw or alaw"), cdr.toString());
    }
}
