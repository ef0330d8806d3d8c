package org.callway.media.ra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.IntSupplier;
import org.callway.media.api.IceCandidate;
import org.callway.media.api.IceRole;
import org.callway.media.api.LegId;
import org.callway.media.api.LegKind;
import org.callway.media.api.LocalParameters;
import org.callway.media.api.MediaEvent;
import org.callway.media.api.MediaPortsExhaustedException;
import org.callway.media.api.RemoteParameters;
import org.callway.media.api.RtpQuality;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * rtp.conf rtpstart/rtpend mode with a 4-port range: legs get ports of their own from it
 * (plain legs an even RTP port and RTCP on the next), relay between real phone sockets, give the
 * ports back when closed, and a full range refuses the next leg with a clear exception. Two
 * engines in range mode connect a WebRTC leg (ICE + DTLS-SRTP) over their range ports.
 */
class PortRangeTest {

    private final ThreadWorkManager work = new ThreadWorkManager();
    private final List<MediaEngine> engines = new ArrayList<>();
    private final List<DatagramSocket> phones = new ArrayList<>();

    @AfterEach
    void stop() {
        engines.forEach(MediaEngine::stop);
        phones.forEach(DatagramSocket::close);
    }

    /** Four consecutive free UDP ports starting at an even one, found by binding them. */
    static int freeRange() throws Exception {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 20_000 + 2 * random.nextInt(20_000);
            List<DatagramSocket> probe = new ArrayList<>();
            try {
                for (int p = base; p < base + 4; p++) {
                    probe.add(new DatagramSocket(new InetSocketAddress("127.0.0.1", p)));
                }
                return base;
            } catch (java.net.BindException taken) {
                // try another
            } finally {
                probe.forEach(DatagramSocket::close);
            }
        }
        throw new IllegalStateException("no 4 free ports");
    }

    private MediaEngine engine(int start) throws Exception {
        MediaEngine e = new MediaEngine(work, List.of(new InetSocketAddress("127.0.0.1", 0)),
                new MediaEngine.Settings(2, 20, 3_000, 5_000, 5_000, 30_000, 1024), MediaEngine.Gathering.none(),
                new PortRange(start, start + 3));
        e.start();
        engines.add(e);
        return e;
    }

    private DatagramSocket phone() throws Exception {
        DatagramSocket s = MediaEngineLoopbackTest.phone();
        phones.add(s);
        return s;
    }

    private static int port(MediaEngine e, LegId leg) {
        List<IceCandidate> candidates = e.localParameters(leg).candidates();
        assertEquals(1, candidates.size(), candidates.toString());
        return candidates.get(0).port();
    }

    private static void send(DatagramSocket from, int port, byte[] packet) throws Exception {
        from.send(new DatagramPacket(packet, packet.length, new InetSocketAddress("127.0.0.1", port)));
    }

    private static byte[] receive(DatagramSocket socket) throws Exception {
        DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
        socket.receive(p);
        return Arrays.copyOf(p.getData(), p.getLength());
    }

    private static int settled(IntSupplier value, int expected) throws InterruptedException {
        // Ports come back once the range reader has really closed the sockets (its next wakeup).
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (value.getAsInt() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return value.getAsInt();
    }

    @Test
    void plainLegsGetTheirOwnPortsRelayAndGiveThemBack() throws Exception {
        int start = freeRange();
        MediaEngine e = engine(start);
        DatagramSocket phone1 = phone();
        DatagramSocket phone2 = phone();
        LegId p1 = e.allocate(LegKind.RTP_AVP, IceRole.CONTROLLED, null);
        LegId p2 = e.allocate(LegKind.RTP_AVP, IceRole.CONTROLLING, null);
        int port1 = port(e, p1);
        int port2 = port(e, p2);
        assertEquals(List.of(start, start + 2), List.of(port1, port2), "even RTP ports, RTCP on the odd ones above");
        assertNotEquals(e.addresses().get(0).getPort(), port1, "not the shared port");
        assertEquals(0, e.freePorts());

        e.bridge(p1, p2);
        e.remoteParameters(p1, RemoteParameters.plainRtp("127.0.0.1", phone1.getLocalPort()));
        e.remoteParameters(p2, RemoteParameters.plainRtp("127.0.0.1", phone2.getLocalPort()));
        for (int seq = 1; seq <= 10; seq++) {
            if (seq == 5) {
                continue; // lost on the way
            }
            byte[] forward = MediaEngineLoopbackTest.rtp(0x1234, seq, "forward-" + seq);
            send(phone1, port1, forward);
            assertArrayEquals(forward, receive(phone2));
            byte[] back = MediaEngineLoopbackTest.rtp(0x5678, seq, "back-" + seq);
            send(phone2, port2, back);
            assertArrayEquals(back, receive(phone1));
        }
        // RTCP to port + 1 (RFC 3550 §11, no rtcp-mux) reaches the leg and is relayed too.
        byte[] rr = {(byte) 0x80, (byte) 201, 0, 1, 0, 0, 0x12, 0x34};
        try (DatagramSocket phone1Rtcp = new DatagramSocket(new InetSocketAddress("127.0.0.1", phone1.getLocalPort() + 1))) {
            send(phone1Rtcp, port1 + 1, rr);
            assertArrayEquals(rr, receive(phone2));
        } catch (java.net.BindException taken) {
            send(phone1, port1 + 1, rr); // their RTCP port is someone else's: from the RTP port then
            assertArrayEquals(rr, receive(phone2));
        }
        RtpQuality q = e.stats(p1).quality();
        assertEquals(1, q.packetsLost(), "sequence 5 never came: " + q);
        assertNotNull(q.jitterMillis(), q.toString());

        // Full: two pairs are all four ports.
        MediaPortsExhaustedException full = assertThrows(MediaPortsExhaustedException.class,
                () -> e.allocate(LegKind.RTP_AVP, IceRole.CONTROLLED, null));
        assertTrue(full.getMessage().contains(start + "-" + (start + 3)), full.getMessage());
        assertThrows(MediaPortsExhaustedException.class, () -> e.allocate(LegKind.WEBRTC, IceRole.CONTROLLED, null));
        assertEquals(2, e.legCount(), "a refused leg leaves nothing behind");

        // Closing gives the ports back (sockets really closed): the next legs bind them again.
        e.closeLeg(p1);
        e.closeLeg(p2);
        assertEquals(4, settled(e::freePorts, 4));
        LegId again = e.allocate(LegKind.RTP_AVP, IceRole.CONTROLLED, null);
        assertEquals(start, port(e, again));
        LegId webRtc = e.allocate(LegKind.WEBRTC, IceRole.CONTROLLED, null);
        assertEquals(start + 2, port(e, webRtc), "a WebRTC leg takes one port");
        LegId odd = e.allocate(LegKind.WEBRTC, IceRole.CONTROLLED, null);
        assertEquals(start + 3, port(e, odd));
        assertEquals(0, e.freePorts());
    }

    @Test
    void webRtcLegsOfTwoRangeEnginesConnectAndRelay() throws Exception {
        int s1 = freeRange();
        MediaEngine e1 = engine(s1);
        int s2 = freeRange();
        MediaEngine e2 = engine(s2);
        DatagramSocket phone1 = phone();
        DatagramSocket phone2 = phone();
        BlockingQueue<MediaEvent> events1 = new LinkedBlockingQueue<>();
        BlockingQueue<MediaEvent> events2 = new LinkedBlockingQueue<>();

        // phone1 --RTP--> [e1: P1 <-> A1] ==ICE/DTLS-SRTP over range ports== [e2: B2 <-> P2] --RTP--> phone2
        LegId p1 = e1.allocate(LegKind.RTP_AVP, IceRole.CONTROLLED, null);
        LegId a1 = e1.allocate(LegKind.WEBRTC, IceRole.CONTROLLING, events1::add);
        LegId b2 = e2.allocate(LegKind.WEBRTC, IceRole.CONTROLLED, events2::add);
        LegId p2 = e2.allocate(LegKind.RTP_AVP, IceRole.CONTROLLED, null);
        e1.bridge(p1, a1);
        e2.bridge(b2, p2);
        e1.remoteParameters(p1, RemoteParameters.plainRtp("127.0.0.1", phone1.getLocalPort()));
        e2.remoteParameters(p2, RemoteParameters.plainRtp("127.0.0.1", phone2.getLocalPort()));
        LocalParameters offer = e1.localParameters(a1);
        assertEquals(List.of(s1 + 2), offer.candidates().stream().map(IceCandidate::port).toList(),
                "the host candidate is the leg's own range port");
        e2.remoteParameters(b2, RemoteParameters.webRtc(offer.iceUfrag(), offer.icePwd(), offer.candidates(),
                offer.fingerprint(), offer.setup()));
        LocalParameters answer = e2.localParameters(b2);
        assertEquals(s2, answer.candidates().get(0).port(), "the first free port of e2's range");
        e1.remoteParameters(a1, RemoteParameters.webRtc(answer.iceUfrag(), answer.icePwd(), answer.candidates(),
                answer.fingerprint(), answer.setup()));

        MediaEngineLoopbackTest.await(events1, MediaEvent.DtlsConnected.class);
        MediaEngineLoopbackTest.await(events2, MediaEvent.DtlsConnected.class);
        // The first SRTP packet makes jitsi-srtp benchmark its AES providers (once per JVM), which
        // on a loaded machine holds that reader for seconds: the first receive waits longer.
        phone2.setSoTimeout(20_000);
        phone1.setSoTimeout(20_000);
        int p1Port = port(e1, p1);
        int p2Port = port(e2, p2);
        for (int i = 1; i <= 20; i++) {
            byte[] forward = MediaEngineLoopbackTest.rtp(0x1111, i, "forward-" + i);
            send(phone1, p1Port, forward);
            try {
                assertArrayEquals(forward, receive(phone2), "packet " + i);
            } catch (java.net.SocketTimeoutException e) {
                throw new AssertionError("packet " + i + " P1 " + e1.stats(p1) + " A1 " + e1.stats(a1) + " B2 " + e2.stats(b2)
                        + " P2 " + e2.stats(p2) + " held " + e1.held(a1) + "/" + e2.held(b2), e);
            }
            byte[] back = MediaEngineLoopbackTest.rtp(0x2222, i, "back-" + i);
            send(phone2, p2Port, back);
            assertArrayEquals(back, receive(phone1), "packet " + i);
        }
        assertEquals(20, settled(() -> (int) e2.stats(b2).packetsIn(), 20));
        assertEquals(0, e2.stats(b2).quality().packetsLost());
        assertNotNull(e2.stats(b2).quality().jitterMillis());

        e1.closeLeg(a1);
        e1.closeLeg(p1);
        assertEquals(4, settled(e1::freePorts, 4));
    }
}
