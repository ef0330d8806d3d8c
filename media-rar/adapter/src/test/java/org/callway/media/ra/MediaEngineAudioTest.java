package org.callway.media.ra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.callway.media.api.IceRole;
import org.callway.media.api.LegId;
import org.callway.media.api.LegKind;
import org.callway.media.api.MediaEvent;
import org.callway.media.api.PayloadFormat;
import org.callway.media.api.Prompt;
import org.callway.media.api.RemoteParameters;
import org.callway.media.ra.audio.AudioCodec;
import org.callway.media.ra.audio.G711Codec;
import org.callway.media.ra.audio.Rtp;
import org.callway.media.ra.audio.Signals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's audio work over real loopback sockets: two plain RTP legs of one engine, each
 * with a test socket as its "phone", bridged, renumbered, transcoded or played into. What the
 * phones receive is decoded and measured as a listener would hear it.
 */
class MediaEngineAudioTest {

    static final PayloadFormat PCMU = PayloadFormat.PCMU;
    static final PayloadFormat EVENT_8K = PayloadFormat.audio(101, "telephone-event", 8000, 1);
    static final PayloadFormat OPUS = PayloadFormat.OPUS;
    static final PayloadFormat EVENT_48K = PayloadFormat.audio(110, "telephone-event", 48000, 1);

    private final ThreadWorkManager work = new ThreadWorkManager();
    private final BlockingQueue<MediaEvent> events = new LinkedBlockingQueue<>();
    private MediaEngine engine;
    private DatagramSocket phoneA;
    private DatagramSocket phoneB;
    private InetSocketAddress engineAddress;

    @BeforeEach
    void start() throws Exception {
        engine = new MediaEngine(work, List.of(new InetSocketAddress("127.0.0.1", 0)),
                new MediaEngine.Settings(1, 20, 10_000, 10_000, 5_000, 30_000, 64));
        engine.start();
        engineAddress = engine.addresses().get(0);
        phoneA = MediaEngineLoopbackTest.phone();
        phoneB = MediaEngineLoopbackTest.phone();
    }

    @AfterEach
    void stop() {
        engine.stop();
        phoneA.close();
        phoneB.close();
    }

    private LegId leg(DatagramSocket phone, List<PayloadFormat> formats) {
        LegId id = engine.allocate(LegKind.RTP_AVP, IceRole.CONTROLLING, events::add);
        engine.remoteParameters(id, RemoteParameters.plainRtp("127.0.0.1", phone.getLocalPort()));
        if (formats != null) {
            engine.formats(id, formats);
        }
        return id;
    }

    private void send(DatagramSocket from, byte[] packet) throws Exception {
        from.send(new DatagramPacket(packet, packet.length, engineAddress));
    }

    static byte[] receive(DatagramSocket socket) throws Exception {
        DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
        socket.receive(p);
        return Arrays.copyOf(p.getData(), p.getLength());
    }

    static byte[] rtp(int pt, boolean marker, int seq, int ts, int ssrc, byte[] payload, int len) {
        byte[] b = new byte[12 + len];
        Rtp.header(b, 0, marker, pt, seq, ts, ssrc);
        System.arraycopy(payload, 0, b, 12, len);
        return b;
    }

    /** Sends {@code pcm} at 8 kHz as 20 ms PCMU packets from {@code phone}. */
    private void sendPcmu(DatagramSocket phone, short[] pcm, int ssrc, int seq0) throws Exception {
        byte[] payload = new byte[160];
        for (int i = 0; i * 160 < pcm.length; i++) {
            new G711Codec(false).encode(pcm, i * 160, 160, payload, 0);
            send(phone, rtp(0, i == 0, seq0 + i, i * 160, ssrc, payload, 160));
            Thread.sleep(2); // the engine is faster than that; a loopback socket buffer is not endless
        }
    }

    /**
     * Receives until {@code count} RTP packets or a quiet second after the first. The first
     * may take seconds in a fresh JVM (jitsi-srtp times its AES implementations on first use,
     * Concentus runs interpreted at first).
     */
    static List<byte[]> receiveAll(DatagramSocket socket, int count) throws Exception {
        List<byte[]> got = new ArrayList<>();
        socket.setSoTimeout(15_000);
        try {
            while (got.size() < count) {
                got.add(receive(socket));
                socket.setSoTimeout(1_000);
            }
        } catch (SocketTimeoutException enough) {
            // the stream stopped
        }
        return got;
    }

