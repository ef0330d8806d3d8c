package org.callway.media.ra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.callway.media.api.IceCandidate;
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
 * Relayed candidates against a real coturn on 127.0.0.1: engine R gathers through TURN
 * and offers only its relayed candidate; engine H has host candidates only. ICE, DTLS and
 * SRTP between them can only work through coturn (R's checks and media are wrapped for
 * it and come back as ChannelData or Data indications):
 *
 * <pre>
 * phoneR --RTP--> [R: plain <-> webrtc] ==coturn== [H: webrtc <-> plain] --RTP--> phoneH
 * </pre>
 */
class TurnRelayTest {
    // phone(), await() and rtp() are MediaEngineLoopbackTest's.

    private static final InetSocketAddress LOOPBACK_ANY_PORT = new InetSocketAddress("127.0.0.1", 0);
    private static final MediaEngine.Settings SETTINGS = new MediaEngine.Settings(2, 20, 5_000, 5_000, 5_000, 30_000, 1024);

    private final ThreadWorkManager work = new ThreadWorkManager();
    private final BlockingQueue<MediaEvent> eventsR = new LinkedBlockingQueue<>();
    private final BlockingQueue<MediaEvent> eventsH = new LinkedBlockingQueue<>();
    private Coturn coturn;
    private MediaEngine relayed;
    private MediaEngine host;
    private DatagramSocket phoneR;
    private DatagramSocket phoneH;

    @BeforeEach
    void start(org.junit.jupiter.api.TestInfo test) throws Exception {
        // The refresh test gets an allocation of 4 s and nonces of 3 s (RFC 8656 §8, RFC 8489 §9.2).
        coturn = test.getTestMethod().orElseThrow().getName().startsWith("allocation")
                ? Coturn.start("--max-allocate-lifetime=4", "--stale-nonce=3") : Coturn.start();
        phoneR = MediaEngineLoopbackTest.phone();
        phoneH = MediaEngineLoopbackTest.phone();
    }

    @AfterEach
    void stop() throws Exception {
        for (MediaEngine e : new MediaEngine[] {relayed, host}) {
            if (e != null) {
                e.stop();
            }
        }
        phoneR.close();
        phoneH.close();
        coturn.close();
    }

    private MediaEngine engine(MediaEngine.Gathering gathering) throws Exception {
        MediaEngine e = new MediaEngine(work, List.of(LOOPBACK_ANY_PORT), SETTINGS, gathering);
        e.start();
        return e;
    }

    private MediaEngine.Gathering turn(String password, boolean relayOnly, String denied) {
        String server = "127.0.0.1:" + coturn.address.getPort();
        return MediaEngine.Gathering.of(server, server, Coturn.USER, password, relayOnly, "", denied);
    }

    @Test
    void relayOnlyLegConnectsThroughCoturnAndCarriesSrtpBothWays() throws Exception {
        LegId[] legs = relayedCall();
        relayBothWays(legs, 0, 20);
        assertEquals(20, host.stats(legs[2]).packetsIn());
        assertEquals(20, relayed.stats(legs[1]).packetsIn());
        String log = coturn.logText();
        assertTrue(log.contains("CHANNEL_BIND processed, success"),
                "coturn bound a channel (media as ChannelData, RFC 8656 §12): " + tail(log));
    }

    @Test
    void allocationIsRefreshedPastItsLifetimeAndStaleNoncesRenewed() throws Exception {
        LegId[] legs = relayedCall();
        relayBothWays(legs, 0, 5);
        Thread.sleep(7_000); // beyond the 4 s the allocation was granted
        relayBothWays(legs, 5, 5);
        String log = coturn.logText();
        assertTrue(log.contains("REFRESH processed, success"), "the allocation was refreshed: " + tail(log));
        assertTrue(log.contains("error 438"), "a stale nonce was answered and retried: " + tail(log));
    }

