package org.callway.media.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.Connector;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.transaction.xa.XAResource;
import org.callway.media.ra.sip.SipActivationSpec;
import org.callway.media.ra.sip.SipTransports;

/**
 * Callway's media engine as a JCA resource adapter: it owns every media socket and the
 * threads that read them, all started through the container's WorkManager so WildFly
 * sees and bounds them. One shared UDP socket per configured address (sessions are told
 * apart by their ICE ufrag, not by port), like jitsi's SinglePortUdpHarvester.
 */
@Connector(
        displayName = "Callway media",
        vendorName = "Callway",
        eisType = "RTP/SRTP media",
        version = "0.1",
        transactionSupport = TransactionSupport.TransactionSupportLevel.NoTransaction)
public class MediaResourceAdapter implements jakarta.resource.spi.ResourceAdapter {

    private static final Logger LOG = Logger.getLogger(MediaResourceAdapter.class.getName());

    @ConfigProperty(defaultValue = "127.0.0.1",
            description = "Comma-separated local addresses to bind media sockets on (rtp.conf has no equivalent: Asterisk binds all)")
    private String addresses = "127.0.0.1";

    @ConfigProperty(defaultValue = "10000",
            description = "The shared media UDP port on each address; 0 picks a free one")
    private Integer port = 10000;

    @ConfigProperty(defaultValue = "127.0.0.1",
            description = "Comma-separated local addresses for SIP over UDP and TCP (sip.conf bindaddr)")
    private String sipAddresses = "127.0.0.1";

    @ConfigProperty(defaultValue = "5060", description = "The SIP UDP and TCP port (sip.conf bindport)")
    private Integer sipPort = 5060;

    private final List<UdpReaderWork> readers = new CopyOnWriteArrayList<>();
    private final SipTransports sip = new SipTransports();

    @Override
    public void start(BootstrapContext context) throws ResourceAdapterInternalException {
        WorkManager workManager = context.getWorkManager();
        try {
            for (String address : addresses.split(",")) {
                UdpReaderWork reader = UdpReaderWork.open(new InetSocketAddress(address.trim(), port));
                readers.add(reader);
                // INDEFINITE: a socket reader lives as long as the adapter (JCA 1.7 §11.3.3).
                workManager.scheduleWork(reader, WorkManager.INDEFINITE, null, null);
                LOG.info(() -> "Callway media socket bound on udp/" + reader.localAddress().getAddress().getHostAddress() + ":" + reader.localAddress().getPort());
            }
        } catch (IOException | WorkException | IllegalArgumentException e) {
            stop();
            throw new ResourceAdapterInternalException("cannot open media socket on " + addresses + ":" + port, e);
        }
        startSip(workManager);
    }

    private void startSip(WorkManager workManager) throws ResourceAdapterInternalException {
        List<InetSocketAddress> bind = new ArrayList<>();
        for (String address : sipAddresses.split(",")) {
            bind.add(new InetSocketAddress(address.trim(), sipPort));
        }
        try {
            sip.start(workManager, bind);
        } catch (IOException | WorkException | IllegalArgumentException e) {
            stop();
            throw new ResourceAdapterInternalException("cannot open SIP listeners on " + sipAddresses + ":" + sipPort, e);
        }
    }

    /** Tears down in reverse order of start: readers close their sockets and leave run(). */
    @Override
    public void stop() {
        sip.stop();
        List<UdpReaderWork> open = new ArrayList<>(readers);
        readers.clear();
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).release();
        }
        for (UdpReaderWork reader : open) {
            try {
                reader.awaitStopped(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.log(Level.WARNING, "interrupted while stopping media readers", e);
                return;
            }
        }
    }

    /** The bound sockets, real ports included (port 0 resolves at bind). */
    public List<InetSocketAddress> mediaAddresses() {
        return readers.stream().map(UdpReaderWork::localAddress).toList();
    }

    @Override
    public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) throws ResourceException {
        if (!(spec instanceof SipActivationSpec)) {
            throw new jakarta.resource.NotSupportedException("unknown activation " + spec);
        }
        sip.activate(factory);
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
        sip.deactivate(factory);
    }

    /** The SIP listeners bound, e.g. {@code udp/127.0.0.1:5060}. */
    public List<String> sipListeners() {
        return sip.listeners();
    }

    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return null; // NoTransaction: nothing to recover (JCA 1.7 §16.4).
    }

    public String getAddresses() {
        return addresses;
    }

    public void setAddresses(String addresses) {
        this.addresses = addresses;
    }

    public String getSipAddresses() {
        return sipAddresses;
    }

    public void setSipAddresses(String sipAddresses) {
        this.sipAddresses = sipAddresses;
    }

    public Integer getSipPort() {
        return sipPort;
    }

    public void setSipPort(Integer sipPort) {
        this.sipPort = sipPort;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    // JCA 1.7 §5.3.1: a resource adapter is a JavaBean compared by its configuration.
    @Override
    public boolean equals(Object other) {
        return other instanceof MediaResourceAdapter ra
                && Objects.equals(addresses, ra.addresses) && Objects.equals(port, ra.port)
                && Objects.equals(sipAddresses, ra.sipAddresses) && Objects.equals(sipPort, ra.sipPort);
    }

    @Override
    public int hashCode() {
        return Objects.hash(addresses, port, sipAddresses, sipPort);
    }
}
