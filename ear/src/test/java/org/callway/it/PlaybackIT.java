package org.callway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
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

    /** What a phone's RTP socket got: packets of one payload type and their decoded µ-law samples. */
    private record Heard(int packets, int otherPayloadTypes, int peak, int zeroCrossings, int samples) {
        /** The dominant frequency, from the zero crossings (two per period). */
        double frequency() {
            return zeroCrossings / 2.0 / (samples / 8000.0);
        }
    }

    /** Receives RTP on {@code socket} until {@code done} completes (the phone was hung up on). */
    private static Heard listen(DatagramSocket socket, CompletableFuture<Integer> done) throws Exception {
        byte[] buffer = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.setSoTimeout(200);
        int packets = 0;
        int others = 0;
        int peak = 0;
        int crossings = 0;
        int samples = 0;
        int previous = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!done.isDone() && System.nanoTime() < deadline) {
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                continue;
            }
            if (packet.getLength() < 12 || (buffer[0] & 0xc0) != 0x80) {
                continue; // not RTP version 2 (RFC 3550 §5.1)
            }
            if ((buffer[1] & 0x7f) != 0) {
                others++;
                continue;
            }
            packets++;
            for (int i = 12; i < packet.getLength(); i++) {
                int s = ulaw(buffer[i]);
                peak = Math.max(peak, Math.abs(s));
                if ((s >= 0) != (previous >= 0)) {
                    crossings++;
                }
                previous = s;
                samples++;
            }
        }
        return new Heard(packets, others, peak, crossings, samples);
    }

    /** ITU-T G.711 µ-law to linear PCM (16-bit scale). */
    private static int ulaw(byte b) {
        int u = ~b & 0xff;
        int t = (((u & 0x0f) << 3) + 0x84) << ((u & 0x70) >> 4);
        return (u & 0x80) != 0 ? 0x84 - t : t - 0x84;
    }

    /** carol (sipp, UDP, PCMU) calls {@code extension}; returns what her RTP port heard until the BYE. */
    private Heard phoneCalls(String extension, int sipPort, int rtpPort) throws Exception {
        try (DatagramSocket rtp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), rtpPort))) {
            Process phone = Sipp.start("call-playback.xml", Map.of("RTP_PORT", Integer.toString(rtpPort)), "u1", sipPort,
                    "-s", "carol", "-au", "carol", "-ap", "carol-secret", "-key", "target", extension);
            CompletableFuture<Integer> verdict = CompletableFuture.supplyAsync(() -> {
                try {
                    return Sipp.await(phone);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
            });
            Heard heard = listen(rtp, verdict);
            assertEquals(0, verdict.get(60, TimeUnit.SECONDS), "sipp got its 200 OK, then the server's BYE: " + heard);
            return heard;
        }
    }

    @Test
    @Order(2)
    void phoneCalls601HearsThePromptInPcmuAndIsHungUpOn() throws Exception {
        Heard heard = phoneCalls("601", 5091, 6300);
        assertTrue(heard.packets() > 50, "PCMU packets of the prompt: " + heard);
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
        Heard heard = phoneCalls("602", 5092, 6302);
        assertTrue(heard.packets() > 150, "about 5 s of tone: " + heard);
        assertEquals(1004, heard.frequency(), 60, "the 1004 Hz test tone, decoded: " + heard);
        assertTrue(heard.peak() > 1000, heard.toString());
        assertEquals("602", cdrs("carol").get(0).getString("callee"));
    }
}
