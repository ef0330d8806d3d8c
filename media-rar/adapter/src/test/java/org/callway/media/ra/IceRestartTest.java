package org.callway.media.ra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.callway.media.api.IceRole;
import org.callway.media.api.LegId;
import org.callway.media.api.LegKind;
import org.callway.media.api.LocalParameters;
import org.callway.media.api.MediaEvent;
import org.callway.media.api.RemoteParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ICE restart (RFC 8445 §9) between two engines, each bridging its WebRTC leg to a plain
 * phone: after the restart both sides use new credentials, ICE selects a pair again, and
 * media keeps flowing both ways before, during and after.
 */
class IceRestartTest {

    private final ThreadWorkManager work = new ThreadWorkManager();
    private final BlockingQueue<MediaEvent> events1 = new LinkedBlockingQueue<>();
    private final BlockingQueue<MediaEvent> events2 = new LinkedBlockingQueue<>();
    private MediaEngine e1;
    private MediaEngine e2;
    private DatagramSocket phone1;
    private DatagramSocket phone2;

    @BeforeEach
    void start() throws Exception {
        MediaEngine.Settings s = new MediaEngine.Settings(2, 20, 3_000, 5_000, 5_000, 30_000, 1024);
        e1 = new MediaEngine(work, List.of(new InetSocketAddress("127.0.0.1", 0)), s);
        e2 = new MediaEngine(work, List.of(new InetSocketAddress("127.0.0.1", 0)), s);
        e1.start();
        e2.start();
        phone1 = MediaEngineLoopbackTest.phone();
        phone2 = MediaEngineLoopbackTest.phone();
    }

    @AfterEach
    void stop() {
        e1.stop();
        e2.stop();
        phone1.close();
        phone2.close();
    }

    @Test
    void restartGivesNewCredentialsReconnectsAndKeepsMediaFlowing() throws Exception {
        LegId p1 = e1.allocate(LegKind.RTP_AVP, IceRole.CONTROLLING, null);
        LegId a1 = e1.allocate(LegKind.WEBRTC, IceRole.CONTROLLING, events1::add);
        LegId b2 = e2.allocate(LegKind.WEBRTC, IceRole.CONTROLLED, events2::add);
        LegId p2 = e2.allocate(LegKind.RTP_AVP, IceRole.CONTROLLED, null);
        e1.bridge(p1, a1);
        e2.bridge(b2, p2);
        e1.remoteParameters(p1, RemoteParameters.plainRtp("127.0.0.1", phone1.getLocalPort()));
        e2.remoteParameters(p2, RemoteParameters.plainRtp("127.0.0.1", phone2.getLocalPort()));
        LocalParameters offer = e1.localParameters(a1);
        e2.remoteParameters(b2, webRtc(offer));
        LocalParameters answer = e2.localParameters(b2);
        e1.remoteParameters(a1, webRtc(answer));
        MediaEngineLoopbackTest.await(events1, MediaEvent.DtlsConnected.class);
        MediaEngineLoopbackTest.await(events2, MediaEvent.DtlsConnected.class);
        relayBothWays(0);

        // e1 re-offers with new credentials (RFC 8445 §9.1.1.1); media still uses the old pair.
        LocalParameters reoffer = e1.restartIce(a1);
        assertNotEquals(offer.iceUfrag(), reoffer.iceUfrag());
        assertNotEquals(offer.icePwd(), reoffer.icePwd());
        assertEquals(offer.fingerprint(), reoffer.fingerprint(), "DTLS is not redone by an ICE restart");
        relayBothWays(100);

        // e2 sees a new ufrag in the offer, so it restarts too and answers with new credentials.
        events1.clear();
        events2.clear();
        e2.remoteParameters(b2, webRtc(reoffer));
        LocalParameters reanswer = e2.localParameters(b2);
        assertNotEquals(answer.iceUfrag(), reanswer.iceUfrag(), "RFC 8839 §4.4.1.1.1: the answer restarts too");
        e1.remoteParameters(a1, webRtc(reanswer));
        MediaEngineLoopbackTest.await(events1, MediaEvent.IceConnected.class);
        MediaEngineLoopbackTest.await(events2, MediaEvent.IceConnected.class);
        relayBothWays(200);
    }

    private static RemoteParameters webRtc(LocalParameters p) {
        return RemoteParameters.webRtc(p.iceUfrag(), p.icePwd(), p.candidates(), p.fingerprint(), p.setup());
    }

    private void relayBothWays(int seq) throws Exception {
        for (int i = seq; i < seq + 10; i++) {
            byte[] forward = MediaEngineLoopbackTest.rtp(0x1, i, "f" + i);
            phone1.send(new DatagramPacket(forward, forward.length, e1.addresses().get(0)));
            assertArrayEquals(forward, receive(phone2), "forward " + i);
            byte[] backward = MediaEngineLoopbackTest.rtp(0x2, i, "b" + i);
            phone2.send(new DatagramPacket(backward, backward.length, e2.addresses().get(0)));
            assertArrayEquals(backward, receive(phone1), "backward " + i);
        }
    }

    private static byte[] receive(DatagramSocket s) throws Exception {
        DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
        s.receive(p);
        return Arrays.copyOf(p.getData(), p.getLength());
    }
}
