package org.callway.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.callway.config.Transport;
import org.callway.media.MediaService;
import org.callway.peer.DigestHa1;
import org.callway.peer.Peer;
import org.callway.peer.PeerRepository;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Inside WildFly: the resource adapter reaches a bean, and the datasource keeps a peer. */
@ExtendWith(ArquillianExtension.class)
class MediaAndPersistenceArquillianIT {

    @Deployment
    static EnterpriseArchive deployment() {
        return CallwayDeployment.withTests(MediaAndPersistenceArquillianIT.class);
    }

    @Inject
    MediaService media;

    @Inject
    PeerRepository peers;

    @Test
    void adapterSocketInjectedIntoBeanAnswersStunBinding() throws Exception {
        List<InetSocketAddress> sockets = media.mediaAddresses();
        assertEquals(1, sockets.size(), sockets.toString());
        InetSocketAddress socket = sockets.get(0);
        assertEquals(InetAddress.getByName("127.0.0.1"), socket.getAddress());
        assertNotEquals(0, socket.getPort());

        byte[] transaction = new byte[12];
        new SecureRandom().nextBytes(transaction);
        ByteBuffer request = ByteBuffer.allocate(20).putShort((short) 0x0001).putShort((short) 0)
                .putInt(0x2112A442).put(transaction);
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            client.setSoTimeout(5_000);
            client.send(new DatagramPacket(request.array(), 20, socket));
            DatagramPacket answer = new DatagramPacket(new byte[512], 512);
            client.receive(answer);
            ByteBuffer response = ByteBuffer.wrap(answer.getData(), 0, answer.getLength());
            assertEquals(0x0101, response.getShort(0) & 0xFFFF, "Binding success response");
            byte[] echoed = new byte[12];
            response.get(8, echoed);
            assertArrayEquals(transaction, echoed);
            assertEquals(0x0020, response.getShort(20) & 0xFFFF, "XOR-MAPPED-ADDRESS");
            int port = (response.getShort(26) ^ 0x2112) & 0xFFFF;
            assertEquals(client.getLocalPort(), port, "the mapped port is the client's own");
        }
    }

    @Test
    void peerRoundTripsThroughTheDatasource() {
        String name = "arq-" + System.nanoTime();
        Peer peer = new Peer(name, null);
        peer.setSecret("callway", "s3cret!");
        peer.setTransports(EnumSet.of(Transport.WSS, Transport.UDP));
        peer.setAvpf(true);
        peer.setEncryption(true);
        peer.setNat(Set.of("force_rport"));
        peer.setContext("lab");
        peer.setCodecs(List.of("opus", "alaw"));
        peers.create(peer);

        Peer read = peers.findByName(name).orElseThrow();
        assertEquals(EnumSet.of(Transport.UDP, Transport.WSS), read.getTransports());
        assertTrue(read.isAvpf());
        assertTrue(read.isEncryption());
        assertEquals(Set.of("force_rport"), read.getNat());
        assertEquals("lab", read.getContext());
        assertEquals(List.of("opus", "alaw"), read.getCodecs());
        assertEquals(DigestHa1.md5(name, "callway", "s3cret!"), read.getHa1Md5());
        assertEquals(DigestHa1.sha256(name, "callway", "s3cret!"), read.getHa1Sha256());
        assertFalse(read.getHa1Md5().contains("s3cret"));
    }
}
