package org.callway.media.ra;

import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.callway.media.api.DropReason;
import org.callway.media.api.IceCandidate;
import org.callway.media.api.IceRole;
import org.callway.media.api.LegId;
import org.callway.media.api.LegKind;
import org.callway.media.api.LegStats;
import org.callway.media.api.LocalParameters;
import org.callway.media.api.MediaEvent;
import org.callway.media.api.MediaEventListener;
import org.callway.media.api.PayloadFormat;
import org.callway.media.api.Prompt;
import org.callway.media.api.RemoteParameters;
import org.callway.media.api.Setup;
import org.callway.media.ra.audio.AudioCodec;
import org.callway.media.ra.audio.PcmSource;
import org.callway.media.ra.audio.Playback;
import org.callway.media.ra.audio.Wav;
import org.ice4j.message.Message;
import org.ice4j.message.Request;

/**
 * The media engine: legs on the adapter's shared UDP sockets. Its threads are all JCA
 * Work scheduled through the container's WorkManager, and their number does not depend on
 * the number of legs: one reader per socket, one ticker, {@code handshakeWorkers} DTLS
 * workers. Datagrams are demultiplexed by first byte (RFC 7983 §7): STUN checks find
 * their leg by ufrag; DTLS and (S)RTP by (local socket, source address), which after ICE
 * completes is only the selected pair's remote.
 */
public final class MediaEngine {

    private static final Logger LOG = Logger.getLogger(MediaEngine.class.getName());
    private static final char[] ICE_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    /** Tunables; {@link #defaults()} suits production, tests shorten the timeouts. */
    public record Settings(int handshakeWorkers, long tickMillis, long iceTimeoutMillis, int dtlsTimeoutMillis,
            long consentIntervalMillis, long consentTimeoutMillis, int holdPackets) {
        /** RFC 7675 §5.1: a check every 5 s (randomised), consent lost after 30 s without answer. */
        public static Settings defaults() {
            return new Settings(2, 20, 15_000, 10_000, 5_000, 30_000, 1024);
        }
    }

    /**
     * Candidates beyond the host ones (rtp.conf {@code stunaddr}, {@code turnaddr}) and which
     * a leg may use. {@code relayOnly} is the server side of {@code iceTransportPolicy: 'relay'}
     * (RFC 8829 §4.1.1): only relayed candidates are offered and checked.
     */
    public record Gathering(InetSocketAddress stun, InetSocketAddress turn, String turnUsername, String turnPassword,
            boolean relayOnly, CandidateFilter filter, long gatherMillis) {
        public static Gathering none() {
            return new Gathering(null, null, null, null, false, CandidateFilter.ALL, 0);
        }

        /** From the adapter's properties: "host:port" (port 3478 if absent, RFC 8489 §18.1), blank = off. */
        public static Gathering of(String stun, String turn, String turnUsername, String turnPassword,
                boolean relayOnly, String allowed, String denied) {
            return new Gathering(server(stun), server(turn), turnUsername, turnPassword, relayOnly,
                    CandidateFilter.of(allowed, denied), 3_000);
        }

        private static InetSocketAddress server(String hostPort) {
            if (hostPort == null || hostPort.isBlank()) {
                return null;
            }
            String s = hostPort.trim();
            int colon = s.lastIndexOf(':');
            boolean hasPort = colon > 0 && s.indexOf(':') == colon || s.startsWith("[") && s.contains("]:");
            String host = hasPort ? s.substring(0, colon) : s;
            int port = hasPort ? Integer.parseInt(s.substring(colon + 1)) : 3478;
            return new InetSocketAddress(host.replace("[", "").replace("]", ""), port);
        }
    }

    /** (our socket, their address): what routes DTLS and (S)RTP to a leg. */
    record RouteKey(InetSocketAddress local, InetSocketAddress remote) { }

    private final WorkManager workManager;
    private final List<InetSocketAddress> bindTo;
    private final Settings settings;
    private final Gathering gathering;
    private final List<TurnRelay> relays = new CopyOnWriteArrayList<>();
    private final List<ReflexiveProbe> probes = new CopyOnWriteArrayList<>();
    private final SecureRandom random = new SecureRandom();
    private final List<UdpReaderWork> sockets = new CopyOnWriteArrayList<>();
    private final Map<LegId, Leg> legs = new ConcurrentHashMap<>();
    private final Map<String, Leg> byUfrag = new ConcurrentHashMap<>();
    private final Map<RouteKey, Leg> routes = new ConcurrentHashMap<>();
    /**
     * A plain or SDES leg's far RTP port + 1 on the shared socket, where RTCP without rtcp-mux
     * comes from (RFC 3550 §11): consulted for RTCP only and never before {@link #routes}. That
     * port may be another phone's RTP port (two phones behind one NAT get neighbouring ports),
     * and an alias must not take that phone's media.
     */
    private final Map<RouteKey, Leg> rtcpAliases = new ConcurrentHashMap<>();
    /**
     * Last SSRC seen per leg, to charge an unknown-source packet to the leg it pretends to be.
     * Changed only through {@link #claim} and {@link #release} (keeps {@link Leg#ssrcs} in step),
     * and cleared by {@link #stop}.
     */
    private final ConcurrentHashMap<Integer, Leg> bySsrc = new ConcurrentHashMap<>();
    /**
     * Open check transactions (RFC 8489 §6.3.3: responses are matched by transaction ID).
     * Changed only through {@link #claim} and {@link #release} (keeps {@link Leg#transactions} in
     * step), and cleared by {@link #stop}.
     */
    private final ConcurrentHashMap<java.nio.ByteBuffer, Leg> transactions = new ConcurrentHashMap<>();
    private final BlockingQueue<Runnable> jobs = new LinkedBlockingQueue<>();
    private final List<WorkerPoolWork> workers = new ArrayList<>();
    private final AtomicLong unrouted = new AtomicLong();
    private final AtomicLong legCounter = new AtomicLong();
    private volatile MediaEventListener sink;
    private volatile java.nio.file.Path promptDirectory;
    private StunCodec codec;
    private DtlsIdentity identity;
    private TickerWork ticker;
    private int readersPerSocket = UdpReaderWork.defaultReaders();
    /** rtp.conf rtpstart/rtpend mode: each leg's own ports, all read by one selector thread; null = shared port. */
    private final PortRange range;
    private SelectorReaderWork rangeReader;
    private final Map<LegId, PortRange.Lease> leases = new ConcurrentHashMap<>();

