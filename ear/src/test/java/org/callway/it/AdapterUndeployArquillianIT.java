package org.callway.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Undeploying Callway leaves nothing of the media adapter behind, checked from outside it:
 * a second deployment (the observer) lists the server's threads, and the test binds the
 * adapter's ports itself. Before that, a bean inside the EAR bridges two plain RTP legs and
 * real UDP packets cross the bridge both ways, so the threads and sockets were in use; after
 * a redeploy, the same ports carry media again.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdapterUndeployArquillianIT {

    private static final String BASE = CallwayServer.HTTP;
    private static final int MEDIA_PORT = 10000;
    private static final int SIP_PORT = 5060;
    private static final int SIP_TLS_PORT = 5061;

    @Deployment(name = "callway", managed = false, testable = false)
    static EnterpriseArchive callway() {
        return CallwayDeployment.withWebModule(ShrinkWrap.create(WebArchive.class, "callway-tests.war")
                .addClass(UndeployBridgeServlet.class));
    }

    @Deployment(name = "observer", testable = false)
    static WebArchive observer() {
        return ShrinkWrap.create(WebArchive.class, "undeploy-observer.war").addClass(ThreadListServlet.class);
    }

    @ArquillianResource
    Deployer deployer;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void undeployEndsEveryAdapterThreadAndSocketAndRedeployCarriesMediaAgain() throws Exception {
        deployer.deploy("callway");
        try {
            List<String> running = adapterThreads();
            assertTrue(running.stream().anyMatch(t -> t.contains("media udp/127.0.0.1:" + MEDIA_PORT)),
                    "the check sees the adapter's threads while deployed: " + running);
            assertTrue(running.stream().anyMatch(t -> t.contains("media ticker")), running.toString());
            assertTrue(running.stream().anyMatch(t -> t.contains("sip tls/127.0.0.1:" + SIP_TLS_PORT)), running.toString());
            bridgeCarriesRtp();
        } finally {
            deployer.undeploy("callway");
        }

        List<String> left = adapterThreads();
        for (int i = 0; i < 20 && !left.isEmpty(); i++) {
            Thread.sleep(100); // a Work's thread takes its pool name back just after it ends
            left = adapterThreads();
        }
        assertEquals(List.of(), left, "no adapter thread after undeploy");
        try (DatagramSocket media = new DatagramSocket(new InetSocketAddress("127.0.0.1", MEDIA_PORT));
                DatagramSocket sipUdp = new DatagramSocket(new InetSocketAddress("127.0.0.1", SIP_PORT));
                ServerSocket sipTcp = new ServerSocket();
                ServerSocket sipTls = new ServerSocket()) {
            sipTcp.setReuseAddress(true); // TIME_WAIT of closed SIP connections is not a socket left open
            sipTcp.bind(new InetSocketAddress("127.0.0.1", SIP_PORT));
            sipTls.setReuseAddress(true);
            sipTls.bind(new InetSocketAddress("127.0.0.1", SIP_TLS_PORT));
            assertEquals(MEDIA_PORT, media.getLocalPort(), "the media port was free again");
        }

        deployer.deploy("callway");
        try {
            bridgeCarriesRtp();
        } finally {
            deployer.undeploy("callway");
        }
    }

    /** Names of threads running adapter Work, by name or by what they execute. */
    private List<String> adapterThreads() throws Exception {
        String body = get("/undeploy-observer/threads");
        return body.lines().filter(l -> l.startsWith("callway-adapter ") || l.endsWith("\ttrue")).toList();
    }

    private void bridgeCarriesRtp() throws Exception {
        try (DatagramSocket a = phone(); DatagramSocket b = phone()) {
            int port = Integer.parseInt(get("/callway-tests/bridge?a=" + a.getLocalPort() + "&b=" + b.getLocalPort()).trim());
            assertEquals(MEDIA_PORT, port);
            InetSocketAddress engine = new InetSocketAddress("127.0.0.1", port);
            for (int i = 0; i < 10; i++) {
                byte[] forward = rtp(0xA, i);
                a.send(new DatagramPacket(forward, forward.length, engine));
                assertArrayEquals(forward, receive(b), "a to b, packet " + i);
                byte[] backward = rtp(0xB, i);
                b.send(new DatagramPacket(backward, backward.length, engine));
                assertArrayEquals(backward, receive(a), "b to a, packet " + i);
            }
        }
    }

    private String get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(BASE + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return r.body();
    }

    private static DatagramSocket phone() throws Exception {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        s.setSoTimeout(3_000);
        return s;
    }

    private static byte[] rtp(int ssrc, int seq) {
        return ByteBuffer.allocate(12 + 160).put((byte) 0x80).put((byte) 0).putShort((short) seq)
                .putInt(seq * 160).putInt(ssrc).put(new byte[160]).array();
    }

    private static byte[] receive(DatagramSocket s) throws Exception {
        DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
        s.receive(p);
        return Arrays.copyOf(p.getData(), p.getLength());
    }
}