    /** Decodes the payloads of {@code packets} (in order) with a fresh decoder for {@code format}. */
    static short[] decode(List<byte[]> packets, PayloadFormat format) {
        AudioCodec codec = AudioCodec.of(format);
        short[] pcm = new short[packets.size() * AudioCodec.MAX_DECODED];
        int n = 0;
        for (byte[] p : packets) {
            int po = Rtp.payloadOffset(p, 0, p.length);
            n += codec.decode(p, po, p.length - po, pcm, n);
        }
        return Arrays.copyOf(pcm, n);
    }

    /** One SSRC, sequence numbers +1, timestamps + one frame, payload type as given. */
    static void assertOneStream(List<byte[]> packets, int pt, int frame) {
        for (int i = 1; i < packets.size(); i++) {
            byte[] p = packets.get(i);
            byte[] q = packets.get(i - 1);
            assertEquals(pt, Rtp.payloadType(p, 0), "payload type of packet " + i);
            assertEquals(Rtp.ssrc(q, 0), Rtp.ssrc(p, 0), "SSRC of packet " + i);
            assertEquals((Rtp.sequence(q, 0) + 1) & 0xFFFF, Rtp.sequence(p, 0), "sequence of packet " + i);
            assertEquals(Rtp.timestamp(q, 0) + frame, Rtp.timestamp(p, 0), "timestamp of packet " + i);
        }
    }

    @Test
    void pcmuPhoneIsTranscodedToOpusAndBack() throws Exception {
        LegId pcmu = leg(phoneA, List.of(PCMU, EVENT_8K));
        LegId opus = leg(phoneB, List.of(OPUS, EVENT_48K));
        engine.bridge(pcmu, opus);

        // A second of 1 kHz from the G.711 phone comes out as Opus.
        sendPcmu(phoneA, Signals.sine(1000, 8000, 8000, 8000), 0x1234, 100);
        List<byte[]> toOpus = receiveAll(phoneB, 50);
        assertTrue(toOpus.size() >= 48, "20 ms Opus frames for a second of audio: " + toOpus.size());
        assertOneStream(toOpus, 111, 960);
        assertTrue(Rtp.marker(toOpus.get(0), 0), "marker on the first packet");
        assertNotEquals(0x1234, Rtp.ssrc(toOpus.get(0), 0), "a transcoded stream is the engine's own source");
        short[] heard = decode(toOpus, OPUS);
        double at1k = Signals.amplitude(heard, 24000, 19200, 1000, 48000);
        assertEquals(8000, at1k, 1600, "the 1 kHz tone survives G.711 -> 48 kHz -> Opus");
        assertTrue(Signals.amplitude(heard, 24000, 19200, 3000, 48000) < at1k / 30, "and little else");

        // A DTMF '5' (RFC 4733) follows in the same stream, renumbered and rescaled to 48 kHz.
        byte[] event = {5, 0x0A, 0x01, (byte) 0x40}; // duration 320 at 8 kHz
        send(phoneA, rtp(101, true, 150, 7840, 0x1234, event, 4));
        byte[] dtmf = receive(phoneB);
        assertEquals(110, Rtp.payloadType(dtmf, 0));
        assertEquals(Rtp.ssrc(toOpus.get(0), 0), Rtp.ssrc(dtmf, 0), "RFC 4733 §2.1: the audio stream's SSRC");
        assertEquals(320 * 6, Rtp.u16(dtmf, 14), "duration on the 48 kHz clock");
        assertEquals(5, dtmf[12]);

        // The G.711 phone's RTCP describes a stream phone B never saw: not forwarded.
        byte[] sr = new byte[28];
        sr[0] = (byte) 0x80;
        sr[1] = (byte) 200;
        sr[3] = 6;
        Rtp.put32(sr, 4, 0x1234);
        send(phoneA, sr);
        phoneB.setSoTimeout(300);
        assertThrows(SocketTimeoutException.class, () -> receive(phoneB));

        // And back: Opus at 48 kHz from the browser side comes out as PCMU 20 ms packets.
        AudioCodec encoder = AudioCodec.of(OPUS);
        short[] tone = Signals.sine(1000, 48000, 48000, 8000);
        byte[] payload = new byte[1500];
        for (int i = 0; i < 25; i++) { // 40 ms Opus packets: two 20 ms PCMU frames each
            int bytes = encoder.encode(tone, i * 1920, 1920, payload, 0);
            send(phoneB, rtp(111, i == 0, 7 + i, i * 1920, 0x5678, payload, bytes));
            Thread.sleep(2);
        }
        List<byte[]> toPcmu = receiveAll(phoneA, 50);
        assertTrue(toPcmu.size() >= 48, "20 ms PCMU packets for a second: " + toPcmu.size());
        assertOneStream(toPcmu, 0, 160);
        toPcmu.forEach(p -> assertEquals(12 + 160, p.length));
        short[] back = decode(toPcmu, PCMU);
        assertEquals(8000, Signals.amplitude(back, 4000, 3200, 1000, 8000), 1600, "1 kHz after Opus -> 8 kHz -> PCMU");

        // The browser side restarts its stream (new SSRC, timestamps from far behind): still heard.
        for (int i = 0; i < 5; i++) {
            int bytes = encoder.encode(tone, i * 960, 960, payload, 0);
            send(phoneB, rtp(111, i == 0, 3 + i, 5 + i * 960, 0x9999, payload, bytes));
        }
        List<byte[]> restarted = receiveAll(phoneA, 5);
        assertEquals(5, restarted.size(), "a new SSRC is a new stream, not late packets");
        assertEquals(Rtp.ssrc(toPcmu.get(0), 0), Rtp.ssrc(restarted.get(0), 0));
        assertTrue(Rtp.marker(restarted.get(0), 0));
        assertEquals(0, engine.stats(opus).dropped(org.callway.media.api.DropReason.MALFORMED));
    }

