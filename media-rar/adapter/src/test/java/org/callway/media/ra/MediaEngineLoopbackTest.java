package org.callway.media.ra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.callway.media.api.DropReason;
import org.callway.media.api.IceCandidate;
import org.callway.media.api.IceRole;
import org.callway.media.api.LegId;
import org.callway.media.api.LegKind;
import org.callway.media.api.LocalParameters;
import org.callway.media.api.MediaEvent;
import org.callway.media.api.RemoteParameters;
import org.callway.media.api.Setup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two engines in one JVM, real UDP sockets on 127.0.0.1 only. Each engine bridges a
 * WebRTC leg (ICE + DTLS-SRTP) to a plain RTP leg whose far end is a test socket standing
 * in for a phone, so what one "phone" sends must come out of the other one decrypted:
 *
 * <pre>
 * phone1 --RTP--> [e1: plain P1 <-> webrtc A1] ==ICE/DTLS-SRTP== [e2: webrtc B2 <-> plain P2] --RTP--> phone2
 * </pre>
 */
class MediaEngineLoopbackTest {

    private static final InetSocketAddress LOOPBACK_ANY_PORT = new InetSocketAddress("127.0.0.1", 0);

    private final ThreadWorkManager work = new ThreadWorkManager();
    private final BlockingQueue<MediaEvent> events1 = new LinkedBlockingQueue<>();
    private final BlockingQueue<MediaEvent> events2 = new LinkedBlockingQueue<>();
    private MediaEngine e1;
    private MediaEngine e2;
    private DatagramSocket phone1;
    private DatagramSocket phone2;

    private static MediaEngine.Settings settings(int hold) {
        return new MediaEngine.Settings(2, 20, 3_000, 5_000, 5_000, 30_000, hold);
    }

    @BeforeEach
    void start() throws Exception {
        e1 = engine(settings(1024));
        e2 = engine(settings(1024));
        phone1 = phone();
        phone2 = phone();
    }

    private MediaEngine engine(MediaEngine.Settings s) throws Exception {
        MediaEngine e = new MediaEngine(work, List.of(LOOPBACK_ANY_PORT), s);
        e.start();
        return e;
    }

    static DatagramSocket phone() throws Exception {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        s.setSoTimeout(3_000);
        return s;
    }

    @AfterEach
    void stop() {
        if (e1 != null) {
            e1.stop();
        }
        if (e2 != null) {
            e2.stop();
        }
        phone1.close();
        phone2.close();
    }

    /** The call set up as above; returns {P1, A1, B2, P2}. */
    private LegId[] call(MediaEngine a, MediaEngine b, boolean wrongFingerprint, boolean trickle) {
        return call(a, b, wrongFingerprint, trickle, null, IceRole.CONTROLLED);
    }

    /** {@code via}: if set, the only candidate each side is told about (a relay in the middle). */
    private LegId[] call(MediaEngine a, MediaEngine b, boolean wrongFingerprint, boolean trickle, IceCandidate via,
            IceRole roleB) {
        LegId p1 = a.allocate(LegKind.RTP_AVP, IceRole.CONTROLLING, null);
        LegId a1 = a.allocate(LegKind.WEBRTC, IceRole.CONTROLLING, events1::add);
        LegId b2 = b.allocate(LegKind.WEBRTC, roleB, events2::add);
        LegId p2 = b.allocate(LegKind.RTP_AVP, IceRole.CONTROLLED, null);
        a.bridge(p1, a1);
        b.bridge(b2, p2);
        a.remoteParameters(p1, RemoteParameters.plainRtp("127.0.0.1", phone1.getLocalPort()));
        b.remoteParameters(p2, RemoteParameters.plainRtp("127.0.0.1", phone2.getLocalPort()));

        LocalParameters offer = a.localParameters(a1);
        assertEquals(Setup.ACTPASS, offer.setup());
        b.remoteParameters(b2, RemoteParameters.webRtc(offer.iceUfrag(), offer.icePwd(),
                via == null ? offer.candidates() : List.of(via), offer.fingerprint(), offer.setup()));
        LocalParameters answer = b.localParameters(b2);
        assertEquals(Setup.ACTIVE, answer.setup(), "the answerer takes the DTLS client role (RFC 5763 §5)");
        String fingerprint = wrongFingerprint ? flip(answer.fingerprint()) : answer.fingerprint();
        if (trickle) {
            a.remoteParameters(a1, RemoteParameters.webRtc(answer.iceUfrag(), answer.icePwd(), List.of(), fingerprint,
                    answer.setup()));
            answer.candidates().forEach(c -> a.addRemoteCandidate(a1, IceCandidate.parse("a=" + c.toSdp())));
        } else {
            a.remoteParameters(a1, RemoteParameters.webRtc(answer.iceUfrag(), answer.icePwd(),
                    via == null ? answer.candidates() : List.of(via), fingerprint, answer.setup()));
        }
        return new LegId[] {p1, a1, b2, p2};
    }

