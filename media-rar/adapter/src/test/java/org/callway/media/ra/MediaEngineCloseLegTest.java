package org.callway.media.ra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.List;
import org.callway.media.api.DropReason;
import org.callway.media.api.IceCandidate;
import org.callway.media.api.IceRole;
import org.callway.media.api.LegId;
import org.callway.media.api.LegKind;
import org.callway.media.api.PayloadFormat;
import org.callway.media.api.RemoteParameters;
import org.callway.media.api.Setup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What closing a leg and changing its formats do to the legs and engine entries that refer
 * to it: the engine finds them through the leg itself (not by scanning every leg), so these
 * check that nothing is missed and nothing of a closed leg is left behind.
 */
class MediaEngineCloseLegTest {

    private final ThreadWorkManager work = new ThreadWorkManager();
    private MediaEngine engine;
    private InetSocketAddress engineAddress;

    @BeforeEach
    void start() throws Exception {
        // ICE timeout long enough that checks are still open when the leg is closed.
        engine = new MediaEngine(work, List.of(new InetSocketAddress("127.0.0.1", 0)),
                new MediaEngine.Settings(1, 20, 30_000, 10_000, 5_000, 30_000, 64));
        engine.start();
        engineAddress = engine.addresses().get(0);
    }

    @AfterEach
    void stop() {
        engine.stop();
    }

    private LegId plainLeg(DatagramSocket phone) {
        LegId id = engine.allocate(LegKind.RTP_AVP, IceRole.CONTROLLING, null);
        engine.remoteParameters(id, RemoteParameters.plainRtp("127.0.0.1", phone.getLocalPort()));
        return id;
    }

    private void send(DatagramSocket from, byte[] packet) throws Exception {
        from.send(new DatagramPacket(packet, packet.length, engineAddress));
    }

    private static long settled(java.util.function.LongSupplier value) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        long last = value.getAsLong();
        while (System.nanoTime() < deadline) {
            Thread.sleep(50);
            long now = value.getAsLong();
            if (now == last && now > 0) {
                return now;
            }
            last = now;
        }
        return last;
    }

    @Test
    void closingABridgedLegClearsItsPartnerAndItsSsrcs() throws Exception {
        try (DatagramSocket phoneA = MediaEngineLoopbackTest.phone();
                DatagramSocket phoneB = MediaEngineLoopbackTest.phone();
                DatagramSocket attacker = MediaEngineLoopbackTest.phone()) {
            LegId a = plainLeg(phoneA);
            LegId b = plainLeg(phoneB);
            engine.bridge(a, b);
            byte[] fromA = MediaEngineLoopbackTest.rtp(0xAAAA0001, 1, "a");
            byte[] fromB = MediaEngineLoopbackTest.rtp(0xBBBB0001, 1, "b");
            send(phoneA, fromA);
            assertArrayEquals(fromA, MediaEngineAudioTest.receive(phoneB));
            send(phoneB, fromB);
            assertArrayEquals(fromB, MediaEngineAudioTest.receive(phoneA));
            assertEquals(a, engine.ssrcOwner(0xAAAA0001));
            assertEquals(b, engine.ssrcOwner(0xBBBB0001));
            assertEquals(b, engine.target(a));
            assertEquals(a, engine.target(b));

            engine.closeLeg(a);

            assertNull(engine.ssrcOwner(0xAAAA0001), "no SSRC entry outlives its leg");
            assertEquals(b, engine.ssrcOwner(0xBBBB0001), "the partner's own entry stays");
            assertNull(engine.target(b), "the partner forwards nowhere");
            assertSame(Forwarding.UNTOUCHED, engine.forwarding(b));

            // B's media is now dropped as unroutable; A's SSRC from elsewhere is no one's.
            long unrouted = engine.unroutedDrops();
            send(phoneB, MediaEngineLoopbackTest.rtp(0xBBBB0001, 2, "b"));
            assertEquals(1, settled(() -> engine.stats(b).dropped(DropReason.NO_ROUTE)));
            send(attacker, MediaEngineLoopbackTest.rtp(0xAAAA0001, 2, "a"));
            assertEquals(unrouted + 1, settled(engine::unroutedDrops));
        }
    }

    @Test
    void aTransferredLegIsClearedOnlyByItsCurrentPartnersClose() throws Exception {
        try (DatagramSocket phoneA = MediaEngineLoopbackTest.phone();
                DatagramSocket phoneB = MediaEngineLoopbackTest.phone();
                DatagramSocket phoneC = MediaEngineLoopbackTest.phone()) {
            LegId a = plainLeg(phoneA);
            LegId b = plainLeg(phoneB);
            LegId c = plainLeg(phoneC);
            engine.bridge(a, b);
            engine.bridge(a, c); // a transfer: B still points at A, A at C
            assertEquals(a, engine.target(b));
            engine.closeLeg(c);
            assertNull(engine.target(a));
            assertEquals(a, engine.target(b), "B was not C's partner");
            engine.closeLeg(a);
            assertNull(engine.target(b));
        }
    }

    @Test
    void newFormatsReplanThePartnerThatSendsToTheLeg() throws Exception {
        try (DatagramSocket phoneA = MediaEngineLoopbackTest.phone();
                DatagramSocket phoneB = MediaEngineLoopbackTest.phone()) {
            LegId a = plainLeg(phoneA);
            LegId b = plainLeg(phoneB);
            engine.bridge(a, b);
            engine.formats(a, List.of(PayloadFormat.PCMU));
            assertSame(Forwarding.UNTOUCHED, engine.forwarding(a), "B has no formats yet");
            engine.formats(b, List.of(PayloadFormat.audio(8, "PCMA", 8000, 1)));
            assertInstanceOf(Forwarding.Transcode.class, engine.forwarding(a), "replanned for B's formats");
            assertInstanceOf(Forwarding.Transcode.class, engine.forwarding(b));
        }
    }

    @Test
    void closingAnEchoingLegLeavesNothingBehind() throws Exception {
        try (DatagramSocket phone = MediaEngineLoopbackTest.phone()) {
            LegId a = plainLeg(phone);
            engine.echo(a);
            assertEquals(a, engine.target(a));
            byte[] media = MediaEngineLoopbackTest.rtp(0xEC0EC001, 1, "echo");
            send(phone, media);
            assertArrayEquals(media, MediaEngineAudioTest.receive(phone));
            engine.closeLeg(a);
            assertNull(engine.ssrcOwner(0xEC0EC001));
            assertEquals(0, engine.legCount());
        }
    }

    @Test
    void closingAWebRtcLegDropsItsOpenCheckTransactions() throws Exception {
        try (DatagramSocket silent = MediaEngineLoopbackTest.phone()) {
            LegId w = engine.allocate(LegKind.WEBRTC, IceRole.CONTROLLING, null);
            // A candidate that never answers: its check stays an open transaction.
            engine.remoteParameters(w, RemoteParameters.webRtc("abcd", "0123456789012345678901", List.of(
                    new IceCandidate("1", 1, "udp", 2122194687L, "127.0.0.1", silent.getLocalPort(), "host")),
                    "00:11", Setup.ACTPASS));
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (engine.transactionsOf(w) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(engine.transactionsOf(w) > 0, "a check was started");
            engine.closeLeg(w);
            assertEquals(0, engine.transactionsOf(w), "no transaction entry outlives its leg");
            Thread.sleep(200); // ticks after the close start nothing that stays
            assertEquals(0, engine.transactionsOf(w));
        }
    }
}