    @Test
    void sameCodecNumberedDifferentlyIsRenumberedAndOtherwiseUntouched() throws Exception {
        PayloadFormat vp8a = new PayloadFormat(96, "VP8", 90000, 1, true);
        PayloadFormat vp8b = new PayloadFormat(98, "VP8", 90000, 1, true);
        LegId a = leg(phoneA, List.of(OPUS, PCMU, PayloadFormat.audio(126, "telephone-event", 48000, 1), vp8a));
        LegId b = leg(phoneB, List.of(PayloadFormat.audio(109, "opus", 48000, 2),
                PayloadFormat.audio(101, "telephone-event", 48000, 1), vp8b));
        engine.bridge(a, b);
        byte[] payload = "opus bytes, not decoded".getBytes();
        int[][] cases = {{111, 109}, {126, 101}, {96, 98}};
        for (int i = 0; i < cases.length; i++) {
            byte[] sent = rtp(cases[i][0], true, 10 + i, 960 * i, 0xABCD, payload, payload.length);
            send(phoneA, sent);
            byte[] got = receive(phoneB);
            assertEquals(cases[i][1], Rtp.payloadType(got, 0), "PT " + cases[i][0]);
            assertTrue(Rtp.marker(got, 0), "marker bit kept");
            byte[] expected = sent.clone();
            expected[1] = (byte) (0x80 | cases[i][1]);
            assertArrayEquals(expected, got, "the first source keeps its SSRC, sequence and timestamps");
        }
        // and back the other way
        send(phoneB, rtp(109, false, 1, 0, 0x1111, payload, payload.length));
        assertEquals(111, Rtp.payloadType(receive(phoneA), 0));
        // a format leg B never agreed on (PCMU) is not sent to it
        send(phoneA, rtp(0, false, 13, 0, 0xABCD, payload, payload.length));
        phoneB.setSoTimeout(300);
        assertThrows(SocketTimeoutException.class, () -> receive(phoneB));
    }