    /** {pr, wr, wh, ph}: plain and WebRTC legs on the relay-only engine, then on the host engine. */
    private LegId[] relayedCall() throws Exception {
        relayed = engine(turn(Coturn.PASSWORD, true, ""));
        host = engine(MediaEngine.Gathering.none());

        LegId pr = relayed.allocate(LegKind.RTP_AVP, IceRole.CONTROLLING, null);
        LegId wr = relayed.allocate(LegKind.WEBRTC, IceRole.CONTROLLING, eventsR::add);
        LegId wh = host.allocate(LegKind.WEBRTC, IceRole.CONTROLLED, eventsH::add);
        LegId ph = host.allocate(LegKind.RTP_AVP, IceRole.CONTROLLED, null);
        relayed.bridge(pr, wr);
        host.bridge(wh, ph);
        relayed.remoteParameters(pr, RemoteParameters.plainRtp("127.0.0.1", phoneR.getLocalPort()));
        host.remoteParameters(ph, RemoteParameters.plainRtp("127.0.0.1", phoneH.getLocalPort()));

        LocalParameters offer = relayed.localParameters(wr);
        List<String> types = offer.candidates().stream().map(IceCandidate::type).toList();
        assertEquals(List.of("relay"), types, "relay-only: the relayed candidate and nothing else: " + offer.candidates());
        IceCandidate relay = offer.candidates().get(0);
        int enginePort = relayed.addresses().get(0).getPort();
        assertTrue(relay.port() != enginePort && relay.port() != coturn.address.getPort(),
                "the relayed address is coturn's, not ours: " + relay);

        host.remoteParameters(wh, RemoteParameters.webRtc(offer.iceUfrag(), offer.icePwd(), offer.candidates(),
                offer.fingerprint(), offer.setup()));
        LocalParameters answer = host.localParameters(wh);
        relayed.remoteParameters(wr, RemoteParameters.webRtc(answer.iceUfrag(), answer.icePwd(), answer.candidates(),
                answer.fingerprint(), answer.setup()));

        MediaEvent.IceConnected atHost = MediaEngineLoopbackTest.await(eventsH, MediaEvent.IceConnected.class);
        assertEquals("127.0.0.1:" + relay.port(), atHost.remote(), "the host side talks to coturn's relayed address");
        MediaEngineLoopbackTest.await(eventsR, MediaEvent.DtlsConnected.class);
        MediaEngineLoopbackTest.await(eventsH, MediaEvent.DtlsConnected.class);
        return new LegId[] {pr, wr, wh, ph};
    }

    private void relayBothWays(LegId[] legs, int from, int count) throws Exception {
        LegId wr = legs[1];
        LegId wh = legs[2];
        for (int i = from; i < from + count; i++) {
            byte[] sent = MediaEngineLoopbackTest.rtp(0x1111, i, "to-host-" + i);
            phoneR.send(new DatagramPacket(sent, sent.length, relayed.addresses().get(0)));
            assertArrayEquals(sent, receive(phoneH, () -> "forward " + relayed.stats(wr) + " / " + host.stats(wh)
                    + " unrouted " + host.unroutedDrops() + "/" + relayed.unroutedDrops()), "forward " + i);
            byte[] back = MediaEngineLoopbackTest.rtp(0x2222, i, "to-relayed-" + i);
            phoneH.send(new DatagramPacket(back, back.length, host.addresses().get(0)));
            assertArrayEquals(back, receive(phoneR, () -> "backward " + relayed.stats(wr) + " / " + host.stats(wh)
                    + " unrouted " + host.unroutedDrops() + "/" + relayed.unroutedDrops()), "backward " + i);
        }
    }

    @Test
    void stunServerReportsTheSocketsAddressWhichOnLoopbackIsNoExtraCandidate() throws Exception {
        String server = "127.0.0.1:" + coturn.address.getPort();
        relayed = engine(MediaEngine.Gathering.of(server, "", "", "", false, "", ""));
        assertEquals(relayed.addresses(), relayed.stunMapped(), "coturn answered our Binding from the shared socket");
        LegId leg = relayed.allocate(LegKind.WEBRTC, IceRole.CONTROLLING, eventsR::add);
        List<String> types = relayed.localParameters(leg).candidates().stream().map(IceCandidate::type).toList();
        assertEquals(List.of("host"), types, "no NAT: srflx equals host and is left out (RFC 8445 §5.1.3)");
    }

    @Test
    void wrongPasswordGivesNoRelayedCandidate() throws Exception {
        relayed = engine(turn("not-the-password", false, ""));
        LegId leg = relayed.allocate(LegKind.WEBRTC, IceRole.CONTROLLING, eventsR::add);
        List<String> types = relayed.localParameters(leg).candidates().stream().map(IceCandidate::type).toList();
        assertFalse(types.contains("relay"), "coturn refused us (401 twice), so no relay: " + types);
        assertTrue(types.contains("host"), types.toString());
    }

    @Test
    void candidateFilterDropsDeniedNetworks() throws Exception {
        relayed = engine(turn(Coturn.PASSWORD, false, "127.0.0.0/8"));
        LegId leg = relayed.allocate(LegKind.WEBRTC, IceRole.CONTROLLING, eventsR::add);
        assertEquals(List.of(), relayed.localParameters(leg).candidates(), "every candidate is on 127/8, which is denied");
    }

    private static String tail(String log) {
        return log.length() > 3000 ? log.substring(log.length() - 3000) : log;
    }

    private static byte[] receive(DatagramSocket socket, java.util.function.Supplier<String> state) throws Exception {
        DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
        try {
            socket.receive(p);
        } catch (java.net.SocketTimeoutException e) {
            throw new AssertionError("nothing arrived: " + state.get(), e);
        }
        return Arrays.copyOf(p.getData(), p.getLength());
    }
}
