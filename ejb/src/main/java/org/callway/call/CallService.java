package org.callway.call;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.callway.dialplan.Action;
import org.callway.dialplan.Dialplan;
import org.callway.media.MediaService;
import org.callway.media.api.IceRole;
import org.callway.media.api.LegId;
import org.callway.media.api.LegStats;
import org.callway.media.api.MediaEvent;
import org.callway.metrics.CallwayMetrics;
import org.callway.peer.Peer;
import org.callway.peer.PeerRepository;
import org.callway.registrar.LocationService;
import org.callway.sdp.Answerer;
import org.callway.sdp.Negotiation;
import org.callway.sdp.PeerPolicy;
import org.callway.sdp.SdpParser;
import org.callway.sdp.SdpResult;
import org.callway.sdp.SessionDescription;
import org.callway.sip.dialog.Dialog;
import org.callway.sip.message.Address;
import org.callway.sip.message.SipRequest;
import org.callway.sip.message.SipResponse;
import org.callway.sip.message.SipUri;
import org.callway.sip.transaction.ClientTransaction;
import org.callway.sip.transaction.ClientTransactionUser;
import org.callway.sip.transport.Flow;
import org.callway.sip.transport.TransportLayer;
import org.callway.sip.ua.IncomingRequest;
import org.callway.sip.ua.SipStackBean;

/**
 * Calls: an INVITE is checked (caller registered on this flow, SDP well-formed and acceptable to
 * the caller's peer policy — Asterisk's avpf/encryption/allow), routed through the dial plan and
 * run. BYE from the caller, or the media dying (ICE consent lost, RFC 7675), ends it and writes
 * the CDR.
 */
@ApplicationScoped
public class CallService {

    private static final Logger LOG = Logger.getLogger(CallService.class.getName());

    @Inject
    SipStackBean sip;

    @Inject
    Dialplan dialplan;

    @Inject
    PeerRepository peers;

    @Inject
    LocationService location;

    @Inject
    MediaService media;

    @Inject
    CdrRepository cdrs;

    @Inject
    CallwayMetrics metrics;

    private final SdpParser sdp = new SdpParser();
    private final Map<String, Call> calls = new ConcurrentHashMap<>();

    @PostConstruct
    void init() {
        sip.register("INVITE", this::invite);
        sip.register("BYE", this::bye);
        sip.register("ACK", ack -> { }); // 2xx ACKs confirm the dialog; nothing more to do
        metrics.gauge("callway.calls.active", "calls in progress", calls::size);
    }

    /** Forces creation at startup (CDI beans are otherwise made on first use). */
    public void install() {
        LOG.fine("call service installed");
    }

    /** The calls in progress, for the admin API. */
    public List<Map<String, Object>> active() {
        return calls.values().stream().map(c -> Map.<String, Object>of(
                "callId", c.callId, "caller", c.caller, "callee", c.callee, "start", c.start.toString(),
                "codec", c.codec == null ? "" : c.codec,
                "packetsIn", packetsIn(c.callerMedia))).toList();
    }

    private long packetsIn(LegId leg) {
        LegStats s = stats(leg);
        return s == null ? 0 : s.packetsIn();
    }

    /** Hangs up a call from the admin API: BYE to the caller, media closed, CDR written. */
    public boolean hangup(String callId) {
        Call call = calls.get(callId);
        if (call == null) {
            return false;
        }
        Dialog dialog = call.callerDialog;
        if (end(call, "hung up by administrator") && dialog != null) {
            sendBye(dialog);
        }
        return true;
    }