    @Test
    void aTonePlaysAsPcmuAndEndsWithPlaybackDone() throws Exception {
        LegId id = leg(phoneA, null); // no formats: PCMU
        long started = System.nanoTime();
        engine.play(id, new Prompt.Tone(List.of(425), 1000, 0, 400));
        List<byte[]> got = receiveAll(phoneA, 40);
        MediaEvent done = await(MediaEvent.PlaybackDone.class);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertEquals(id, done.leg());
        assertTrue(tookMillis >= 380, "PlaybackDone after the tone's 400 ms, took " + tookMillis);
        assertEquals(20, got.size(), "400 ms in 20 ms packets");
        assertTrue(Rtp.marker(got.get(0), 0));
        assertFalse(Rtp.marker(got.get(1), 0));
        assertOneStream(got, 0, 160);
        short[] heard = decode(got, PCMU);
        double at425 = Signals.amplitude(heard, 0, heard.length, 425, 8000);
        assertEquals(8000, at425, 800, "European ringing tone, 425 Hz");
        assertTrue(Signals.amplitude(heard, 0, heard.length, 1000, 8000) < at425 / 30);
        assertThrows(IllegalArgumentException.class, () -> engine.play(id, new Prompt.Wav("no-such-prompt")));
    }

    @Test
    void theDemoPromptPlaysAsOpus() throws Exception {
        LegId id = leg(phoneA, List.of(OPUS));
        engine.play(id, new Prompt.Wav("demo"));
        List<byte[]> got = receiveAll(phoneA, 200);
        await(MediaEvent.PlaybackDone.class);
        int frames = (org.callway.media.ra.audio.Wav.prompt("demo", 48000).length + 959) / 960;
        assertTrue(org.callway.media.ra.audio.Wav.encoded("demo", OPUS, null)
                == org.callway.media.ra.audio.Wav.encoded("demo", OPUS, null), "encoded once, played many times");
        assertEquals(frames, got.size(), "the whole prompt in 20 ms Opus frames");
        assertOneStream(got, 111, 960);
        short[] heard = decode(got, OPUS);
        // The first note is C5 (523 Hz): there, and loud, in the first 300 ms.
        assertTrue(Signals.amplitude(heard, 0, 14400, 523.25, 48000) > 1000);
    }

    @Test
    void aPromptThenTheBridgedPartnerIsOneContinuousStream() throws Exception {
        LegId a = leg(phoneA, List.of(PCMU));
        LegId b = leg(phoneB, List.of(PCMU));
        engine.play(a, new Prompt.Tone(List.of(400, 450), 200, 0, 0)); // ringback until answered
        List<byte[]> ringing = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ringing.add(receive(phoneA));
        }
        engine.bridge(a, b);
        Thread.sleep(100);
        while (true) { // frames sent before the bridge stopped the prompt
            phoneA.setSoTimeout(50);
            try {
                ringing.add(receive(phoneA));
            } catch (SocketTimeoutException e) {
                break;
            }
        }
        phoneA.setSoTimeout(3_000);
        sendPcmu(phoneB, Signals.sine(1000, 8000, 1600, 8000), 0x77777777, 40_000);
        List<byte[]> answered = receiveAll(phoneA, 10);
        assertEquals(10, answered.size());
        List<byte[]> all = new ArrayList<>(ringing);
        all.addAll(answered);
        int ssrc = Rtp.ssrc(all.get(0), 0);
        for (int i = 1; i < all.size(); i++) {
            byte[] p = all.get(i);
            byte[] q = all.get(i - 1);
            assertEquals(ssrc, Rtp.ssrc(p, 0), "one SSRC for the phone, packet " + i);
            assertEquals((Rtp.sequence(q, 0) + 1) & 0xFFFF, Rtp.sequence(p, 0), "sequence carries on, packet " + i);
            assertTrue(Rtp.timestamp(p, 0) - Rtp.timestamp(q, 0) >= 160, "timestamps move on, packet " + i);
        }
        byte[] first = answered.get(0);
        assertTrue(Rtp.marker(first, 0), "the answer starts a talkspurt");
        int gap = Rtp.timestamp(first, 0) - Rtp.timestamp(ringing.get(ringing.size() - 1), 0);
        assertTrue(gap >= 160 && gap < 8000 * 10, "the timestamp gap follows the wall clock: " + gap);
        assertEquals(Rtp.timestamp(first, 0) + 160, Rtp.timestamp(answered.get(1), 0));
        assertTrue(events.stream().noneMatch(e -> e instanceof MediaEvent.PlaybackDone),
                "an interrupted prompt did not reach its end");

