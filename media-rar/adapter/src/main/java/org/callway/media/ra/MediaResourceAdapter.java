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
import java.util.logging.Logger;
import javax.transaction.xa.XAResource;
import org.callway.media.ra.inflow.MediaActivation;
import org.callway.media.ra.inflow.MediaActivationSpec;
import org.callway.media.ra.sip.SipActivationSpec;
import org.callway.media.ra.sip.SipTransports;
import org.callway.media.ra.sip.SipTlsContext;
import javax.net.ssl.SSLContext;

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

    @ConfigProperty(defaultValue = "none",
            description = "First UDP port of the per-leg RTP port range (rtp.conf rtpstart); none = one shared port")
    private String rtpStart = "none";

    @ConfigProperty(defaultValue = "none",
            description = "Last UDP port of the per-leg RTP port range (rtp.conf rtpend); none = one shared port")
    private String rtpEnd = "none";

    @ConfigProperty(defaultValue = "2",
            description = "Threads running DTLS handshakes (Bouncy Castle's DTLS blocks); more legs queue")
    private Integer handshakeWorkers = 2;

    @ConfigProperty(defaultValue = "127.0.0.1",
            description = "Comma-separated local addresses for SIP over UDP and TCP (sip.conf bindaddr)")
    private String sipAddresses = "127.0.0.1";

    @ConfigProperty(defaultValue = "5060", description = "The SIP UDP and TCP port (sip.conf bindport)")
    private Integer sipPort = 5060;

    @ConfigProperty(defaultValue = "5061", description = "The SIP over TLS port (sip.conf tlsbindaddr); 0 for none")
    private Integer sipTlsPort = 5061;

    @ConfigProperty(description = "PKCS#12 or JKS keystore for SIP over TLS; empty: a self-signed certificate")
    private String sipTlsKeystore = "";

    @ConfigProperty(description = "The keystore's password")
    private String sipTlsPassword = "";

    @ConfigProperty(defaultValue = "localhost", description = "The host name in the self-signed certificate")
    private String sipTlsHost = "localhost";

    @ConfigProperty(defaultValue = "",
            description = "STUN server host:port for server-reflexive candidates (rtp.conf stunaddr); blank = none")
    private String stunAddress = "";

    @ConfigProperty(defaultValue = "",
            description = "TURN server host:port for relayed candidates over UDP (rtp.conf turnaddr, RFC 8656); blank = none")
    private String turnAddress = "";

    @ConfigProperty(defaultValue = "", description = "TURN long-term credential username (rtp.conf turnusername)")
    private String turnUsername = "";

    @ConfigProperty(defaultValue = "", description = "TURN long-term credential password (rtp.conf turnpassword)",
            confidential = true)
    private String turnPassword = "";

    @ConfigProperty(defaultValue = "all",
            description = "all: host, srflx and relay candidates; relay: only relayed ones (WebRTC iceTransportPolicy)")
    private String iceTransportPolicy = "all";

    @ConfigProperty(defaultValue = "",
            description = "Comma-separated networks (CIDR) ICE may use, ours and theirs; blank = any (Asterisk ice_acl)")
    private String iceAllow = "";

    @ConfigProperty(defaultValue = "",
            description = "Comma-separated networks (CIDR) ICE never uses, ours and theirs (Asterisk ice_blacklist)")
    private String iceDeny = "";

    @ConfigProperty(defaultValue = "",
            description = "Directory of WAV prompts (<name>.wav), looked in before the built-in ones; blank = built-in only")
    private String promptDirectory = "";

    private final SipTransports sip = new SipTransports();
    private volatile MediaEngine engine;
    private volatile WorkManager workManager;
    /** Activated MDB endpoints; every leg event goes to each (see {@link MediaActivation}). */
    private final List<MediaActivation> activations = new CopyOnWriteArrayList<>();

    @Override
    public void start(BootstrapContext context) throws ResourceAdapterInternalException {
        List<InetSocketAddress> bind = new ArrayList<>();
        try {
            for (String address : addresses.split(",")) {
                bind.add(new InetSocketAddress(address.trim(), port));
            }
            MediaEngine.Settings d = MediaEngine.Settings.defaults();
            MediaEngine started = new MediaEngine(context.getWorkManager(), bind,
                    new MediaEngine.Settings(handshakeWorkers, d.tickMillis(), d.iceTimeoutMillis(),
                            d.dtlsTimeoutMillis(), d.consentIntervalMillis(), d.consentTimeoutMillis(), d.holdPackets()),
                    gathering(), portRange());
            workManager = context.getWorkManager();
            started.sink(event -> activations.forEach(a -> a.deliver(event)));
            started.promptDirectory(promptDirectory.isEmpty() ? null : java.nio.file.Path.of(promptDirectory));
            started.start();
            engine = started;
            started.addresses().forEach(a -> LOG.info(() -> "Callway media socket bound on udp/"
                    + a.getAddress().getHostAddress() + ":" + a.getPort()));
            PortRange range = portRange();
            if (range != null) {
                LOG.info(() -> "Callway media legs take ports " + range.start() + "-" + range.end() + " (rtpStart-rtpEnd)");
            }
        } catch (IOException | WorkException | IllegalArgumentException e) {
            throw new ResourceAdapterInternalException("cannot open media socket on " + addresses + ":" + port, e);
        }
        startSip(context.getWorkManager());
    }

    /** rtp.conf rtpstart/rtpend: both or neither; null = shared-port mode. */
    private PortRange portRange() {
        String from = optional(rtpStart);
        String to = optional(rtpEnd);
        if (from.isEmpty() && to.isEmpty()) {
            return null;
        }
        if (from.isEmpty() || to.isEmpty()) {
            throw new IllegalArgumentException("rtpStart and rtpEnd are set together, not " + rtpStart + "/" + rtpEnd);
        }
        try {
            return new PortRange(Integer.parseInt(from), Integer.parseInt(to));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("rtpStart and rtpEnd are port numbers, not " + rtpStart + "/" + rtpEnd, e);
        }
    }

    private MediaEngine.Gathering gathering() {
        boolean relayOnly = switch (iceTransportPolicy == null ? "all" : iceTransportPolicy.trim()) {
            case "", "all" -> false;
            case "relay" -> true;
            default -> throw new IllegalArgumentException("iceTransportPolicy is all or relay, not " + iceTransportPolicy);
        };
        return MediaEngine.Gathering.of(optional(stunAddress), optional(turnAddress), optional(turnUsername),
                optional(turnPassword), relayOnly, optional(iceAllow), optional(iceDeny));
    }

    /**
     * An optional text property: blank or "none" is unset. WildFly rejects an empty
     * config-property value (WFLYCTL0113), so the configuration writes "none" for "not set".
     */
    static String optional(String value) {
        return value == null || value.isBlank() || value.trim().equals("none") ? "" : value.trim();
    }

    private void startSip(WorkManager workManager) throws ResourceAdapterInternalException {
        List<InetSocketAddress> bind = new ArrayList<>();
        for (String address : sipAddresses.split(",")) {
            bind.add(new InetSocketAddress(address.trim(), sipPort));
        }
        try {
            SSLContext tls = sipTlsPort != null && sipTlsPort > 0
                    ? SipTlsContext.create(optional(sipTlsKeystore), optional(sipTlsPassword), sipTlsHost) : null;
            sip.start(workManager, bind, sipTlsPort == null ? 0 : sipTlsPort, tls);
        } catch (IOException | WorkException | IllegalArgumentException e) {
            stop();
            throw new ResourceAdapterInternalException("cannot open SIP listeners on " + sipAddresses + ":" + sipPort, e);
        }
    }

    /** Tears down in reverse order of start: legs, workers, ticker, then the socket readers. */
    @Override
    public void stop() {
        sip.stop();
        MediaEngine running = engine;
        engine = null;
        activations.clear();
        if (running != null) {
            running.stop();
        }
    }

    /** The bound sockets, real ports included (port 0 resolves at bind). */
    public List<InetSocketAddress> mediaAddresses() {
        MediaEngine running = engine;
        return running == null ? List.of() : running.addresses();
    }

    /** The running engine; fails if the adapter is not started. */
    MediaEngine engine() {
        MediaEngine running = engine;
        if (running == null) {
            throw new IllegalStateException("the media adapter is not started");
        }
        return running;
    }

    /**
     * An MDB implementing {@link org.callway.media.api.MediaEventListener} starts receiving leg
     * events; one implementing {@link org.callway.media.api.sip.SipPacketListener} what the SIP
     * sockets read.
     */
    @Override
    public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) throws ResourceException {
        if (spec instanceof SipActivationSpec) {
            sip.activate(factory);
            return;
        }
        if (!(spec instanceof MediaActivationSpec mediaSpec)) {
            throw new jakarta.resource.NotSupportedException("not a MediaActivationSpec: " + spec);
        }
        WorkManager current = workManager;
        if (current == null) {
            throw new jakarta.resource.spi.IllegalStateException("the media adapter is not started");
        }
        activations.add(new MediaActivation(factory, mediaSpec, current));
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
        if (spec instanceof SipActivationSpec) {
            sip.deactivate(factory);
            return;
        }
        activations.removeIf(a -> a.factory() == factory && a.spec() == spec);
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

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    /** The SIP listeners bound, e.g. {@code udp/127.0.0.1:5060}. */
    public List<String> sipListeners() {
        return sip.listeners();
    }

    public String getRtpStart() {
        return rtpStart;
    }

    public void setRtpStart(String rtpStart) {
        this.rtpStart = optional(rtpStart);
    }

    public String getRtpEnd() {
        return rtpEnd;
    }

    public void setRtpEnd(String rtpEnd) {
        this.rtpEnd = optional(rtpEnd);
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

    public Integer getSipTlsPort() {
        return sipTlsPort;
    }

    public void setSipTlsPort(Integer sipTlsPort) {
        this.sipTlsPort = sipTlsPort;
    }

    public String getSipTlsKeystore() {
        return sipTlsKeystore;
    }

    public void setSipTlsKeystore(String sipTlsKeystore) {
        this.sipTlsKeystore = optional(sipTlsKeystore);
    }

    public String getSipTlsPassword() {
        return sipTlsPassword;
    }

    public void setSipTlsPassword(String sipTlsPassword) {
        this.sipTlsPassword = optional(sipTlsPassword);
    }

    public String getSipTlsHost() {
        return sipTlsHost;
    }

    public void setSipTlsHost(String sipTlsHost) {
        this.sipTlsHost = sipTlsHost;
    }

    public Integer getHandshakeWorkers() {
        return handshakeWorkers;
    }

    public void setHandshakeWorkers(Integer handshakeWorkers) {
        this.handshakeWorkers = handshakeWorkers;
    }

    public String getStunAddress() {
        return stunAddress;
    }

    public void setStunAddress(String stunAddress) {
        this.stunAddress = optional(stunAddress);
    }

    public String getTurnAddress() {
        return turnAddress;
    }

    public void setTurnAddress(String turnAddress) {
        this.turnAddress = optional(turnAddress);
    }

    public String getTurnUsername() {
        return turnUsername;
    }

    public void setTurnUsername(String turnUsername) {
        this.turnUsername = optional(turnUsername);
    }

    public String getTurnPassword() {
        return turnPassword;
    }

    public void setTurnPassword(String turnPassword) {
        this.turnPassword = optional(turnPassword);
    }

    public String getIceTransportPolicy() {
        return iceTransportPolicy;
    }

    public void setIceTransportPolicy(String iceTransportPolicy) {
        this.iceTransportPolicy = iceTransportPolicy;
    }

    public String getIceAllow() {
        return iceAllow;
    }

    public void setIceAllow(String iceAllow) {
        this.iceAllow = optional(iceAllow);
    }

    public String getIceDeny() {
        return iceDeny;
    }

    public void setIceDeny(String iceDeny) {
        this.iceDeny = optional(iceDeny);
    }

    public String getPromptDirectory() {
        return promptDirectory;
    }

    public void setPromptDirectory(String promptDirectory) {
        this.promptDirectory = optional(promptDirectory);
    }


    // JCA 1.7 §5.3.1: a resource adapter is a JavaBean compared by its configuration.
    @Override
    public boolean equals(Object other) {
        return other instanceof MediaResourceAdapter ra
                && Objects.equals(addresses, ra.addresses) && Objects.equals(port, ra.port)
                && Objects.equals(rtpStart, ra.rtpStart) && Objects.equals(rtpEnd, ra.rtpEnd)
                && Objects.equals(handshakeWorkers, ra.handshakeWorkers)
                && Objects.equals(sipAddresses, ra.sipAddresses) && Objects.equals(sipPort, ra.sipPort)
                && Objects.equals(sipTlsPort, ra.sipTlsPort)
                && Objects.equals(stunAddress, ra.stunAddress) && Objects.equals(turnAddress, ra.turnAddress)
                && Objects.equals(turnUsername, ra.turnUsername) && Objects.equals(turnPassword, ra.turnPassword)
                && Objects.equals(iceTransportPolicy, ra.iceTransportPolicy)
                && Objects.equals(iceAllow, ra.iceAllow) && Objects.equals(iceDeny, ra.iceDeny)
                && Objects.equals(promptDirectory, ra.promptDirectory);
    }

    @Override
    public int hashCode() {
        return Objects.hash(addresses, port, rtpStart, rtpEnd, handshakeWorkers, sipAddresses, sipPort, sipTlsPort,
                stunAddress, turnAddress, turnUsername, turnPassword, iceTransportPolicy, iceAllow, iceDeny,
                promptDirectory);
    }
}