    private void invite(IncomingRequest in) {
        if (in.dialog().isPresent()) {
            // A re-INVITE (hold/resume) is not renegotiated yet; keep the session as it is (RFC 3261 §14.2).
            in.respond(488, "Not Acceptable Here");
            return;
        }
        SipRequest request = in.request();
        String callId = request.headers().callId().orElse("");
        Optional<Peer> caller = callerOf(in);
        if (caller.isEmpty()) {
            in.respond(403, "Register before calling");
            return;
        }
        String dialled = request.uri() instanceof SipUri u ? u.userDecoded() : "";
        Instant start = Instant.now();
        SdpResult parsed = sdp.parse(new String(request.body(), StandardCharsets.UTF_8));
        if (!(parsed instanceof SdpResult.Parsed offer)) {
            SdpResult.Failed f = (SdpResult.Failed) parsed;
            in.respond(400, "Bad SDP: " + f.reason());
            return;
        }
        Optional<Action> action = dialplan.route(caller.get().getContext(), dialled);
        if (action.isEmpty()) {
            fail(in, callId, caller.get().getName(), dialled, start, 404, "Not Found");
            return;
        }
        Action a = action.get();
        if (a instanceof Action.Echo) {
            echo(in, caller.get(), dialled, offer.sdp(), start);
        } else if (a instanceof Action.Hangup h) {
            fail(in, callId, caller.get().getName(), dialled, start, h.status(), null);
        } else if (a instanceof Action.Dial d) {
            dial(in, caller.get(), d.peer(), start);
        } else {
            fail(in, callId, caller.get().getName(), dialled, start, 501, "Playback not available");
        }
    }

    /** Dial(peer): the B2BUA leg to the callee; only the unreachable cases are answered so far. */
    private void dial(IncomingRequest in, Peer caller, String target, Instant start) {
        String callId = in.request().headers().callId().orElse("");
        Optional<Peer> callee = peers.findByNumber(target).or(() -> peers.findByName(target));
        if (callee.isEmpty()) {
            fail(in, callId, caller.getName(), target, start, 404, "Not Found");
        } else if (location.bindings(callee.get().getName()).isEmpty()) {
            fail(in, callId, caller.getName(), target, start, 480, "Temporarily Unavailable");
        } else {
            fail(in, callId, caller.getName(), target, start, 501, "Bridged calls not available");
        }
    }