        // RTCP follows the renumbering both ways: phone B's SR reaches phone A in the leg's
        // numbering, phone A's report on the leg's stream reaches phone B about its own packets.
        byte[] sr = new byte[28];
        sr[0] = (byte) 0x80;
        sr[1] = (byte) 200;
        sr[3] = 6;
        Rtp.put32(sr, 4, 0x77777777);
        Rtp.put32(sr, 16, 1600); // RTP timestamp of phone B's clock
        send(phoneB, sr);
        byte[] srAtA = receive(phoneA);
        assertEquals(ssrc, Rtp.i32(srAtA, 4), "the SR speaks for the SSRC phone A knows");
        int tsOffset = Rtp.timestamp(first, 0) - 0; // phone B's first packet had timestamp 0
        assertEquals(1600 + tsOffset, Rtp.i32(srAtA, 16), "and in its timestamps");
        byte[] rr = new byte[32];
        rr[0] = (byte) 0x81;
        rr[1] = (byte) 201;
        rr[3] = 7;
        Rtp.put32(rr, 4, 0x0A0A0A0A);
        Rtp.put32(rr, 8, ssrc);
        Rtp.put32(rr, 16, Rtp.sequence(answered.get(9), 0)); // extended highest sequence received
        send(phoneA, rr);
        byte[] rrAtB = receive(phoneB);
        assertEquals(0x77777777, Rtp.i32(rrAtB, 8), "the report is about phone B's stream");
        assertEquals(40_009, Rtp.i32(rrAtB, 16), "in phone B's sequence numbers");
    }

    /** A transfer: leg A's partner B is replaced by C; A's phone still sees one stream. */
    @Test
    void aNewPartnerContinuesTheStream() throws Exception {
        try (DatagramSocket phoneC = MediaEngineLoopbackTest.phone()) {
            LegId a = leg(phoneA, List.of(PCMU));
            LegId b = leg(phoneB, List.of(PCMU));
            LegId c = leg(phoneC, List.of(PayloadFormat.audio(8, "PCMA", 8000, 1)));
            engine.bridge(a, b);
            sendPcmu(phoneB, Signals.sine(1000, 8000, 1600, 8000), 0xB, 1000);
            List<byte[]> fromB = receiveAll(phoneA, 10);
            engine.closeLeg(b);
            engine.bridge(a, c); // and C speaks A-law: transcoded into A's μ-law stream
            byte[] payload = new byte[160];
            short[] tone = Signals.sine(1000, 8000, 1600, 8000);
            for (int i = 0; i < 10; i++) {
                new G711Codec(true).encode(tone, i * 160, 160, payload, 0);
                send(phoneC, rtp(8, i == 0, 50_000 + i, 90_000 + i * 160, 0xC, payload, 160));
                Thread.sleep(2);
            }
            List<byte[]> fromC = receiveAll(phoneA, 10);
            assertEquals(10, fromB.size());
            assertEquals(10, fromC.size());
            assertEquals(0xB, Rtp.ssrc(fromB.get(0), 0), "the first source's numbering is kept: untouched relay");
            List<byte[]> all = new ArrayList<>(fromB);
            all.addAll(fromC);
            for (int i = 1; i < all.size(); i++) {
                assertEquals(0xB, Rtp.ssrc(all.get(i), 0), "one SSRC, packet " + i);
                assertEquals(0, Rtp.payloadType(all.get(i), 0));
                assertEquals((Rtp.sequence(all.get(i - 1), 0) + 1) & 0xFFFF, Rtp.sequence(all.get(i), 0), "packet " + i);
                assertTrue(Rtp.timestamp(all.get(i), 0) - Rtp.timestamp(all.get(i - 1), 0) >= 160, "packet " + i);
            }
            assertTrue(Rtp.marker(fromC.get(0), 0), "the new partner starts a talkspurt");
            short[] heard = decode(fromC, PCMU);
            assertEquals(8000, Signals.amplitude(heard, 0, heard.length, 1000, 8000), 1000, "C's A-law tone as μ-law");
        }
    }

    /**
     * A G.711 phone on each of two engines, Opus between the engines over ICE + DTLS-SRTP:
     * the first transcodes PCMU to Opus into SRTP, the second decrypts and transcodes back to
     * PCMU. A tone played into the WebRTC leg before its keys exist is heard from its start
     * once they do.
     *
     * <pre>
     * phoneA --PCMU--> [engine: P1 <-> W1 opus] ==DTLS-SRTP opus== [second: W2 opus <-> P2] --PCMU--> phoneB
     * </pre>
     */
    @Test
    void transcodingAndPlaybackAcrossDtlsSrtp() throws Exception {
        BlockingQueue<MediaEvent> secondEvents = new LinkedBlockingQueue<>();
        MediaEngine second = new MediaEngine(work, List.of(new InetSocketAddress("127.0.0.1", 0)),
                new MediaEngine.Settings(1, 20, 10_000, 10_000, 5_000, 30_000, 64));
        second.start();
        try {
            LegId p1 = leg(phoneA, List.of(PCMU));
            LegId w1 = engine.allocate(LegKind.WEBRTC, IceRole.CONTROLLING, events::add);
            LegId w2 = second.allocate(LegKind.WEBRTC, IceRole.CONTROLLED, secondEvents::add);
            LegId p2 = second.allocate(LegKind.RTP_AVP, IceRole.CONTROLLED, null);
            second.remoteParameters(p2, RemoteParameters.plainRtp("127.0.0.1", phoneB.getLocalPort()));
            engine.formats(w1, List.of(OPUS));
            second.formats(w2, List.of(OPUS));
            second.formats(p2, List.of(PCMU));
            engine.bridge(p1, w1);
            second.bridge(w2, p2);
            second.play(w2, new Prompt.Tone(List.of(425), 1000, 0, 600)); // keys or not
            org.callway.media.api.LocalParameters offer = engine.localParameters(w1);
            second.remoteParameters(w2, RemoteParameters.webRtc(offer.iceUfrag(), offer.icePwd(), offer.candidates(),
                    offer.fingerprint(), offer.setup()));
            org.callway.media.api.LocalParameters answer = second.localParameters(w2);
            engine.remoteParameters(w1, RemoteParameters.webRtc(answer.iceUfrag(), answer.icePwd(),
                    answer.candidates(), answer.fingerprint(), answer.setup()));
            assertEquals(0, second.held(w2), "a prompt waits for keys rather than filling the hold queue");
            MediaEngineLoopbackTest.await(events, MediaEvent.DtlsConnected.class);
            MediaEngineLoopbackTest.await(secondEvents, MediaEvent.DtlsConnected.class);

            // The prompt: Opus over SRTP to the first engine, PCMU to phone A, 600 ms of 425 Hz.
            List<byte[]> prompt = receiveAll(phoneA, 30);
            assertEquals(30, prompt.size(), "600 ms as 20 ms PCMU packets");
            short[] heard = decode(prompt, PCMU);
            assertEquals(8000, Signals.amplitude(heard, 800, heard.length - 800, 425, 8000), 1200,
                    "425 Hz through Opus and SRTP");
            MediaEngineLoopbackTest.await(secondEvents, MediaEvent.PlaybackDone.class);

            // Then phone A speaks: PCMU -> Opus -> SRTP -> Opus -> PCMU.
            sendPcmu(phoneA, Signals.sine(1000, 8000, 8000, 8000), 0x1000, 0);
            List<byte[]> got = receiveAll(phoneB, 50);
            assertTrue(got.size() >= 48, "a second of 20 ms packets: " + got.size());
            assertOneStream(got, 0, 160);
            short[] back = decode(got, PCMU);
            assertEquals(8000, Signals.amplitude(back, 1600, 4800, 1000, 8000), 1600, "1 kHz after two transcodings");
            assertEquals(0, second.stats(w2).dropped(org.callway.media.api.DropReason.AUTH_FAILED));
        } finally {
            second.stop();
        }
    }

    @Test
    void aClosedLegStopsPlaying() throws Exception {
        LegId id = leg(phoneA, null);
        engine.play(id, new Prompt.Tone(List.of(425), 1000, 4000, 0));
        receive(phoneA);
        engine.closeLeg(id);
        Thread.sleep(60);
        while (true) {
            phoneA.setSoTimeout(200);
            try {
                receive(phoneA);
            } catch (SocketTimeoutException e) {
                break; // quiet
            }
        }
        assertEquals(0, engine.legCount());
    }

    private <T extends MediaEvent> T await(Class<T> type) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            MediaEvent e = events.poll(100, TimeUnit.MILLISECONDS);
            if (type.isInstance(e)) {
                return type.cast(e);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " within 10 s");
    }
}
