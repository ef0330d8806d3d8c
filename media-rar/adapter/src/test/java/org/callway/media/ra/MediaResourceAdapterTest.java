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
import org.callway.media.api.MediaConnection;
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

    @Test
    void aBusyPortFailsStartCleanly() throws Exception {
        try (java.net.DatagramSocket taken = new java.net.DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            ThreadWorkManager work = new ThreadWorkManager();
            MediaResourceAdapter adapter = new MediaResourceAdapter();
            adapter.setAddresses("127.0.0.1");
            adapter.setPort(taken.getLocalPort());
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
