package org.callway.media.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.XATerminator;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.net.InetSocketAddress;
import java.util.Timer;
import org.callway.media.api.IceRole;
import org.callway.media.api.LegId;
import org.callway.media.api.LegKind;
import org.callway.media.api.LocalParameters;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import org.callway.media.api.MediaConnection;
import org.callway.media.api.MediaEvent;
import org.callway.media.api.MediaEventListener;
import org.callway.media.api.RemoteParameters;
import org.callway.media.ra.inflow.MediaActivationSpec;
import org.callway.media.api.Setup;
import org.junit.jupiter.api.Test;

/** The JCA path a caller takes: adapter start, managed connection, handle, legs, stop. */
class MediaResourceAdapterTest {

    @Test
    void connectionsReachTheEngineAndStopReleasesEverything() throws Exception {
        ThreadWorkManager work = new ThreadWorkManager();
        MediaResourceAdapter adapter = new MediaResourceAdapter();
        adapter.setAddresses("127.0.0.1");
        adapter.setPort(0);
        adapter.setSipPort(0); // an ephemeral SIP port: 5060 may be taken
        adapter.setSipTlsPort(0);
        adapter.start(context(work));
        try {
            InetSocketAddress bound = adapter.mediaAddresses().get(0);
            assertTrue(bound.getPort() > 0);

            MediaManagedConnectionFactory mcf = new MediaManagedConnectionFactory();
            mcf.setResourceAdapter(adapter);
            MediaConnection connection = (MediaConnection) mcf.createManagedConnection(null, null).getConnection(null, null);
            assertEquals(adapter.mediaAddresses(), connection.mediaAddresses());

            LegId leg = connection.allocate(LegKind.WEBRTC, IceRole.CONTROLLED, event -> { });
            LocalParameters local = connection.localParameters(leg);
            assertEquals(Setup.ACTPASS, local.setup());
            assertTrue(local.fingerprint().matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"), local.fingerprint());
            assertTrue(local.iceUfrag().length() >= 4 && local.icePwd().length() >= 22, "RFC 8839 §5.4 lengths");
            assertEquals(bound.getPort(), local.candidates().get(0).port());
            assertEquals("127.0.0.1", local.candidates().get(0).address());
            assertEquals(0, connection.stats(leg).packetsIn());
            connection.closeLeg(leg);
            assertThrows(IllegalArgumentException.class, () -> connection.stats(leg));
            connection.close();
            assertThrows(IllegalStateException.class, connection::mediaAddresses);
        } finally {
            adapter.stop();
        }
        assertTrue(adapter.mediaAddresses().isEmpty());
        Thread.sleep(300);
        assertEquals(0, work.alive(), "stop() ends every Work it started");
    }

    /** rtp.conf rtpstart/rtpend as adapter properties: "none" (WildFly's empty) is off, both or neither. */
    @Test
    void rtpPortRangeProperties() throws Exception {
        ThreadWorkManager work = new ThreadWorkManager();
        MediaResourceAdapter half = adapter();
        half.setRtpStart("20000");
        half.setRtpEnd("none");
        jakarta.resource.spi.ResourceAdapterInternalException refused = assertThrows(
                jakarta.resource.spi.ResourceAdapterInternalException.class, () -> half.start(context(work)));
        assertTrue(refused.getCause().getMessage().contains("rtpStart and rtpEnd are set together"), refused.toString());
        half.stop();

        int start = PortRangeTest.freeRange();
        MediaResourceAdapter adapter = adapter();
        adapter.setRtpStart(Integer.toString(start));
        adapter.setRtpEnd(Integer.toString(start + 3));
        adapter.start(context(work));
        try {
            MediaManagedConnectionFactory mcf = new MediaManagedConnectionFactory();
            mcf.setResourceAdapter(adapter);
            MediaConnection connection = (MediaConnection) mcf.createManagedConnection(null, null).getConnection(null, null);
            LegId leg = connection.allocate(LegKind.RTP_AVP, IceRole.CONTROLLED, event -> { });
            assertEquals(start, connection.localParameters(leg).candidates().get(0).port());
            connection.close();
        } finally {
            adapter.stop();
        }
        Thread.sleep(300);
        assertEquals(0, work.alive(), "stop() ends the range's selector Work too");
    }

    private static MediaResourceAdapter adapter() {
        MediaResourceAdapter adapter = new MediaResourceAdapter();
        adapter.setAddresses("127.0.0.1");
        adapter.setPort(0);
        adapter.setSipPort(0);
        adapter.setSipTlsPort(0);
        return adapter;
    }

    @Test
    void activatedMessageEndpointsReceiveLegEvents() throws Exception {
        ThreadWorkManager work = new ThreadWorkManager();
        MediaResourceAdapter adapter = new MediaResourceAdapter();
        adapter.setAddresses("127.0.0.1");
        adapter.setPort(0);
        adapter.setSipPort(0); // an ephemeral SIP port: 5060 may be taken
        adapter.setSipTlsPort(0);
        adapter.start(context(work));
        java.util.concurrent.BlockingQueue<MediaEvent> delivered = new java.util.concurrent.LinkedBlockingQueue<>();
        java.util.concurrent.atomic.AtomicInteger released = new java.util.concurrent.atomic.AtomicInteger();
        MessageEndpointFactory factory = endpoints(delivered, released);
        MediaActivationSpec spec = new MediaActivationSpec();
        spec.setResourceAdapter(adapter);
        adapter.endpointActivation(factory, spec);
        try (java.net.DatagramSocket phone = new java.net.DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            MediaManagedConnectionFactory mcf = new MediaManagedConnectionFactory();
            mcf.setResourceAdapter(adapter);
            MediaConnection connection = (MediaConnection) mcf.createManagedConnection(null, null).getConnection(null, null);
            LegId leg = connection.allocate(LegKind.RTP_AVP, IceRole.CONTROLLED, null);
            connection.echo(leg);
            connection.remoteParameters(leg, RemoteParameters.plainRtp("127.0.0.1", phone.getLocalPort()));
            byte[] rtp = new byte[12 + 160];
            rtp[0] = (byte) 0x80;
            phone.send(new java.net.DatagramPacket(rtp, rtp.length, adapter.mediaAddresses().get(0)));

            MediaEvent event = delivered.poll(5, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(new MediaEvent.FirstMedia(leg), event);
            long deadline = System.currentTimeMillis() + 2_000;
            while (released.get() == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, released.get(), "the endpoint instance goes back to the container");

            adapter.endpointDeactivation(factory, spec);
            LegId other = connection.allocate(LegKind.RTP_AVP, IceRole.CONTROLLED, null);
            connection.remoteParameters(other, RemoteParameters.plainRtp("127.0.0.1", phone.getLocalPort() + 1));
            phone.send(new java.net.DatagramPacket(rtp, rtp.length, adapter.mediaAddresses().get(0)));
            assertNull(delivered.poll(300, java.util.concurrent.TimeUnit.MILLISECONDS), "deactivated: nothing more");
        } finally {
            adapter.stop();
        }
    }

    /** A container's endpoint factory in miniature: each endpoint records what it is given. */
    private static MessageEndpointFactory endpoints(java.util.Queue<MediaEvent> delivered,
            java.util.concurrent.atomic.AtomicInteger released) {
        return new MessageEndpointFactory() {
            @Override
            public MessageEndpoint createEndpoint(javax.transaction.xa.XAResource xa) {
                return (MessageEndpoint) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {MessageEndpoint.class, MediaEventListener.class}, (proxy, method, args) -> {
                            switch (method.getName()) {
                                case "onMediaEvent" -> delivered.add((MediaEvent) args[0]);
                                case "release" -> released.incrementAndGet();
                                default -> { }
                            }
                            return null;
                        });
            }

            @Override
            public MessageEndpoint createEndpoint(javax.transaction.xa.XAResource xa, long timeout) {
                return createEndpoint(xa);
            }

            @Override
            public boolean isDeliveryTransacted(java.lang.reflect.Method method) {
                return false;
            }

            @Override
            public String getActivationName() {
                return "test-mdb";
            }

            @Override
            public Class<?> getEndpointClass() {
                return MediaEventListener.class;
            }
        };
    }

    @Test
    void aBusyPortFailsStartCleanly() throws Exception {
        try (java.net.DatagramSocket taken = new java.net.DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            ThreadWorkManager work = new ThreadWorkManager();
            MediaResourceAdapter adapter = new MediaResourceAdapter();
            adapter.setAddresses("127.0.0.1");
            adapter.setPort(taken.getLocalPort());
            adapter.setSipPort(0); // an ephemeral SIP port: 5060 may be taken
        adapter.setSipTlsPort(0);
            assertThrows(jakarta.resource.spi.ResourceAdapterInternalException.class, () -> adapter.start(context(work)));
            assertEquals(0, work.alive());
            assertNull(adapter.mediaAddresses().stream().findAny().orElse(null));
        }
    }

    private static BootstrapContext context(WorkManager work) {
        return new BootstrapContext() {
            @Override
            public WorkManager getWorkManager() {
                return work;
            }

            @Override
            public XATerminator getXATerminator() {
                return null;
            }

            @Override
            public Timer createTimer() {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean isContextSupported(Class<? extends WorkContext> workContextClass) {
                return false;
            }

            @Override
            public TransactionSynchronizationRegistry getTransactionSynchronizationRegistry() {
                return null;
            }
        };
    }

}
