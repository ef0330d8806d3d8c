package org.callway.sip.transport;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.callway.sip.message.Headers;
import org.callway.sip.message.InvalidHeaderException;
import org.callway.sip.message.Params;
import org.callway.sip.message.SipMessage;
import org.callway.sip.message.SipMethods;
import org.callway.sip.message.SipRequest;
import org.callway.sip.message.SipResponse;
import org.callway.sip.message.Via;
import org.callway.sip.parser.ParseResult;
import org.callway.sip.parser.SipParser;
import org.callway.sip.parser.StreamDecoder;

/**
 * The SIP transport layer (RFC 3261 §18). Inbound: frames bytes per flow, parses, stamps the top
 * Via with {@code received}/{@code rport} (§18.2.1, RFC 3581 §4) and hands the message to the
 * {@link TransportUser}; malformed answerable requests get a stateless 400 naming the fault.
 * Outbound: sends responses where §18.2.2 and RFC 3581 §4 say — back over the same connection
 * for reliable flows, always over the flow for WebSocket.
 */
public final class TransportLayer {
    private static final System.Logger LOG = System.getLogger(TransportLayer.class.getName());
    private final SipParser parser;
    private final boolean forceRport;
    private final Map<String, StreamDecoder> decoders = new ConcurrentHashMap<>();
    private final TransportStats stats = new TransportStats();
    private final Lanes lanes;
    private volatile TransportUser user;

    /**
     * @param forceRport answer to the source port even when the client did not ask with
     *     {@code ;rport} (Asterisk's {@code nat=force_rport}); RFC 3581 behaviour otherwise
     */
    public TransportLayer(SipParser parser, boolean forceRport) {
        this(parser, forceRport, Lanes.DIRECT);
    }

    /** @param lanes where parsed messages are handled, in order per Call-ID */
    public TransportLayer(SipParser parser, boolean forceRport, Lanes lanes) {
        this.parser = parser;
        this.forceRport = forceRport;
        this.lanes = lanes;
    }

    public void bind(TransportUser user) {
        this.user = user;
    }

    public TransportStats stats() {
        return stats;
    }

    /**
     * Bytes read from {@code flow}: a whole datagram (UDP), a whole frame (WebSocket, RFC 7118
     * §5), or any chunk of a TCP/TLS byte stream.
     */
    public void receive(byte[] bytes, Flow flow) {
        if (flow instanceof StreamFlow) {
            StreamDecoder d = decoders.computeIfAbsent(flow.id(), k -> new StreamDecoder(parser));
            List<ParseResult> results;
            synchronized (d) {
                results = d.feed(bytes, 0, bytes.length);
                if (d.broken()) {
                    decoders.remove(flow.id());
                }
            }
            for (ParseResult r : results) handle(r, flow);
            if (d.broken()) flow.sender().close(flow);
        } else {
            handle(parser.parse(bytes), flow);
        }
    }

    /** The real transport closed a connection: forget its partial stream. */
    public void closed(Flow flow) {
        decoders.remove(flow.id());
    }

    /** Runs {@code task} once every message already parsed has been handled in its lane. */
    public void afterQueued(Runnable task) {
        lanes.afterQueued(task);
    }

    private void handle(ParseResult r, Flow flow) {
        // Java 17: no pattern switch yet; ParseResult is sealed, so these three are all cases
        if (r instanceof ParseResult.Parsed p) {
            stats.messages.incrementAndGet();
            dispatch(p.message(), flow);
        } else if (r instanceof ParseResult.Failed f) {
            reject(f, flow);
        } else if (r instanceof ParseResult.KeepAlive k) {
            stats.keepAlives.incrementAndGet();
            // RFC 5626 §4.4.1: a CRLFCRLF ping on a connection is answered with a CRLF pong
            if (k.ping() && flow instanceof StreamFlow) flow.sender().send(flow, flow.remote(), new byte[] {'\r', '\n'});
        }
    }

    private void dispatch(SipMessage m, Flow flow) {
        TransportUser u = user;
        if (u == null) {
            stats.dropped.incrementAndGet();
            return;
        }
        SipMessage stamped = m instanceof SipRequest req ? stampVia(req, flow) : m;
        // Parsing stays on the reader; handling goes to the message's lane (one per Call-ID), so
        // the calls of one socket use every core while each call's messages keep their order.
        if (!lanes.run(m.headers().callId().orElse(""), () -> deliver(u, stamped, flow))) {
            overloaded(stamped, flow);
        }
    }

    private void deliver(TransportUser u, SipMessage m, Flow flow) {
        try {
            if (m instanceof SipRequest req) {
                u.onRequest(req, flow);
            } else {
                u.onResponse((SipResponse) m, flow);
            }
        } catch (RuntimeException e) {
            // nothing thrown above may reach the WebSocket endpoint or the resource adapter's reader
            stats.dropped.incrementAndGet();
            LOG.log(System.Logger.Level.ERROR, "dropped " + m.startLine() + " from " + flow.id(), e);
        }
    }