    private static String flip(String fingerprint) {
        char last = fingerprint.charAt(fingerprint.length() - 1);
        return fingerprint.substring(0, fingerprint.length() - 1) + (last == 'A' ? 'B' : 'A');
    }

    static <T extends MediaEvent> T await(BlockingQueue<MediaEvent> events, Class<T> type) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            MediaEvent e = events.poll(100, TimeUnit.MILLISECONDS);
            if (type.isInstance(e)) {
                return type.cast(e);
            }
            if (e instanceof MediaEvent.DtlsFailed || e instanceof MediaEvent.IceFailed) {
                if (!type.isInstance(e)) {
                    throw new AssertionError("unexpected " + e);
                }
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " within 10 s");
    }

    static byte[] rtp(int ssrc, int seq, String text) {
        ByteBuffer b = ByteBuffer.allocate(12 + 160);
        b.put((byte) 0x80).put((byte) 0).putShort((short) seq).putInt(seq * 160).putInt(ssrc);
        byte[] payload = Arrays.copyOf(text.getBytes(StandardCharsets.US_ASCII), 160);
        b.put(payload);
        return b.array();
    }

    private static void send(DatagramSocket from, InetSocketAddress to, byte[] packet) throws Exception {
        from.send(new DatagramPacket(packet, packet.length, to));
    }

    private static byte[] receive(DatagramSocket socket) throws Exception {
        DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
        socket.receive(p);
        return Arrays.copyOf(p.getData(), p.getLength());
    }

    private void assertRelayed(DatagramSocket from, MediaEngine into, DatagramSocket to, int ssrc, String tag, int count)
            throws Exception {
        InetSocketAddress engine = into.addresses().get(0);
        for (int i = 0; i < count; i++) {
            byte[] sent = rtp(ssrc, i + 1, tag + "-" + i);
            send(from, engine, sent);
            assertArrayEquals(sent, receive(to), tag + " packet " + i);
        }
    }

    @Test
    void webRtcLegsConnectOverLoopbackAndRelayRtpBothWays() throws Exception {
        LegId[] legs = call(e1, e2, false, false);
        assertNotNull(await(events1, MediaEvent.IceConnected.class));
        assertNotNull(await(events2, MediaEvent.IceConnected.class));
        MediaEvent.DtlsConnected server = await(events1, MediaEvent.DtlsConnected.class);
        MediaEvent.DtlsConnected client = await(events2, MediaEvent.DtlsConnected.class);
        assertEquals("AEAD_AES_128_GCM", server.profile(), "GCM preferred when both offer it");
        assertEquals(server.profile(), client.profile());

        assertRelayed(phone1, e1, phone2, 0x11111111, "forward", 20);
        assertRelayed(phone2, e2, phone1, 0x22222222, "backward", 20);

        // What crossed between the engines was SRTP, decrypted and authenticated on each side.
        assertEquals(20, settled(() -> e2.stats(legs[2]).packetsIn()));
        assertEquals(20, settled(() -> e1.stats(legs[1]).packetsIn()));
        assertEquals(20, settled(() -> e1.stats(legs[1]).packetsOut()));
        assertEquals(20 * (12 + 160 + 16), settled(() -> e1.stats(legs[1]).bytesOut()), "each packet carries a 16-byte GCM tag");
        assertEquals(0, e2.stats(legs[2]).dropped(DropReason.AUTH_FAILED));
        assertNotNull(await(events2, MediaEvent.FirstMedia.class));
    }

    @Test
    void trickledCandidatesAreEnoughToConnect() throws Exception {
        call(e1, e2, false, true);
        await(events1, MediaEvent.DtlsConnected.class);
        await(events2, MediaEvent.DtlsConnected.class);
        assertRelayed(phone1, e1, phone2, 0x33333333, "trickle", 3);
    }

    @Test
    void wrongFingerprintFailsTheLeg() throws Exception {
        LegId[] legs = call(e1, e2, true, false);
        await(events1, MediaEvent.IceConnected.class);
        MediaEvent.DtlsFailed failed = await(events1, MediaEvent.DtlsFailed.class);
        assertEquals(legs[1], failed.leg());
        assertTrue(failed.reason().contains("fingerprint mismatch"), failed.reason());
        // Nothing is relayed on a failed leg.
        send(phone1, e1.addresses().get(0), rtp(0x44444444, 1, "must not pass"));
        assertThrows(phone2);
    }

    private static void assertThrows(DatagramSocket socket) throws Exception {
        socket.setSoTimeout(500);
        try {
            byte[] got = receive(socket);
            throw new AssertionError("unexpected packet: " + new String(got, 12, 20, StandardCharsets.US_ASCII));
        } catch (SocketTimeoutException expected) {
            // nothing came
        }
    }

    @Test
    void packetsFromAnotherSourceAreDroppedAndCounted() throws Exception {
        LegId[] legs = call(e1, e2, false, false);
        await(events1, MediaEvent.DtlsConnected.class);
        await(events2, MediaEvent.DtlsConnected.class);
        assertRelayed(phone2, e2, phone1, 0x55555555, "legit", 2);
        assertRelayed(phone1, e1, phone2, 0x66666666, "legit", 2);

        try (DatagramSocket attacker = phone()) {
            // Into the WebRTC leg's socket, posing as the far engine's stream (same SSRC).
            send(attacker, e1.addresses().get(0), rtp(0x55555555, 99, "injected-srtp"));
            // Into the plain leg, posing as phone1.
            send(attacker, e1.addresses().get(0), rtp(0x66666666, 99, "injected-rtp"));
            assertThrows(phone1);
            assertThrows(phone2);
        }
        assertEquals(1, e1.stats(legs[1]).dropped(DropReason.UNKNOWN_SOURCE));
        assertEquals(1, e1.stats(legs[0]).dropped(DropReason.UNKNOWN_SOURCE));
        assertEquals(2, settled(() -> e1.stats(legs[1]).packetsIn()), "the injected packet was not accepted");
        assertEquals(2, settled(() -> e1.stats(legs[0]).packetsIn()));
    }

    @Test
    void replayedAndTamperedSrtpOnTheSelectedPathAreDroppedAndCounted() throws Exception {
        InetSocketAddress e1Address = e1.addresses().get(0);
        InetSocketAddress e2Address = e2.addresses().get(0);
        BlockingQueue<byte[]> srtpToE1 = new LinkedBlockingQueue<>();
        try (DatagramSocket relay = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            // A man in the middle both engines see as their peer: it forwards, and keeps copies.
            Thread forwarder = new Thread(() -> {
                byte[] buf = new byte[2048];
                try {
                    while (true) {
                        DatagramPacket p = new DatagramPacket(buf, buf.length);
                        relay.receive(p);
                        boolean toE1 = p.getSocketAddress().equals(e2Address);
                        byte[] data = Arrays.copyOf(p.getData(), p.getLength());
                        if (toE1 && (data[0] & 0xC0) == 0x80 && !Leg.isRtcp(data, 0)) {
                            srtpToE1.add(data);
                        }
                        relay.send(new DatagramPacket(data, data.length, toE1 ? e1Address : e2Address));
                    }
                } catch (java.io.IOException closed) {
                    // test over
                }
            }, "test-relay");
            forwarder.setDaemon(true);
            forwarder.start();

            LegId[] legs = call(e1, e2, false, false,
                    new IceCandidate("9", 1, "udp", 2122194687L, "127.0.0.1", relay.getLocalPort(), "host"),
                    IceRole.CONTROLLED);
            await(events1, MediaEvent.DtlsConnected.class);
            await(events2, MediaEvent.DtlsConnected.class);
            assertRelayed(phone2, e2, phone1, 0x88888888, "via-relay", 3);

            byte[] captured = srtpToE1.poll(1, TimeUnit.SECONDS);
            assertNotNull(captured);
            relay.send(new DatagramPacket(captured, captured.length, e1Address)); // replay, from the selected path
            byte[] forged = captured.clone();
            forged[2] = (byte) 0x7F; // a fresh sequence number, but the tag no longer matches
            relay.send(new DatagramPacket(forged, forged.length, e1Address));
            assertThrows(phone1);
            assertEquals(1, e1.stats(legs[1]).dropped(DropReason.REPLAY));
            assertEquals(1, e1.stats(legs[1]).dropped(DropReason.AUTH_FAILED));
            assertEquals(3, e1.stats(legs[1]).packetsIn());
        }
    }

    @Test
    void bothSidesControllingIsResolvedByTheTieBreaker() throws Exception {
        call(e1, e2, false, false, null, IceRole.CONTROLLING);
        await(events1, MediaEvent.DtlsConnected.class);
        await(events2, MediaEvent.DtlsConnected.class);
        assertRelayed(phone1, e1, phone2, 0x99999999, "conflict", 3);
        assertRelayed(phone2, e2, phone1, 0x9999999A, "conflict-back", 3);
    }

    /**
     * Two phones behind one address on neighbouring ports (a NAT hands them out that way): the
     * first one's RTCP alias (RTP port + 1, RFC 3550 §11) is the second one's RTP port. The
     * second phone's media still reaches its own call, and the first one's RTCP from port + 1
     * still reaches its partner.
     */
    @Test
    void anRtcpAliasNeverTakesANeighbouringPhonesMedia() throws Exception {
        DatagramSocket first = null;
        DatagramSocket neighbour = null;
        for (int attempt = 0; attempt < 50 && neighbour == null; attempt++) {
            if (first != null) {
                first.close();
            }
            first = phone();
            try {
                neighbour = new DatagramSocket(new InetSocketAddress("127.0.0.1", first.getLocalPort() + 1));
                neighbour.setSoTimeout(3_000);
            } catch (java.net.BindException taken) {
                neighbour = null;
            }
        }
        assertNotNull(neighbour, "no two neighbouring free ports found");
        try (DatagramSocket a = first; DatagramSocket c = neighbour; DatagramSocket b = phone(); DatagramSocket d = phone()) {
            LegId la = e1.allocate(LegKind.RTP_AVP, IceRole.CONTROLLED, null);
            LegId lb = e1.allocate(LegKind.RTP_AVP, IceRole.CONTROLLED, null);
            LegId lc = e1.allocate(LegKind.RTP_AVP, IceRole.CONTROLLED, null);
            LegId ld = e1.allocate(LegKind.RTP_AVP, IceRole.CONTROLLED, null);
            e1.bridge(la, lb);
            e1.bridge(lc, ld);
            // The first call is set up first, so its alias exists before the neighbour's route.
            e1.remoteParameters(la, RemoteParameters.plainRtp("127.0.0.1", a.getLocalPort()));
            e1.remoteParameters(lb, RemoteParameters.plainRtp("127.0.0.1", b.getLocalPort()));
            e1.remoteParameters(lc, RemoteParameters.plainRtp("127.0.0.1", c.getLocalPort()));
            e1.remoteParameters(ld, RemoteParameters.plainRtp("127.0.0.1", d.getLocalPort()));
            InetSocketAddress engine = e1.addresses().get(0);

            byte[] media = rtp(0x0C0C0C0C, 1, "neighbour");
            send(c, engine, media);
            assertArrayEquals(media, receive(d), "the neighbour's RTP reaches its own partner");
            assertEquals(1, e1.stats(lc).packetsIn());
            assertEquals(0, e1.stats(la).packetsIn(), "the first call took nothing of it");

            // An RTCP receiver report (PT 201) from the first phone's port + 1 is the neighbour's
            // socket here: it is the neighbour's route now, so it goes to the neighbour's call.
            byte[] rr = java.util.HexFormat.of().parseHex("80c90001" + "0c0c0c0c");
            send(c, engine, rr);
            assertArrayEquals(rr, receive(d));
        }
    }

    @Test
    void rtcpFromThePortAboveRtpReachesThePartner() throws Exception {
        try (DatagramSocket b = phone()) {
            LegId la = e1.allocate(LegKind.RTP_AVP, IceRole.CONTROLLED, null);
            LegId lb = e1.allocate(LegKind.RTP_AVP, IceRole.CONTROLLED, null);
            e1.bridge(la, lb);
            DatagramSocket rtcp = null;
            int rtpPort = 0;
            for (int attempt = 0; attempt < 50 && rtcp == null; attempt++) {
                try (DatagramSocket probe = phone()) {
                    rtpPort = probe.getLocalPort();
                }
                try {
                    rtcp = new DatagramSocket(new InetSocketAddress("127.0.0.1", rtpPort + 1));
                } catch (java.net.BindException taken) {
                    rtcp = null;
                }
            }
            assertNotNull(rtcp, "no free port pair found");
            try (DatagramSocket r = rtcp) {
                e1.remoteParameters(la, RemoteParameters.plainRtp("127.0.0.1", rtpPort));
                e1.remoteParameters(lb, RemoteParameters.plainRtp("127.0.0.1", b.getLocalPort()));
                byte[] rr = java.util.HexFormat.of().parseHex("80c90001" + "0a0a0a0a");
                send(r, e1.addresses().get(0), rr);
                assertArrayEquals(rr, receive(b), "RTCP without rtcp-mux comes from RTP port + 1 (RFC 3550 §11)");
                byte[] media = rtp(0x0A0A0A0A, 1, "from-rtcp-port");
                send(r, e1.addresses().get(0), media);
                assertThrows(b); // RTP is not accepted from the RTCP port
            }
        }
    }

    @Test
    void sdesLegBridgedToPlainRtpEncryptsAndDecrypts() throws Exception {
        // phone2 is an SRTP phone that offers SDES; phone1 speaks plain RTP.
        byte[] phoneKey = new byte[30];
        new java.security.SecureRandom().nextBytes(phoneKey);
        String offer = "1 AES_CM_128_HMAC_SHA1_80 inline:" + java.util.Base64.getEncoder().encodeToString(phoneKey)
                + "|2^20|1:32";
        LegId p1 = e1.allocate(LegKind.RTP_AVP, IceRole.CONTROLLING, null);
        LegId s1 = e1.allocate(LegKind.SDES, IceRole.CONTROLLING, null);
        e1.bridge(p1, s1);
        e1.remoteParameters(p1, RemoteParameters.plainRtp("127.0.0.1", phone1.getLocalPort()));
        e1.remoteParameters(s1, RemoteParameters.sdes("127.0.0.1", phone2.getLocalPort(),
                List.of("9 AES_256_CM_HMAC_SHA1_80 inline:unsupported", offer)));
        List<String> answer = e1.localParameters(s1).crypto();
        assertEquals(1, answer.size());
        SdesCrypto ours = SdesCrypto.parse(answer.get(0));
        assertNotNull(ours, answer.get(0));
        assertEquals(1, ours.tag(), "the answer reuses the offer's tag (RFC 4568 §6.1)");

        SdesCrypto theirs = SdesCrypto.parse(offer);
        try (org.callway.media.ra.srtp.SrtpSession phone = new org.callway.media.ra.srtp.SrtpSession(
                theirs.profile(), theirs.key(), theirs.salt(), ours.key(), ours.salt())) {
            InetSocketAddress engine = e1.addresses().get(0);
            for (int i = 0; i < 5; i++) {
                byte[] plain = rtp(0x0A0A0A0A, i + 1, "to-srtp-phone-" + i);
                send(phone1, engine, plain);
                org.callway.media.ra.srtp.PacketBuffer got = new org.callway.media.ra.srtp.PacketBuffer(2048);
                byte[] wire = receive(phone2);
                assertEquals(plain.length + 10, wire.length, "SRTP with an 80-bit tag");
                assertFalse(Arrays.equals(Arrays.copyOfRange(plain, 12, plain.length),
                        Arrays.copyOfRange(wire, 12, plain.length)), "the payload is encrypted");
                got.set(wire, 0, wire.length);
                assertEquals(org.callway.media.ra.srtp.SrtpSession.Result.OK, phone.unprotectRtp(got));
                assertArrayEquals(plain, got.toArray());

                byte[] back = rtp(0x0B0B0B0B, i + 1, "from-srtp-phone-" + i);
                org.callway.media.ra.srtp.PacketBuffer out = new org.callway.media.ra.srtp.PacketBuffer(2048)
                        .set(back, 0, back.length);
                assertTrue(phone.protectRtp(out));
                send(phone2, engine, out.toArray());
                assertArrayEquals(back, receive(phone1));
            }
            byte[] forged = rtp(0x0B0B0B0B, 100, "forged");
            send(phone2, engine, Arrays.copyOf(forged, forged.length + 10)); // a zero tag
            assertThrows(phone1);
            assertEquals(1, e1.stats(s1).dropped(DropReason.AUTH_FAILED));
            assertEquals(5, e1.stats(s1).packetsIn());
        }
    }

    @Test
    void echoSendsALegsMediaBackThroughSrtp() throws Exception {
        LegId p1 = e1.allocate(LegKind.RTP_AVP, IceRole.CONTROLLING, null);
        LegId a1 = e1.allocate(LegKind.WEBRTC, IceRole.CONTROLLING, events1::add);
        LegId b2 = e2.allocate(LegKind.WEBRTC, IceRole.CONTROLLED, events2::add);
        e1.bridge(p1, a1);
        e2.echo(b2);
        e1.remoteParameters(p1, RemoteParameters.plainRtp("127.0.0.1", phone1.getLocalPort()));
        LocalParameters offer = e1.localParameters(a1);
        e2.remoteParameters(b2, RemoteParameters.webRtc(offer.iceUfrag(), offer.icePwd(), offer.candidates(),
                offer.fingerprint(), offer.setup()));
        LocalParameters answer = e2.localParameters(b2);
        e1.remoteParameters(a1, RemoteParameters.webRtc(answer.iceUfrag(), answer.icePwd(), answer.candidates(),
                answer.fingerprint(), answer.setup()));
        await(events1, MediaEvent.DtlsConnected.class);
        await(events2, MediaEvent.DtlsConnected.class);

        assertRelayed(phone1, e1, phone1, 0x77777777, "echo", 10);
        assertEquals(10, settled(() -> e2.stats(b2).packetsIn()));
        assertEquals(10, settled(() -> e2.stats(b2).packetsOut()));
    }

    @Test
    void mediaBeforeKeysIsHeldBoundedThenReleased() throws Exception {
        e1.stop();
        e1 = engine(settings(8));
        LegId p1 = e1.allocate(LegKind.RTP_AVP, IceRole.CONTROLLING, null);
        LegId a1 = e1.allocate(LegKind.WEBRTC, IceRole.CONTROLLING, events1::add);
        e1.bridge(p1, a1);
        e1.remoteParameters(p1, RemoteParameters.plainRtp("127.0.0.1", phone1.getLocalPort()));
        for (int i = 0; i < 10; i++) {
            send(phone1, e1.addresses().get(0), rtp(0x12121212, i + 1, "early-" + i));
        }
        long deadline = System.currentTimeMillis() + 3_000;
        while (e1.stats(p1).packetsIn() < 10 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(10, settled(() -> e1.stats(p1).packetsIn()));
        assertEquals(8, settled(() -> e1.held(a1)), "at most holdPackets are kept");
        assertEquals(2, settled(() -> e1.stats(a1).dropped(DropReason.HOLD_OVERFLOW)));
        assertEquals(0, settled(() -> e1.stats(a1).packetsOut()), "nothing leaves before SRTP keys exist");

        LegId b2 = e2.allocate(LegKind.WEBRTC, IceRole.CONTROLLED, events2::add);
        LegId p2 = e2.allocate(LegKind.RTP_AVP, IceRole.CONTROLLED, null);
        e2.bridge(b2, p2);
        e2.remoteParameters(p2, RemoteParameters.plainRtp("127.0.0.1", phone2.getLocalPort()));
        LocalParameters offer = e1.localParameters(a1);
        e2.remoteParameters(b2, RemoteParameters.webRtc(offer.iceUfrag(), offer.icePwd(), offer.candidates(),
                offer.fingerprint(), offer.setup()));
        LocalParameters answer = e2.localParameters(b2);
        e1.remoteParameters(a1, RemoteParameters.webRtc(answer.iceUfrag(), answer.icePwd(), answer.candidates(),
                answer.fingerprint(), answer.setup()));
        await(events1, MediaEvent.DtlsConnected.class);
        // In order on both engines: keys are published only after the hold queues are drained.
        for (int i = 0; i < 8; i++) {
            byte[] got = receive(phone2);
            assertEquals("early-" + i, new String(got, 12, ("early-" + i).length(), StandardCharsets.US_ASCII));
        }
        assertEquals(0, e1.held(a1));
    }

    @Test
    void unreachableCandidatesFailIce() throws Exception {
        LegId a1 = e1.allocate(LegKind.WEBRTC, IceRole.CONTROLLING, events1::add);
        int deadPort;
        try (DatagramSocket s = phone()) {
            deadPort = s.getLocalPort();
        }
        e1.remoteParameters(a1, RemoteParameters.webRtc("abcd", "0123456789012345678901", List.of(
                new IceCandidate("1", 1, "udp", 2122194687L, "127.0.0.1", deadPort, "host")),
                "00:11", Setup.ACTPASS));
        MediaEvent.IceFailed failed = await(events1, MediaEvent.IceFailed.class);
        assertEquals(a1, failed.leg());
    }

    @Test
    void consentIsLostWhenThePeerStopsAnswering() throws Exception {
        e1.stop();
        e1 = engine(new MediaEngine.Settings(2, 20, 3_000, 5_000, 200, 1_200, 64));
        e2.stop();
        e2 = engine(new MediaEngine.Settings(2, 20, 3_000, 5_000, 200, 1_200, 64));
        LegId[] legs = call(e1, e2, false, false);
        await(events1, MediaEvent.DtlsConnected.class);
        // A live peer keeps answering: no consent loss over several intervals and timeouts.
        Thread.sleep(2_000);
        assertFalse(events1.stream().anyMatch(e -> e instanceof MediaEvent.ConsentLost), events1.toString());
        e2.stop();
        e2 = null;
        MediaEvent.ConsentLost lost = await(events1, MediaEvent.ConsentLost.class);
        assertEquals(legs[1], lost.leg());
    }

    @Test
    void plainStunBindingIsStillAnsweredOnTheSharedSocket() throws Exception {
        byte[] request = java.util.HexFormat.of().parseHex("000100002112a442b7e7a701bc34d686fa87dfae");
        send(phone1, e1.addresses().get(0), request);
        byte[] response = receive(phone1);
        assertEquals(0x0101, ((response[0] & 0xFF) << 8) | (response[1] & 0xFF));
        assertArrayEquals(Arrays.copyOfRange(request, 8, 20), Arrays.copyOfRange(response, 8, 20));
    }

    @Test
    void threadsDoNotGrowWithLegsAndAllEndOnStop() throws Exception {
        long before = work.alive();
        int readers = UdpReaderWork.defaultReaders();
        assertEquals(2 * (readers + 1 + 2), before, "per engine: a reader per core on its port, one ticker, two handshake workers");
        for (int i = 0; i < 25; i++) {
            call(e1, e2, false, false);
        }
        Thread.sleep(1_500);
        assertEquals(before, work.alive(), "no thread per leg");
        assertEquals(50, e1.legCount());
        assertNull(Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("ice4j") || t.getName().startsWith("IceConnector"))
                .findAny().orElse(null), "ice4j started no threads of its own");
        // Nor did any other library (BC, jitsi-srtp): every live thread is the JVM's, the test
        // harness's, or a Work the engine gave the WorkManager.
        // "Cleaner-": the one JDK Cleaner daemon with which jitsi-srtp frees its OpenSSL cipher
        // contexts (JitsiOpenSslProvider); one per JVM, made when the first SRTP context is.
        List<String> known = List.of("main", "Reference Handler", "Finalizer", "Signal Dispatcher", "Common-Cleaner",
                "Cleaner-", "Notification Thread", "Attach Listener", "surefire-", "test-work-", "test-relay",
                WorkNames.PREFIX);
        assertEquals(List.of(), Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> known.stream().noneMatch(name::startsWith)).toList());
        e1.stop();
        e2.stop();
        e1 = null;
        e2 = null;
        Thread.sleep(300);
        assertEquals(0, work.alive());
    }

    /** RFC 8445 §9: new credentials on both sides, a pair selected again, media flowing throughout. */
    @Test
    void iceRestartGivesNewCredentialsReconnectsAndKeepsMediaFlowing() throws Exception {
        LegId[] legs = call(e1, e2, false, false);
        await(events1, MediaEvent.DtlsConnected.class);
        await(events2, MediaEvent.DtlsConnected.class);
        LocalParameters offer = e1.localParameters(legs[1]);
        LocalParameters answer = e2.localParameters(legs[2]);
        assertRelayed(phone1, e1, phone2, 0x31, "before", 5);
        assertRelayed(phone2, e2, phone1, 0x32, "before", 5);

        // e1 re-offers with new credentials (§9.1.1.1); media keeps the old pair meanwhile.
        LocalParameters reoffer = e1.restartIce(legs[1]);
        assertNotEquals(offer.iceUfrag(), reoffer.iceUfrag());
        assertNotEquals(offer.icePwd(), reoffer.icePwd());
        assertEquals(offer.fingerprint(), reoffer.fingerprint(), "an ICE restart does not redo DTLS");
        assertRelayed(phone1, e1, phone2, 0x33, "during", 5);

        // e2 sees a new ufrag in the offer: it restarts too and answers with new credentials.
        events1.clear();
        events2.clear();
        e2.remoteParameters(legs[2], RemoteParameters.webRtc(reoffer.iceUfrag(), reoffer.icePwd(), reoffer.candidates(),
                reoffer.fingerprint(), reoffer.setup()));
        LocalParameters reanswer = e2.localParameters(legs[2]);
        assertNotEquals(answer.iceUfrag(), reanswer.iceUfrag(), "RFC 8839 §4.4.1.1.1: the answer restarts too");
        e1.remoteParameters(legs[1], RemoteParameters.webRtc(reanswer.iceUfrag(), reanswer.icePwd(),
                reanswer.candidates(), reanswer.fingerprint(), reanswer.setup()));
        assertNotNull(await(events1, MediaEvent.IceConnected.class));
        assertNotNull(await(events2, MediaEvent.IceConnected.class));
        assertRelayed(phone1, e1, phone2, 0x34, "after", 5);
        assertRelayed(phone2, e2, phone1, 0x35, "after", 5);
    }

    @Test
    void chromiumCandidatesParse() throws Exception {
        List<String> lines;
        try (var in = getClass().getResourceAsStream("/sdp/chromium-156-audio-offer.sdp")) {
            lines = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .filter(l -> l.startsWith("a=candidate:")).toList();
        }
        assertEquals(4, lines.size());
        IceCandidate first = IceCandidate.parse(lines.get(0));
        assertEquals(new IceCandidate("674712063", 1, "udp", 2122194687L, "192.0.2.2", 33925, "host"), first);
        assertTrue(first.isUdp());
        assertFalse(IceCandidate.parse(lines.get(2)).isUdp());
        assertEquals(first, IceCandidate.parse(first.toSdp()));
        assertInstanceOf(IllegalArgumentException.class, catchThrowable(() -> IceCandidate.parse("a=rtcp-mux")));
        assertNotNull(InetAddress.getByName(first.address()));
    }

    /**
     * A counter read once it stops moving: the engine counts a packet just after sending it,
     * so the test socket can see the packet a moment before the counter does.
     */
    private static long settled(java.util.function.LongSupplier counter) throws InterruptedException {
        long value = counter.getAsLong();
        for (int i = 0; i < 20; i++) {
            Thread.sleep(25);
            long now = counter.getAsLong();
            if (now == value && i >= 3) {
                return now;
            }
            value = now;
        }
        return value;
    }

    private static Throwable catchThrowable(Runnable r) {
        try {
            r.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }
}
