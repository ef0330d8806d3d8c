package org.callway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Video through the B2BUA: alice and bob in Chromium with fake cameras, a video call BUNDLEd with
 * the audio on each leg (RFC 9143), the engine relaying VP8 and the key-frame requests (PLI/FIR)
 * between them; bob's browser decodes alice's frames.
 */
class VideoCallIT {

    @RegisterExtension
    static final ServerAndBrowser callway = new ServerAndBrowser("video-call");



    private static JsonObject video(String page) throws Exception {
        return (JsonObject) callway.chromium().eval(page, "testPhone.videoStats()");
    }

    @Test
    void bobSeesAlice() throws Exception {
        callway.phone("alice", CallwayServer.WSS + "/ws", "alice", "alice-secret");
        callway.phone("bob", CallwayServer.WSS + "/ws", "bob", "bob-secret");
        CompletableFuture<String> calling = CompletableFuture.supplyAsync(() -> {
            try {
                return callway.js("alice", "testPhone.call('1001', true)");
            } catch (Exception e) {
                return e.toString();
            }
        });
        assertEquals("confirmed", callway.js("bob", "testPhone.answer(true)"));
        assertEquals("confirmed", calling.get(30, TimeUnit.SECONDS));

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (video("bob").getInt("framesDecoded") == 0 && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        JsonObject before = video("bob");
        Thread.sleep(2_000);
        JsonObject after = video("bob");
        assertTrue(after.getInt("framesDecoded") > before.getInt("framesDecoded") + 10,
                "bob's decoder keeps getting alice's frames: " + before + " then " + after + "; server: "
                        + new Api().get("/api/calls", Api.ADMIN).body());
        assertEquals("video/VP8", after.getString("codec"));
        assertTrue(video("alice").getInt("framesDecoded") > 0, "and alice sees bob: " + video("alice"));

        Path shots = Path.of(System.getProperty("callway.work.dir", "target/it"), "screenshots");
        Files.createDirectories(shots);
        callway.chromium().screenshot("bob", shots.resolve("video-call-bob.png"));
        assertEquals("ended", callway.js("alice", "testPhone.hangup()"));
    }
}