    public MediaEngine(WorkManager workManager, List<InetSocketAddress> bindTo, Settings settings) {
        this(workManager, bindTo, settings, Gathering.none());
    }

    public MediaEngine(WorkManager workManager, List<InetSocketAddress> bindTo, Settings settings, Gathering gathering) {
        this(workManager, bindTo, settings, gathering, null);
    }

    /**
     * With a port range, each leg's host candidate (WebRTC) or c= port (RTP/AVP) is a socket of
     * its own from the range; the shared sockets on {@code bindTo} stay for the STUN and TURN
     * client (server-reflexive and relayed candidates) and the readiness check.
     */
    public MediaEngine(WorkManager workManager, List<InetSocketAddress> bindTo, Settings settings, Gathering gathering,
            PortRange range) {
        this.workManager = workManager;
        this.bindTo = List.copyOf(bindTo);
        this.settings = settings;
        this.gathering = gathering;
        this.range = range;
    }

    /** Reader Works per shared port (SO_REUSEPORT bindings; see {@link UdpReaderWork}); before {@link #start}. */
    public MediaEngine readersPerSocket(int readers) {
        if (readers < 1) {
            throw new IllegalArgumentException("at least one reader per socket");
        }
        this.readersPerSocket = readers;
        return this;
    }

    /** Binds the sockets, makes the DTLS certificate and schedules the engine's Work. */
    public void start() throws IOException, WorkException {
        identity = DtlsIdentity.generate(random);
        org.callway.media.ra.srtp.SrtpSession.warmUp();
        codec = new StunCodec(new StunCodec.Keys() {
            @Override
            public byte[] localKey(String username) {
                int colon = username.indexOf(':');
                Leg leg = byUfrag.get(colon < 0 ? username : username.substring(0, colon));
                return leg == null ? null : leg.ice.localPwd().getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public byte[] remoteKey(String username) {
                int colon = username.indexOf(':');
                Leg leg = colon < 0 ? null : byUfrag.get(username.substring(colon + 1));
                String pwd = leg == null ? null : leg.ice.remotePwd();
                return pwd == null ? null : pwd.getBytes(StandardCharsets.UTF_8);
            }
        });
        try {
            for (InetSocketAddress address : bindTo) {
                UdpReaderWork socket = UdpReaderWork.open(address, readersPerSocket);
                sockets.add(socket);
                socket.handler(this::onDatagram);
                for (jakarta.resource.spi.work.Work reader : socket.readers()) {
                    // INDEFINITE: a socket reader lives as long as the adapter (JCA 1.7 §11.3.3).
                    workManager.scheduleWork(reader, WorkManager.INDEFINITE, null, null);
                }
            }
            if (range != null) {
                // One selector thread for every leg's sockets, not a thread per leg.
                rangeReader = new SelectorReaderWork(this::dispatch);
                workManager.scheduleWork(rangeReader, WorkManager.INDEFINITE, null, null);
            }
            ticker = new TickerWork(this::tick, settings.tickMillis());
            workManager.scheduleWork(ticker, WorkManager.INDEFINITE, null, null);
            for (int i = 0; i < settings.handshakeWorkers(); i++) {
                WorkerPoolWork worker = new WorkerPoolWork(jobs);
                workers.add(worker);
                workManager.scheduleWork(worker, WorkManager.INDEFINITE, null, null);
            }
            gather();
        } catch (IOException | WorkException | RuntimeException e) {
            stop();
            throw e;
        }
    }

    /**
     * RFC 8445 §5.1.1.2: a Binding to the STUN server and an Allocate to the TURN server from
     * each shared socket of the server's family; waits (at most {@code gatherMillis}) so legs
     * allocated right after start get the candidates. Later legs see what is there by then.
     */
    private void gather() {
        long now = System.currentTimeMillis();
        for (UdpReaderWork socket : sockets) {
            boolean v6 = socket.localAddress().getAddress() instanceof java.net.Inet6Address;
            if (gathering.turn() != null && (gathering.turn().getAddress() instanceof java.net.Inet6Address) == v6) {
                TurnRelay relay = new TurnRelay(socket, gathering.turn(),
                        new TurnRelay.Credentials(gathering.turnUsername(), gathering.turnPassword()));
                relays.add(relay);
                relay.allocate(now);
            }
            if (gathering.stun() != null && (gathering.stun().getAddress() instanceof java.net.Inet6Address) == v6) {
                ReflexiveProbe probe = new ReflexiveProbe(socket, gathering.stun());
                probes.add(probe);
                probe.start(now);
            }
        }
        long deadline = now + gathering.gatherMillis();
        try {
            while (System.currentTimeMillis() < deadline
                    && (relays.stream().anyMatch(r -> !r.settled()) || probes.stream().anyMatch(p -> !p.done()))) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        relays.stream().filter(r -> r.localAddress() == null).forEach(r -> LOG.warning(
                () -> "no TURN allocation from " + r.server() + " yet for " + r.base().localAddress()));
    }

    /** The local candidates a new WebRTC leg checks from (RFC 8445 §5.1.1), filtered. */
    private List<IceSession.Base> bases(PortRange.Lease lease) {
        List<IceSession.Base> bases = new ArrayList<>();
        for (int i = 0; i < sockets.size(); i++) {
            UdpReaderWork s = sockets.get(i);
            MediaSocket host = lease == null ? s : lease.rtp().get(i);
            if (!gathering.relayOnly() && gathering.filter().permits(host.localAddress().getAddress())) {
                bases.add(new IceSession.Base(host, "host", IceSession.HOST, 65535 - i));
            }
            for (TurnRelay relay : relays) {
                InetSocketAddress relayed = relay.localAddress();
                if (relay.base() == s && relayed != null && gathering.filter().permits(relayed.getAddress())) {
                    bases.add(new IceSession.Base(relay, "relay", IceSession.RELAYED, 65535 - i));
                }
            }
        }
        return bases;
    }

    /** Server-reflexive addresses of a host socket (STUN server, or the TURN server's view), if not its own. */
    private List<InetSocketAddress> reflexive(UdpReaderWork socket) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (ReflexiveProbe p : probes) {
            if (p.base() == socket && p.mapped() != null && !out.contains(p.mapped())) {
                out.add(p.mapped());
            }
        }
        for (TurnRelay r : relays) {
            if (r.base() == socket && r.mapped() != null && !out.contains(r.mapped())) {
                out.add(r.mapped());
            }
        }
        out.remove(socket.localAddress()); // RFC 8445 §5.1.3: redundant with the host candidate
        return out;
    }

    /** Closes every leg, then stops workers, ticker and readers (reverse order of start). */
    public void stop() {
        legs.values().forEach(Leg::close);
        if (rangeReader != null) {
            leases.values().forEach(l -> l.release(rangeReader));
            rangeReader.release();
        }
        leases.clear();
        relays.forEach(TurnRelay::deallocate);
        relays.clear();
        probes.clear();
        legs.clear();
        byUfrag.clear();
        routes.clear();
        rtcpAliases.clear();
        bySsrc.clear();
        transactions.clear();
        jobs.clear();
        workers.forEach(WorkerPoolWork::release);
        if (ticker != null) {
            ticker.release();
        }
        List<UdpReaderWork> open = new ArrayList<>(sockets);
        sockets.clear();
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).release();
        }
        try {
            for (WorkerPoolWork worker : workers) {
                worker.awaitStopped(5_000);
            }
            if (ticker != null) {
                ticker.awaitStopped(5_000);
            }
            for (UdpReaderWork reader : open) {
                reader.awaitStopped(5_000);
            }
            if (rangeReader != null) {
                rangeReader.awaitStopped(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.log(Level.WARNING, "interrupted while stopping the media engine", e);
        }
        workers.clear();
        ticker = null;
    }

    /**
     * Where every leg's events also go (after its own listener): the adapter sets this to
     * its inbound message endpoints. Applies to legs allocated afterwards.
     */
    public void sink(MediaEventListener sink) {
        this.sink = sink;
    }

    /** Where {@link Prompt.Wav} prompts are looked for before the class path; null: class path only. */
    public void promptDirectory(java.nio.file.Path directory) {
        this.promptDirectory = directory;
    }

    public List<InetSocketAddress> addresses() {
        return sockets.stream().map(UdpReaderWork::localAddress).toList();
    }

    /** sha-256 fingerprint of the engine's DTLS certificate. */
    public String fingerprint() {
        return identity.fingerprint();
    }

    /** Datagrams no leg would take (unknown source, no SSRC match). */
    public long unroutedDrops() {
        return unrouted.get();
    }

    public int legCount() {
        return legs.size();
    }

    // ---- the leg API (what MediaConnection exposes) ----

    public LegId allocate(LegKind kind, IceRole role, MediaEventListener listener) {
        LegId id = new LegId("leg-" + legCounter.incrementAndGet());
        PortRange.Lease lease = lease(kind);
        if (lease != null) {
            leases.put(id, lease);
        }
        try {
            return allocate(id, kind, role, listener, lease);
        } catch (RuntimeException e) {
            if (leases.remove(id) != null) {
                lease.release(rangeReader);
            }
            throw e;
        }
    }

    /** Range mode: the leg's own sockets, read from now on; a plain leg gets RTCP's port too (RFC 3550 §11). */
    private PortRange.Lease lease(LegKind kind) {
        if (range == null) {
            return null;
        }
        PortRange.Lease lease = range.lease(kind != LegKind.WEBRTC,
                sockets.stream().map(s -> s.localAddress().getAddress()).toList());
        lease.all().forEach(rangeReader::add);
        return lease;
    }

    private LegId allocate(LegId id, LegKind kind, IceRole role, MediaEventListener listener, PortRange.Lease lease) {
        IceSession ice = null;
        Leg[] self = new Leg[1];
        if (kind == LegKind.WEBRTC) {
            String ufrag;
            do {
                ufrag = randomIce(8); // RFC 8839 §5.4: at least 24 bits of randomness
            } while (byUfrag.containsKey(ufrag));
            ice = new IceSession(ufrag, randomIce(24), role == IceRole.CONTROLLING, bases(lease), codec,
                    new IceEvents(self), settings.iceTimeoutMillis(), settings.consentIntervalMillis(), settings.consentTimeoutMillis());
        }
        Leg leg = new Leg(id, kind, listener, sink, ice, settings.holdPackets());
        self[0] = leg;
        if (kind == LegKind.SDES) {
            // Our master key and salt per suite we offer (RFC 4568 §6.1), tags in preference order.
            int tag = 1;
            for (org.callway.media.ra.srtp.SrtpProfile p : org.callway.media.ra.srtp.SrtpProfile.values()) {
                byte[] keySalt = new byte[p.keyLength() + p.saltLength()];
                random.nextBytes(keySalt);
                leg.sdesOffer.add(new SdesCrypto(tag++, p, keySalt));
            }
        }
        legs.put(id, leg);
        if (ice != null) {
            byUfrag.put(ice.localUfrag(), leg);
        }
        return id;
    }

    public LocalParameters localParameters(LegId id) {
        Leg leg = leg(id);
        List<IceCandidate> candidates = new ArrayList<>();
        if (leg.kind == LegKind.WEBRTC) {
            candidates.addAll(iceCandidates(leg.ice));
        } else {
            PortRange.Lease lease = leases.get(id);
            for (int i = 0; i < sockets.size(); i++) {
                InetSocketAddress a = (lease == null ? sockets.get(i) : lease.rtp().get(i)).localAddress();
                candidates.add(candidate(String.valueOf(i + 1), IceSession.Base.priority(IceSession.HOST, 65535 - i), a, "host"));
            }
        }
        if (leg.kind == LegKind.SDES) {
            SdesCrypto chosen = leg.sdesChosen;
            List<String> crypto = chosen != null ? List.of(chosen.format())
                    : leg.sdesOffer.stream().map(SdesCrypto::format).toList();
            return new LocalParameters(null, null, candidates, null, null, crypto);
        }
        if (leg.kind != LegKind.WEBRTC) {
            return new LocalParameters(null, null, candidates, null, null, List.of());
        }
        return new LocalParameters(leg.ice.localUfrag(), leg.ice.localPwd(), candidates, identity.fingerprint(),
                leg.localSetup, List.of());
    }

    /**
     * A leg's candidates: each base, plus the server-reflexive addresses of its host bases
     * (RFC 8445 §5.1.1.2; foundations differ by type and base, §5.1.1.3).
     */
    private List<IceCandidate> iceCandidates(IceSession ice) {
        List<IceCandidate> out = new ArrayList<>();
        for (IceSession.Base b : ice.bases()) {
            InetSocketAddress a = b.socket().localAddress();
            int n = 65536 - b.localPreference();
            if (a == null) {
                continue; // the allocation was lost since
            }
            out.add(candidate((b.socket() instanceof TurnRelay ? "r" : "") + n, b.priority(), a, b.type()));
            if (b.socket() instanceof UdpReaderWork host) {
                for (InetSocketAddress srflx : reflexive(host)) {
                    if (gathering.filter().permits(srflx.getAddress())) {
                        out.add(candidate("s" + n, IceSession.Base.priority(IceSession.SERVER_REFLEXIVE, b.localPreference()),
                                srflx, "srflx"));
                    }
                }
            }
        }
        return out;
    }

    private static IceCandidate candidate(String foundation, long priority, InetSocketAddress a, String type) {
        return new IceCandidate(foundation, 1, "udp", priority, a.getAddress().getHostAddress(), a.getPort(), type);
    }

    public void remoteParameters(LegId id, RemoteParameters remote) {
        Leg leg = leg(id);
        if (leg.kind != LegKind.WEBRTC) {
            IceCandidate c = remote.candidates().get(0);
            InetSocketAddress to = new InetSocketAddress(c.address(), c.port());
            int index = socketIndex(to);
            PortRange.Lease lease = leases.get(id);
            MediaSocket socket = lease == null ? sockets.get(index) : lease.rtp().get(index);
            leg.path = new Leg.Path(socket, to);
            route(leg, socket, to);
            // RTCP from port+1 (no rtcp-mux) is accepted too; ours goes to the RTP port.
            InetSocketAddress theirRtcp = new InetSocketAddress(to.getAddress(), to.getPort() + 1);
            RouteKey alias = new RouteKey(socket.localAddress(), theirRtcp);
            rtcpAliases.put(alias, leg);
            leg.routes.add(alias);
            if (lease != null && lease.pair()) {
                // RFC 3550 §11: without rtcp-mux their RTCP comes to our port + 1.
                route(leg, lease.rtcp().get(index), theirRtcp);
                route(leg, lease.rtcp().get(index), to);
            }
            if (leg.kind == LegKind.SDES) {
                sdesKeys(leg, remote.crypto());
            }
            return;
        }
        if (leg.dtls == null) {
            leg.remoteFingerprint = remote.fingerprint();
            // RFC 5763 §5: the answerer picks; actpass from them makes us active (client).
            Setup theirs = remote.setup() == null ? Setup.ACTPASS : remote.setup();
            leg.localSetup = switch (theirs) {
                case ACTPASS, PASSIVE -> Setup.ACTIVE;
                case ACTIVE -> Setup.PASSIVE;
            };
            prepareDtls(leg);
        }
        String current = leg.ice.remoteUfrag();
        if (current != null && !current.equals(remote.iceUfrag())) {
            // RFC 8839 §4.4.1.1.1: their offer restarts ICE, so our answer carries new credentials too.
            newCredentials(leg);
        }
        leg.ice.remote(remote.iceUfrag(), remote.icePwd(),
                remote.candidates().stream().filter(this::usable).toList(), System.currentTimeMillis());
    }

    /**
     * RFC 4568 §6.1: the first of their lines whose suite we support wins (as answerer), or
     * the line answering one of our tags (as offerer). Keys are ours for sending, theirs for
     * receiving; held media is released once they are in place.
     */
    private static void sdesKeys(Leg leg, List<String> lines) {
        for (String line : lines) {
            SdesCrypto theirs = SdesCrypto.parse(line);
            if (theirs == null) {
                continue;
            }
            for (SdesCrypto ours : leg.sdesOffer) {
                if (ours.profile() == theirs.profile()) {
                    SdesCrypto mine = new SdesCrypto(theirs.tag(), ours.profile(), ours.keyAndSalt());
                    leg.sdesChosen = mine;
                    leg.keysReady(new org.callway.media.ra.srtp.SrtpSession(mine.profile(), mine.key(), mine.salt(),
                            theirs.key(), theirs.salt()));
                    return;
                }
            }
        }
        throw new IllegalArgumentException("no supported a=crypto line in " + lines);
    }

    /** ICE restart on our side (RFC 8445 §9): new credentials for a re-offer; the far end's answer follows. */
    public LocalParameters restartIce(LegId id) {
        Leg leg = leg(id);
        if (leg.ice == null) {
            throw new IllegalArgumentException(id + " has no ICE to restart");
        }
        newCredentials(leg); // forgets their ufrag too, so their answer's new one is no second restart
        return localParameters(id);
    }

    private void newCredentials(Leg leg) {
        String old = leg.ice.localUfrag();
        String ufrag;
        do {
            ufrag = randomIce(8);
        } while (byUfrag.putIfAbsent(ufrag, leg) != null);
        leg.ice.restart(ufrag, randomIce(24));
        byUfrag.remove(old, leg);
    }

    public void addRemoteCandidate(LegId id, IceCandidate candidate) {
        Leg leg = leg(id);
        if (leg.ice != null && usable(candidate)) {
            leg.ice.addRemoteCandidate(candidate);
        }
    }

    /** The candidate filter on their side: a literal address it denies is never checked. */
    private boolean usable(IceCandidate c) {
        try {
            return c.address().endsWith(".local")
                    || gathering.filter().permits(java.net.InetAddress.getByName(c.address()));
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /**
     * The leg's agreed formats: from now on it sends its own continuous audio stream (see
     * {@link OutStream}) and media to and from it is renumbered or transcoded as its
     * bridge needs.
     */
    public void formats(LegId id, List<PayloadFormat> formats) {
        Leg leg = leg(id);
        List<PayloadFormat> copy = List.copyOf(formats);
        boolean[] video = new boolean[128];
        copy.stream().filter(PayloadFormat::video).forEach(f -> video[f.payloadType()] = true);
        leg.video = video;
        leg.formats = copy;
        PayloadFormat first = Forwarding.firstAudio(copy);
        int clock = first == null ? 8000 : first.clockRate();
        OutStream current = leg.out;
        if (copy.isEmpty()) {
            leg.out = null;
        } else if (current == null || current.clockRate() != clock) {
            leg.out = new OutStream(clock);
        }
        replan(leg);
        for (Leg other : leg.sources) {
            if (other.target == leg && other != leg) {
                replan(other);
            }
        }
    }

    private static void replan(Leg leg) {
        Leg to = leg.target;
        leg.forwarding = to == null ? Forwarding.UNTOUCHED : Forwarding.plan(leg.formats, to.formats);
    }

    /**
     * Plays a prompt into the leg in its first audio format (PCMU without formats), replacing
     * what it was sent. Frames are made by the ticker; a WebRTC leg hears the prompt from its
     * start once its keys exist (nothing is generated before, so nothing is held).
     */
    public void play(LegId id, Prompt prompt) {
        Leg leg = leg(id);
        PayloadFormat format = Forwarding.firstAudio(leg.formats);
        if (format == null) {
            format = PayloadFormat.PCMU;
        }
        if (!AudioCodec.supported(format)) {
            throw new IllegalArgumentException("cannot play into " + format.encoding() + "/" + format.clockRate()
                    + ": prompts are encoded as PCMU, PCMA or Opus");
        }
        int rate = format.clockRate();
        Playback playback;
        if (prompt instanceof Prompt.Tone t) {
            playback = new Playback(PcmSource.Tone.of(rate, t.frequencies(), t.onMillis(), t.offMillis(), t.totalMillis()),
                    format, random.nextInt(), random.nextInt(), random.nextInt());
        } else if (prompt instanceof Prompt.Wav w) {
            playback = new Playback(Wav.encoded(w.name(), format, promptDirectory), format, random.nextInt(),
                    random.nextInt(), random.nextInt());
        } else {
            throw new IllegalArgumentException("unknown prompt " + prompt);
        }
        if (leg.out == null) {
            leg.out = new OutStream(rate); // a leg without formats gets a continuous stream too
        }
        leg.playback = playback;
    }

    /** Stops a prompt without PlaybackDone: what the leg is sent next replaces it. */
    private static void stopPlayback(Leg leg) {
        leg.playback = null;
    }

    public void bridge(LegId a, LegId b) {
        Leg la = leg(a);
        Leg lb = leg(b);
        la.retarget(lb);
        lb.retarget(la);
        stopPlayback(la);
        stopPlayback(lb);
        replan(la);
        replan(lb);
    }

    public void echo(LegId id) {
        Leg leg = leg(id);
        leg.retarget(leg);
        stopPlayback(leg);
        replan(leg);
    }

    public void closeLeg(LegId id) {
        Leg leg = legs.remove(id);
        if (leg == null) {
            return;
        }
        leg.close();
        if (leg.ice != null) {
            byUfrag.remove(leg.ice.localUfrag(), leg);
        }
        leg.routes.forEach(key -> {
            routes.remove(key, leg);
            rtcpAliases.remove(key, leg);
        });
        // Only this leg's own entries: scanning the maps or all legs costs O(legs) per close.
        // leg.closed is already set, so a claim racing with this removes its own entry (see claim).
        leg.ssrcs.forEach(ssrc -> release(bySsrc, ssrc, leg, l -> l.ssrcs));
        leg.transactions.forEach(tid -> release(transactions, tid, leg, l -> l.transactions));
        leg.leaveTarget();
        for (Leg other : leg.sources) {
            if (other.target == leg && other != leg) {
                other.retarget(null);
                other.forwarding = Forwarding.UNTOUCHED;
            }
        }
        PortRange.Lease lease = leases.remove(id);
        if (lease != null) {
            lease.release(rangeReader); // sockets closed; the ports come back once really closed
        }
    }

    /** Range mode: ports neither leased nor still closing; -1 in shared-port mode. */
    public int freePorts() {
        return range == null ? -1 : range.free();
    }

    public LegStats stats(LegId id) {
        return leg(id).stats();
    }

    private Leg leg(LegId id) {
        Leg leg = legs.get(id);
        if (leg == null) {
            throw new IllegalArgumentException("no such leg: " + id);
        }
        return leg;
    }

    /** The index of the first shared socket (and lease socket) of the remote's address family. */
    private int socketIndex(InetSocketAddress remote) {
        boolean v6 = remote.getAddress() instanceof java.net.Inet6Address;
        for (int i = 0; i < sockets.size(); i++) {
            if ((sockets.get(i).localAddress().getAddress() instanceof java.net.Inet6Address) == v6) {
                return i;
            }
        }
        throw new IllegalStateException("no media socket for " + remote);
    }

    /**
     * Maps {@code key} to {@code leg} and moves the key from the previous owner's set (of
     * {@code keysOf}) to the leg's, inside the map's lock for that key, so map and sets agree
     * even when two reader threads claim one SSRC at once. A claim racing with {@link #closeLeg}
     * either is seen by it (the key is in the set before {@code closed} is read here) or sees
     * {@code closed} and undoes itself, so no entry outlives a closed leg.
     */
    private static <K> void claim(ConcurrentHashMap<K, Leg> map, K key, Leg leg,
            java.util.function.Function<Leg, java.util.Set<K>> keysOf) {
        map.compute(key, (k, previous) -> {
            if (previous != null && previous != leg) {
                keysOf.apply(previous).remove(k);
            }
            keysOf.apply(leg).add(k);
            return leg;
        });
        if (leg.closed) {
            release(map, key, leg, keysOf);
        }
    }

    /** Removes {@code key} if it is {@code leg}'s, and from the leg's set (under the map's lock for the key). */
    private static <K> void release(ConcurrentHashMap<K, Leg> map, K key, Leg leg,
            java.util.function.Function<Leg, java.util.Set<K>> keysOf) {
        map.computeIfPresent(key, (k, current) -> {
            if (current != leg) {
                return current;
            }
            keysOf.apply(leg).remove(k);
            return null;
        });
    }

    private void route(Leg leg, MediaSocket socket, InetSocketAddress remote) {
        RouteKey key = new RouteKey(socket.localAddress(), remote);
        if (routes.putIfAbsent(key, leg) == null || routes.get(key) == leg) {
            leg.routes.add(key);
        }
    }

    private String randomIce(int length) {
        char[] c = new char[length];
        for (int i = 0; i < length; i++) {
            c[i] = ICE_CHARS[random.nextInt(ICE_CHARS.length)];
        }
        return new String(c);
    }

    // ---- engine threads ----

    private void tick() {
        long now = System.currentTimeMillis();
        relays.forEach(r -> r.tick(now));
        probes.forEach(p -> p.tick(now));
        long nanos = System.nanoTime();
        for (Leg leg : legs.values()) {
            if (leg.ice != null && !leg.closed) {
                try {
                    leg.ice.tick(now);
                } catch (RuntimeException e) {
                    // closeLeg on another thread may drop the leg's passwords while its check is
                    // being signed (a null key); one leg's failure must not skip the others' turn.
                    LOG.log(leg.closed ? Level.FINE : Level.WARNING, "ICE tick of " + leg.id + " failed", e);
                }
            }
            Playback p = leg.playback;
            if (p != null && leg.canSend()) {
                playing(leg, p, nanos);
            }
        }
    }

    /**
     * On the ticker: the frames of {@code p} that are due. Tones in Opus are encoded here
     * (about 0.4 ms of CPU per 20 ms frame, see the README's benchmarks), so the ticker's time
     * grows with the number of legs playing Opus tones at once; WAV prompts come encoded.
     */
    private void playing(Leg leg, Playback p, long nanos) {
        boolean done;
        try {
            done = p.tick(nanos, leg.prompted);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "playback on " + leg.id + " failed", e);
            done = true;
        }
        if (done && leg.playback == p) {
            leg.playback = null;
            leg.event(new MediaEvent.PlaybackDone(leg.id));
        }
    }

    /** On a reader thread. Returns false for what the plain STUN answer should handle. */
    boolean onDatagram(UdpReaderWork socket, InetSocketAddress from, byte[] buf, int len) {
        if (len < 1) {
            return true;
        }
        for (TurnRelay relay : relays) {
            if (relay.base() == socket && relay.server().equals(from)) {
                fromTurnServer(relay, buf, len);
                return true;
            }
        }
        for (ReflexiveProbe probe : probes) {
            if (probe.base() == socket && probe.server().equals(from)) {
                StunBytes.Parsed m = StunBytes.Parsed.of(buf, len);
                if (m != null && probe.onResponse(m)) {
                    return true;
                }
            }
        }
        return dispatch(socket, from, buf, len);
    }

    /**
     * What the TURN server sends: ChannelData (first byte 64-79, RFC 7983 §7) and Data
     * indications carry a peer's datagram, handled as if it had arrived on the relayed
     * address (RFC 8656 §11.4, §12.4); the rest answers the relay's own requests.
     */
    private void fromTurnServer(TurnRelay relay, byte[] buf, int len) {
        int first = buf[0] & 0xFF;
        if (first >= 64 && first <= 79) {
            int[] length = new int[1];
            InetSocketAddress peer = relay.unwrapChannelData(buf, len, length);
            if (peer == null) {
                unrouted.incrementAndGet();
            } else if (length[0] > 0) {
                dispatch(relay, peer, buf, length[0]);
            }
            return;
        }
        StunBytes.Parsed m = StunBytes.Parsed.of(buf, len);
        if (m == null) {
            unrouted.incrementAndGet();
            return;
        }
        if (m.method() == StunBytes.DATA && m.messageClass() == StunBytes.INDICATION) {
            InetSocketAddress peer = m.address(StunBytes.XOR_PEER_ADDRESS);
            byte[] data = m.attribute(StunBytes.DATA_ATTR);
            if (peer == null || data == null || data.length == 0) {
                unrouted.incrementAndGet();
                return;
            }
            System.arraycopy(data, 0, buf, 0, data.length);
            dispatch(relay, peer, buf, data.length);
            return;
        }
        if (relay.onResponse(m, System.currentTimeMillis())) {
            return;
        }
        for (ReflexiveProbe probe : probes) {
            if (probe.base() == relay.base() && probe.server().equals(relay.server()) && probe.onResponse(m)) {
                return; // the TURN server is the STUN server too
            }
        }
        unrouted.incrementAndGet();
    }

    /** A datagram that arrived on {@code socket} (a host socket or a relayed address) from {@code from}. */
    private boolean dispatch(MediaSocket socket, InetSocketAddress from, byte[] buf, int len) {
        int first = buf[0] & 0xFF;
        if (first <= 3) {
            return onStun(socket, from, buf, len);
        }
        RouteKey key = new RouteKey(socket.localAddress(), from);
        Leg leg = routes.get(key);
        if (leg == null && first >= 128 && first <= 191 && len >= 8 && Leg.isRtcp(buf, 0)) {
            leg = rtcpAliases.get(key);
        }
        if (first >= 20 && first <= 63) {
            // DTLS (RFC 7983): for the leg's handshake, if it has one yet.
            if (leg != null && leg.dtlsTransport != null) {
                leg.dtlsAfterHandshake(java.util.Arrays.copyOf(buf, len));
                return true;
            }
            DtlsHandshake handshake = leg == null ? null : leg.dtls;
            if (handshake == null || !handshake.offer(java.util.Arrays.copyOf(buf, len))) {
                if (leg == null) {
                    unrouted.incrementAndGet();
                } else {
                    leg.drop(DropReason.NO_ROUTE);
                }
            }
            return true;
        }
        if (first >= 128 && first <= 191) {
            if (leg == null) {
                unknownSource(buf, len);
                return true;
            }
            if (len >= 12 && !Leg.isRtcp(buf, 0)) {
                Integer ssrc = StunCodec.readInt(buf, 8);
                if (bySsrc.get(ssrc) != leg) {
                    claim(bySsrc, ssrc, leg, l -> l.ssrcs);
                }
            }
            leg.receive(buf, len);
            return true;
        }
        unrouted.incrementAndGet();
        return true;
    }

    /** RTP from an address no leg accepts: charged to the leg whose SSRC it carries, if any. */
    private void unknownSource(byte[] buf, int len) {
        Leg claimed = len >= 12 ? bySsrc.get(StunCodec.readInt(buf, 8)) : null;
        if (claimed != null) {
            claimed.drop(DropReason.UNKNOWN_SOURCE);
        } else {
            unrouted.incrementAndGet();
        }
    }

    private boolean onStun(MediaSocket socket, InetSocketAddress from, byte[] buf, int len) {
        if (!StunCodec.isStun(buf, len)) {
            unrouted.incrementAndGet();
            return true;
        }
        Message message = StunCodec.decode(buf, len);
        if (message == null) {
            return false; // let the plain answer have a go; it checks the header itself
        }
        if (message instanceof Request request && message.getMessageType() == Message.BINDING_REQUEST) {
            String username = StunCodec.username(message);
            if (username == null) {
                // plain STUN Binding (RFC 8489 §14.2): answered by the host socket's reader; not through a relay
                return socket instanceof TurnRelay;
            }
            int colon = username.indexOf(':');
            Leg leg = colon < 0 ? null : byUfrag.get(username.substring(0, colon));
            if (leg == null || leg.closed
                    || !StunCodec.integrityOk(buf, len, leg.ice.localPwd().getBytes(StandardCharsets.UTF_8))) {
                unrouted.incrementAndGet(); // RFC 8445 §7.3: unknown ufrag or bad integrity: silently dropped
                return true;
            }
            byte[] response = leg.ice.onRequest(socket, from, request);
            if (response != null) {
                socket.send(response, 0, response.length, from);
            }
            return true;
        }
        Leg leg = transactions.get(java.nio.ByteBuffer.wrap(message.getTransactionID()));
        if (leg == null || leg.ice == null || !leg.ice.onResponse(from, message, buf, len, System.currentTimeMillis())) {
            unrouted.incrementAndGet();
        }
        return true;
    }

    /** ICE outcomes of one leg. */
    private final class IceEvents implements IceSession.Listener {
        private final Leg[] leg;

        IceEvents(Leg[] leg) {
            this.leg = leg;
        }

        @Override
        public void authenticated(CandidatePair pair) {
            // Media may come on any pair whose checks passed, also while an ICE restart has not
            // selected one yet (RFC 8445 §12.1); SRTP still authenticates every packet.
            route(leg[0], pair.local, pair.remote);
        }

        @Override
        public void selected(CandidatePair pair) {
            Leg l = leg[0];
            l.consentLost = false; // a restart that selects a pair gives consent again (RFC 7675 §5.2)
            RouteKey keep = new RouteKey(pair.local.localAddress(), pair.remote);
            Leg.Path before = l.path;
            // After an ICE restart the far end's last packets on the old pair may still be in
            // flight (or queued on another reader): the old pair stays routed, not dropped.
            RouteKey previous = before == null ? null : new RouteKey(before.socket().localAddress(), before.remote());
            route(l, pair.local, pair.remote);
            // Only the selected pair's remote is accepted from now on (no RTP injection).
            for (RouteKey key : l.routes) {
                if (!key.equals(keep) && !key.equals(previous)) {
                    routes.remove(key, l);
                    rtcpAliases.remove(key, l);
                    l.routes.remove(key);
                }
            }
            l.path = new Leg.Path(pair.local, pair.remote);
            l.event(new MediaEvent.IceConnected(l.id, pair.remote.getAddress().getHostAddress() + ":" + pair.remote.getPort()));
            startDtls(l);
        }

        @Override
        public void failed(String reason) {
            Leg l = leg[0];
            l.failed = true;
            l.event(new MediaEvent.IceFailed(l.id, reason));
        }

        @Override
        public void transaction(byte[] transactionId, boolean open) {
            java.nio.ByteBuffer key = java.nio.ByteBuffer.wrap(transactionId.clone());
            if (open) {
                claim(transactions, key, leg[0], l -> l.transactions);
            } else {
                release(transactions, key, leg[0], l -> l.transactions);
            }
        }

        @Override
        public void consentLost() {
            Leg l = leg[0];
            l.consentLost = true;
            l.event(new MediaEvent.ConsentLost(l.id));
        }
    }

    /** Submits the prepared handshake to the workers once ICE has selected a pair. */
    private void startDtls(Leg leg) {
        DtlsHandshake handshake = leg.dtls;
        if (handshake != null && leg.dtlsStarted.compareAndSet(false, true)) {
            jobs.add(handshake::run);
        }
    }

    /**
     * Made as soon as the setup role is known, so a ClientHello that beats our own ICE
     * nomination is queued rather than lost.
     */
    private void prepareDtls(Leg leg) {
        if (leg.dtls != null) {
            return;
        }
        DtlsHandshake handshake = new DtlsHandshake(identity, leg.localSetup == Setup.ACTIVE, leg.remoteFingerprint,
                settings.dtlsTimeoutMillis(),
                (b, off, len) -> {
                    Leg.Path p = leg.path;
                    if (p != null) {
                        p.socket().send(b, off, len, p.remote());
                    }
                },
                new DtlsHandshake.Outcome() {
                    @Override
                    public void connected(org.callway.media.ra.srtp.SrtpSession session,
                            org.bouncycastle.tls.DTLSTransport transport) {
                        leg.dtlsTransport = transport;
                        if (leg.closed) {
                            session.close();
                            return;
                        }
                        leg.keysReady(session);
                        leg.event(new MediaEvent.DtlsConnected(leg.id, session.profile().name()));
                    }

                    @Override
                    public void failed(String reason) {
                        leg.failed = true;
                        leg.event(new MediaEvent.DtlsFailed(leg.id, reason));
                    }
                });
        leg.dtls = handshake;
    }

    /** For tests: what the STUN server said each socket looks like from outside (RFC 8489 §14.2). */
    List<InetSocketAddress> stunMapped() {
        return probes.stream().map(ReflexiveProbe::mapped).toList();
    }

    /** For tests and the adapter: how many datagrams a leg holds awaiting keys. */
    int held(LegId id) {
        return leg(id).held();
    }

    /** For tests: the leg an unknown-source packet with {@code ssrc} is charged to; null: none. */
    LegId ssrcOwner(int ssrc) {
        Leg leg = bySsrc.get(ssrc);
        return leg == null ? null : leg.id;
    }

    /** For tests: open STUN transactions mapped to the leg with this id (open or already closed). */
    long transactionsOf(LegId id) {
        return transactions.values().stream().filter(l -> l.id.equals(id)).count();
    }

    /** For tests: where the leg's media goes (null: nowhere), and how. */
    LegId target(LegId id) {
        Leg to = leg(id).target;
        return to == null ? null : to.id;
    }

    Forwarding forwarding(LegId id) {
        return leg(id).forwarding;
    }

    Collection<UdpReaderWork> sockets() {
        return sockets;
    }
}
