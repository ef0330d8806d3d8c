package org.callway.media.ra.sip;

import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;

/**
 * The adapter's SIP listeners (UDP and TCP on each configured address, 5060 by default, and TLS,
 * 5061): one WorkManager thread per listener whatever the traffic. What they read goes to the activated
 * message endpoint through {@link SipDelivery}.
 */
public final class SipTransports {

    private static final Logger LOG = Logger.getLogger(SipTransports.class.getName());

    private final SipDelivery delivery = new SipDelivery();
    private final List<UdpSipReader> udp = new ArrayList<>();
    private final List<TcpSipServer> tcp = new ArrayList<>();

    /**
     * Binds every listener, then starts their readers; on failure nothing stays open.
     *
     * @param tlsPort the SIP over TLS port on each address (5061), or 0 for none
     */
    public void start(WorkManager workManager, List<InetSocketAddress> addresses, int tlsPort, SSLContext tls)
            throws IOException, WorkException {
        try {
            for (InetSocketAddress address : addresses) {
                udp.add(UdpSipReader.open(address, delivery));
                tcp.add(TcpSipServer.open(address, delivery));
                if (tls != null && tlsPort > 0) {
                    tcp.add(TcpSipServer.open(new InetSocketAddress(address.getAddress(), tlsPort), delivery, tls));
                }
            }
            for (Work w : works()) {
                workManager.scheduleWork(w, WorkManager.INDEFINITE, null, null);
            }
        } catch (IOException | WorkException e) {
            stop();
            throw e;
        }
        udp.forEach(u -> LOG.info(() -> "Callway SIP listening on udp/" + hostPort(u.local())));
        tcp.forEach(t -> LOG.info(() -> "Callway SIP listening on " + t.transport().toLowerCase(java.util.Locale.ROOT)
                + "/" + hostPort(t.local())));
    }

    public void stop() {
        List<Work> all = works();
        all.forEach(Work::release);
        try {
            for (UdpSipReader u : udp) {
                u.awaitStopped(5_000);
            }
            for (TcpSipServer t : tcp) {
                t.awaitStopped(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.log(Level.WARNING, "interrupted while stopping SIP listeners", e);
        }
        udp.clear();
        tcp.clear();
    }

    public void activate(MessageEndpointFactory factory) {
        delivery.activate(factory);
    }

    public void deactivate(MessageEndpointFactory factory) {
        delivery.deactivate(factory);
    }

    /** The bound listeners, e.g. {@code udp/127.0.0.1:5060}. */
    public List<String> listeners() {
        List<String> out = new ArrayList<>();
        udp.forEach(u -> out.add("udp/" + hostPort(u.local())));
        tcp.forEach(t -> out.add(t.transport().toLowerCase(java.util.Locale.ROOT) + "/" + hostPort(t.local())));
        return out;
    }

    public SipDelivery delivery() {
        return delivery;
    }

    private List<Work> works() {
        List<Work> all = new ArrayList<>(udp);
        all.addAll(tcp);
        return all;
    }

    private static String hostPort(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }
}