    /** Echo(): answer with a media leg that sends the caller's media back to them. */
    private void echo(IncomingRequest in, Peer caller, String dialled, SessionDescription offer, Instant start) {
        String callId = in.request().headers().callId().orElse("");
        Negotiation negotiation = Answerer.analyse(offer, policy(caller));
        if (negotiation instanceof Negotiation.Rejected r) {
            SipResponse refused = in.response(488, "Not Acceptable Here");
            in.respond(refused.withHeaders(refused.headers().with("Warning", "399 callway \"" + r.reason() + "\"")));
            save(new Cdr(callId, caller.getName(), dialled, start), Cdr.Disposition.FAILED, "488 " + r.reason(), null);
            return;
        }
        Negotiation.Agreed agreed = (Negotiation.Agreed) negotiation;
        Call[] holder = new Call[1];
        // The offerer is ICE-controlling (RFC 8445 §6.1.1), so our answering leg is controlled.
        LegId leg = media.allocate(agreed.legKind(), IceRole.CONTROLLED, event -> onMedia(holder[0], event));
        Call call = new Call(callId, caller.getName(), dialled, start, leg, in.flow());
        holder[0] = call;
        try {
            media.remoteParameters(leg, agreed.remote());
            SessionDescription answer = Answerer.answer(offer, agreed, media.localParameters(leg));
            media.echo(leg);
            calls.put(callId, call);
            call.codec = agreed.codec().name().toLowerCase(Locale.ROOT);
            call.answered = Instant.now();
            SipResponse ok = in.response(200);
            ok = ok.withHeaders(ok.headers().with("Contact", contact(in.flow(), dialled)))
                    .withBody("application/sdp", answer.serialize().getBytes(StandardCharsets.UTF_8));
            in.respond(ok);
            call.callerDialog = in.dialog().orElse(null);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "echo call " + callId + " failed", e);
            calls.remove(callId);
            media.closeLeg(leg);
            if (!in.answered()) {
                in.respond(500, "Media failure");
            }
        }
    }

    private void bye(IncomingRequest in) {
        in.respond(200);
        String callId = in.request().headers().callId().orElse("");
        Call call = calls.get(callId);
        if (call != null) {
            end(call, "BYE from " + call.caller);
        }
    }

    /** Media events arrive on an engine thread: only decide, never block. */
    private void onMedia(Call call, MediaEvent event) {
        if (call == null) {
            return;
        }
        if (event instanceof MediaEvent.ConsentLost || event instanceof MediaEvent.IceFailed
                || event instanceof MediaEvent.DtlsFailed) {
            LOG.info(() -> "call " + call.callId + " lost its media: " + event);
            Dialog dialog = call.callerDialog;
            if (end(call, "media lost: " + event.getClass().getSimpleName())) {
                // Counted only when it ended a live call: a leg's DTLS alert after hang-up is no failure.
                if (event instanceof MediaEvent.IceFailed) {
                    metrics.iceFailed();
                } else if (event instanceof MediaEvent.DtlsFailed) {
                    metrics.dtlsFailed();
                } else {
                    metrics.consentLost();
                }
                if (dialog != null) {
                    sendBye(dialog);
                }
            }
        }
    }

    /** Ends the call once: media leg closed, CDR written. */
    private boolean end(Call call, String cause) {
        if (!call.end()) {
            return false;
        }
        calls.remove(call.callId);
        LegStats stats = stats(call.callerMedia);
        media.closeLeg(call.callerMedia);
        Cdr cdr = new Cdr(call.callId, call.caller, call.callee, call.start);
        cdr.answered(call.answered, call.codec);
        save(cdr, Cdr.Disposition.ANSWERED, cause, stats);
        return true;
    }

    private void sendBye(Dialog dialog) {
        Flow flow = dialog.flow();
        SipRequest bye = dialog.createRequest("BYE", TransportLayer.via(flow, newBranch()), null, Dialog.EMPTY);
        sip.stack().dialogs().sendRequest(bye, flow, new ClientTransactionUser() {
            @Override
            public void onResponse(ClientTransaction tx, SipResponse response) {
                // 200 or not, the call is over on our side.
            }
        });
    }

    private LegStats stats(LegId leg) {
        try {
            return media.stats(leg);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void fail(IncomingRequest in, String callId, String caller, String callee, Instant start, int status,
            String reason) {
        if (reason == null) {
            in.respond(status);
        } else {
            in.respond(status, reason);
        }
        Cdr.Disposition disposition = switch (status) {
            case 486, 600 -> Cdr.Disposition.BUSY;
            case 480, 408, 487 -> Cdr.Disposition.NO_ANSWER;
            default -> Cdr.Disposition.FAILED;
        };
        save(new Cdr(callId, caller, callee, start), disposition, status + (reason == null ? "" : " " + reason), null);
    }

    private void save(Cdr cdr, Cdr.Disposition disposition, String cause, LegStats stats) {
        long in = stats == null ? 0 : stats.packetsIn();
        long out = stats == null ? 0 : stats.packetsOut();
        long dropped = stats == null ? 0 : stats.drops().values().stream().mapToLong(Long::longValue).sum();
        cdr.ended(Instant.now(), disposition, cause, in, out, dropped);
        // Every attempt ends here exactly once, whatever answered it: the one place to count it.
        metrics.callAttempt(disposition);
        if (stats != null) {
            metrics.legClosed(stats);
        }
        try {
            cdrs.save(cdr);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not write the CDR of " + cdr.getCallId(), e);
        }
    }

    /**
     * The caller is the peer named in From that is registered over this very flow (a WebSocket
     * connection, or a phone's UDP source address): the registration authenticated it.
     */
    private Optional<Peer> callerOf(IncomingRequest in) {
        Optional<String> user = in.request().headers().from().map(Address::uri)
                .filter(SipUri.class::isInstance).map(u -> ((SipUri) u).userDecoded());
        if (user.isEmpty()) {
            return Optional.empty();
        }
        String flowId = in.flow().id();
        boolean registeredHere = location.bindings(user.get()).stream().anyMatch(b -> b.flowId().equals(flowId));
        return registeredHere ? peers.findByName(user.get()) : Optional.empty();
    }

    private static PeerPolicy policy(Peer peer) {
        return new PeerPolicy(peer.getCodecs(), peer.isAvpf(), peer.isEncryption());
    }

    private static String contact(Flow flow, String user) {
        String host = flow.local().getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "<sip:" + user + "@" + host + ":" + flow.local().getPort() + ";transport="
                + flow.transport().name().toLowerCase(Locale.ROOT) + ">";
    }

    private static String newBranch() {
        return "z9hG4bK" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }
}