    /**
     * The message's lane is full. A new INVITE is refused statelessly with 503 and Retry-After
     * (RFC 3261 §21.5.4, §20.33) so the caller backs off instead of retransmitting into the
     * queue; anything else is dropped like a lost datagram, and retransmission recovers it.
     */
    private void overloaded(SipMessage m, Flow flow) {
        stats.overloaded.incrementAndGet();
        if (m instanceof SipRequest req && SipMethods.INVITE.equals(req.method())
                && req.headers().to().map(a -> a.tag().isEmpty()).orElse(false)) {
            SipResponse busy = SipResponse.to(req, 503, "Service Unavailable", null);
            sendResponse(busy.withHeaders(busy.headers().with("Retry-After", "1")), flow);
        }
    }

    /**
     * RFC 3261 §18.2.1: add {@code received} when the sent-by host differs from the source
     * address; RFC 3581 §4: fill an empty {@code rport} with the source port (and then always add
     * {@code received}).
     */
    SipRequest stampVia(SipRequest req, Flow flow) {
        Via top = req.topVia().orElseThrow();
        Via stamped = stamp(top, flow);
        return stamped == top ? req : req.withHeaders(req.headers().withTopVia(stamped));
    }

    private Via stamp(Via top, Flow flow) {
        String ip = Addresses.ip(flow.remote());
        boolean rport = top.hasRport() || forceRport;
        Params p = top.params();
        String host = top.host().startsWith("[") ? top.host().substring(1, top.host().length() - 1) : top.host();
        if (rport || !host.equalsIgnoreCase(ip)) {
            p = p.with("received", ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip);
        }
        if (rport) p = p.with("rport", String.valueOf(flow.remote().getPort()));
        return p.equals(top.params()) ? top : top.withParams(p);
    }

    private void reject(ParseResult.Failed f, Flow flow) {
        Optional<Headers> h = f.requestHeaders();
        if (h.isEmpty() || SipMethods.ACK.equals(f.method())) {
            // RFC 3261 §18.3 / §17.1.1.3: unreadable input and ACKs are never answered
            stats.dropped.incrementAndGet();
            return;
        }
        Via top;
        try {
            top = h.get().topVia().orElse(null);
        } catch (InvalidHeaderException e) {
            top = null;
        }
        if (top == null) {
            stats.dropped.incrementAndGet(); // nowhere to send the answer (§18.2.2 needs a Via)
            return;
        }
        SipResponse resp = SipResponse.to(h.get(), f.fault().status(), f.reason(), null);
        resp = resp.withHeaders(resp.headers().withTopVia(stamp(top, flow))); // answered like any request (§18.2.2)
        stats.rejected.incrementAndGet();
        sendResponse(resp, flow);
    }

    /**
     * Sends a response (RFC 3261 §18.2.2, RFC 3581 §4): over the same flow when it is reliable
     * (the connection the request came on, always so for WebSocket); otherwise to {@code maddr},
     * or to {@code received} at {@code rport} (else the sent-by port).
     *
     * @return false on a transport error
     */
    public boolean sendResponse(SipResponse resp, Flow flow) {
        Via top = resp.topVia().orElse(null);
        InetSocketAddress dest = flow.remote();
        if (!flow.reliable() && top != null) {
            if (top.maddr().isPresent()) {
                dest = Addresses.of(top.maddr().get(), top.port() >= 0 ? top.port() : 5060);
            } else {
                String host = top.received().orElse(top.host());
                int port = top.rport().orElse(top.port() >= 0 ? top.port() : top.defaultPort());
                dest = Addresses.of(host, port);
            }
        }
        return send(resp, flow, dest);
    }

    /** Sends a request to the peer behind {@code flow} (its remote address for datagram flows). */
    public boolean sendRequest(SipRequest req, Flow flow) {
        return send(req, flow, flow.remote());
    }

    private boolean send(SipMessage m, Flow flow, InetSocketAddress dest) {
        boolean ok = flow.sender().send(flow, dest, m.serialize());
        if (!ok) stats.sendFailures.incrementAndGet();
        return ok;
    }

    /**
     * A Via for a request we send on {@code flow} (RFC 3261 §8.1.1.7 branch, RFC 3581 §3 rport).
     * WebSocket clients cannot be reached by address, so the sent-by is only informative.
     */
    public static Via via(Flow flow, String branch) {
        InetSocketAddress l = flow.local();
        String host = Addresses.ip(l);
        if (host.indexOf(':') >= 0) host = "[" + host + "]";
        return new Via("SIP/2.0", flow.transport().name().toUpperCase(Locale.ROOT), host, l.getPort(),
                Params.of("branch", branch).with("rport", null));
    }
}
