package org.callway.call;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import org.callway.media.api.MediaPortsExhaustedException;
import org.callway.media.api.MediaEvent;
import org.callway.media.api.PayloadFormat;
import org.callway.media.api.Setup;
import org.callway.metrics.CallwayMetrics;
import org.callway.config.CallSettings;
import org.callway.peer.Peer;
import org.callway.peer.PeerDirectory;
import org.callway.registrar.LocationService;
import java.util.ArrayList;
import org.callway.media.api.LegKind;
import org.callway.registrar.Binding;
import org.callway.sdp.Answerer;
import org.callway.sdp.BridgePlan;
import org.callway.sdp.Direction;
import org.callway.sdp.PayloadFormats;
import org.callway.sdp.Codec;
import org.callway.sdp.Offerer;
import org.callway.sip.message.Header;
import org.callway.sip.message.HeaderNames;
import org.callway.sip.message.Headers;
import org.callway.sip.message.Uri;
import org.callway.sip.transaction.InviteClientTransaction;
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
    PeerDirectory peers;

    @Inject
    LocationService location;

    @Inject
    MediaService media;

    @Inject
    CdrWriter cdrs;

    /** The longest pause between two RTP timeout sweeps. */
    private static final long RTP_SWEEP_SECONDS = 5;
    private Duration rtpTimeout;

    /** How long a dead media leg waits for the BYE that usually follows before hanging up. */
    private static final long MEDIA_LOSS_GRACE_SECONDS = 2;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    CallwayMetrics metrics;

    private final SdpParser sdp = new SdpParser();
    private final Map<String, Call> calls = new ConcurrentHashMap<>();
    /** Bridged calls by the Call-ID of their callee leg, to find them from the callee's BYE. */
    private final Map<String, Call> calleeCalls = new ConcurrentHashMap<>();
    private TrickleInfo trickle;
    private ReinviteRelay relay;

    @PostConstruct
    void init() {
        sip.register("INVITE", this::invite);
        sip.register("BYE", this::bye);
        sip.register("ACK", ack -> { }); // 2xx ACKs confirm the dialog; nothing more to do
        trickle = new TrickleInfo(media, this::trickleTarget);
        sip.register("INFO", trickle::handle);
        relay = new ReinviteRelay(sip, scheduler);
        metrics.gauge("callway.calls.active", "calls in progress", calls::size);
        // Legs are closed by the call that owns them: a leg count above twice the calls is a leak.
        metrics.gauge("callway.media.legs", "media legs open in the engine", media::legCount);
        rtpTimeout = CallSettings.current().rtpTimeout();
        if (!rtpTimeout.isZero()) {
            long every = Math.max(1, Math.min(RTP_SWEEP_SECONDS, rtpTimeout.toSeconds() / 2));
            scheduler.scheduleWithFixedDelay(this::sweepSilentCalls, every, every, TimeUnit.SECONDS);
        }
    }

    /**
     * Asterisk's rtptimeout: an answered call, not on hold, whose caller or callee has sent
     * nothing for {@link #rtpTimeout} is hung up on both sides. Without it a call whose BYE
     * never arrived (lost under overload, a phone that crashed) stayed up for good with both
     * media legs; WebRTC legs would end on lost consent, plain RTP phones had no such check.
     */
    private void sweepSilentCalls() {
        long now = System.nanoTime();
        for (Call call : calls.values()) {
            if (call.isEnded() || call.answered == null || ReinviteRelay.held(call) || !bothSend(call)) {
                call.packetsSeen[0] = call.packetsSeen[1] = -1; // the timeout restarts after hold
                continue;
            }
            LegId[] legs = {call.callerMedia, call.calleeMedia};
            for (int side = 0; side < 2; side++) {
                LegStats s = legs[side] == null ? null : stats(legs[side]);
                if (s == null) {
                    continue;
                }
                if (s.packetsIn() != call.packetsSeen[side]) {
                    call.packetsSeen[side] = s.packetsIn();
                    call.packetsSeenSince[side] = now;
                } else if (now - call.packetsSeenSince[side] >= rtpTimeout.toNanos()) {
                    silent(call, side == 0 ? call.caller : call.callee);
                    break;
                }
            }
        }
    }

    /**
     * Whether both parties' SDP (the caller's latest offer, the callee's latest SDP) says they
     * send: a party that offered or answered {@code recvonly} or {@code inactive} from the start
     * (a listen-only line to a long prompt) rightly sends nothing.
     */
    private static boolean bothSend(Call call) {
        SessionDescription caller = call.callerOffer;
        SessionDescription callee = call.calleeRemote;
        return (caller == null || sends(ReinviteRelay.direction(caller)))
                && (callee == null || sends(ReinviteRelay.direction(callee)));
    }

    private static boolean sends(Direction d) {
        return d == Direction.SENDRECV || d == Direction.SENDONLY;
    }

    private void silent(Call call, String party) {
        String cause = "no media from " + party + " for " + rtpTimeout.toSeconds() + " s";
        if (hangUp(call, cause)) {
            LOG.info(() -> "call " + call.callId + ": " + cause + ", hung up");
        }
    }

    /** Forces creation at startup (CDI beans are otherwise made on first use). */
    public void install() {
        LOG.fine("call service installed");
    }

    /** The calls in progress with each media leg's counters, for the admin API. */
    public List<Map<String, Object>> active() {
        return calls.values().stream().map(c -> Map.<String, Object>of(
                "callId", c.callId, "caller", c.caller, "callee", c.callee, "start", c.start.toString(),
                "answered", c.answered == null ? "" : c.answered.toString(),
                "codec", c.codec == null ? "" : c.codec,
                "calleeCodec", c.calleeCodec == null ? "" : c.calleeCodec,
                "callerLeg", legStats(c.callerMedia),
                "calleeLeg", c.calleeMedia == null ? Map.of() : legStats(c.calleeMedia))).toList();
    }

    private Map<String, Object> legStats(LegId leg) {
        LegStats s = stats(leg);
        if (s == null) {
            return Map.of();
        }
        long dropped = s.drops().values().stream().mapToLong(Long::longValue).sum();
        Map<String, Object> view = new java.util.LinkedHashMap<>(Map.of("packetsIn", s.packetsIn(),
                "packetsOut", s.packetsOut(), "bytesIn", s.bytesIn(), "bytesOut", s.bytesOut(), "dropped", dropped,
                "drops", s.drops().toString(), "packetsLost", s.quality().packetsLost()));
        // RFC 3550 values not measured yet (no RTP, no RTCP report back) are left out, not zero.
        putIfMeasured(view, "jitterMs", s.quality().jitterMillis());
        putIfMeasured(view, "rttMs", s.quality().rttMillis());
        putIfMeasured(view, "remoteFractionLost", s.quality().remoteFractionLost());
        putIfMeasured(view, "remoteJitterMs", s.quality().remoteJitterMillis());
        return view;
    }

    private static void putIfMeasured(Map<String, Object> view, String name, Double value) {
        if (value != null) {
            view.put(name, value);
        }
    }

    /** Hangs up a call from the admin API: BYE to the caller, media closed, CDR written. */
    public boolean hangup(String callId) {
        Call call = calls.get(callId);
        if (call == null) {
            return false;
        }
        hangUp(call, "hung up by administrator");
        return true;
    }

    private void invite(IncomingRequest in) {
        if (in.dialog().isPresent()) {
            reinvite(in);
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
        try {
            if (a instanceof Action.Echo) {
                echo(in, caller.get(), dialled, offer.sdp(), start);
            } else if (a instanceof Action.Hangup h) {
                fail(in, callId, caller.get().getName(), dialled, start, h.status(), null);
            } else if (a instanceof Action.Dial d) {
                dial(in, caller.get(), d.peer(), offer.sdp(), start);
            } else if (a instanceof Action.Playback p) {
                playback(in, caller.get(), dialled, offer.sdp(), start, p.prompt());
            }
        } catch (MediaPortsExhaustedException e) {
            // The caller's leg could not get a port (rtpStart-rtpEnd all taken); nothing was set up yet.
            // RFC 3261 §21.5.4: 503 is for a temporary overload; the Warning says which (§20.43).
            SipResponse busy = in.response(503, "Service Unavailable");
            in.respond(busy.withHeaders(busy.headers().with("Warning", "399 callway \"" + e.getMessage() + "\"")));
            save(new Cdr(callId, caller.get().getName(), dialled, start), Cdr.Disposition.FAILED,
                    "503 " + e.getMessage(), null);
        }
    }

    /**
     * Dial(peer): the B2BUA. The caller's offer is checked against the caller's policy, the codecs
     * both peers allow (in the caller's order) are offered to every registered contact of the
     * callee at once, and the first 2xx wins: its codec is the one the caller's answer names, so
     * the engine relays without transcoding. Provisional responses are relayed as 180; the other
     * forks are cancelled; a CANCEL from the caller cancels them all (RFC 3261 §9, §16.7).
     */
    private void dial(IncomingRequest in, Peer caller, String target, SessionDescription offer, Instant start) {
        String callId = in.request().headers().callId().orElse("");
        Optional<Peer> callee = peers.byNumber(target).or(() -> peers.byName(target));
        if (callee.isEmpty()) {
            fail(in, callId, caller.getName(), target, start, 404, "Not Found");
            return;
        }
        List<Binding> contacts = location.bindings(callee.get().getName());
        if (contacts.isEmpty()) {
            fail(in, callId, caller.getName(), callee.get().getName(), start, 480, "Temporarily Unavailable");
            return;
        }
        Negotiation callerSide = Answerer.analyse(offer, policy(caller));
        if (callerSide instanceof Negotiation.Rejected r) {
            notAcceptable(in, caller.getName(), callee.get().getName(), start, r.reason());
            return;
        }
        BridgePlan plan = BridgePlan.decide(offer, caller.getCodecs(), callee.get().getCodecs(), caller.getName(),
                callee.get().getName());
        if (plan instanceof BridgePlan.Impossible i) {
            notAcceptable(in, caller.getName(), callee.get().getName(), start, i.reason());
            return;
        }
        List<String> common = plan instanceof BridgePlan.Transcode t ? t.calleeCodecs() : ((BridgePlan.Relay) plan).offered();
        Negotiation.Agreed agreed = (Negotiation.Agreed) callerSide;
        // Video (RFC 9143 BUNDLE on the same leg) goes on when the caller's policy took a video
        // codec from the offer and the callee allows that codec too: offered alone, so both ends
        // agree on it and the engine relays it untouched.
        Optional<String> video = agreed.media().stream().map(p -> p.codec()).filter(c -> c.media().equals("video"))
                .map(Codec::asteriskName).filter(callee.get().getCodecs()::contains).findFirst();
        List<String> offered = new ArrayList<>(common);
        video.ifPresent(offered::add);
        Call[] holder = new Call[1];
        LegId callerLeg = media.allocate(agreed.legKind(), IceRole.CONTROLLED, event -> onMedia(holder[0], event));
        media.remoteParameters(callerLeg, agreed.remote());
        Call call = new Call(callId, caller.getName(), callee.get().getName(), start, callerLeg, in.flow());
        holder[0] = call;
        call.callerRequest = in;
        call.callerOffer = offer;
        call.callerPeer = caller;
        calls.put(callId, call);
        call.videoCodec = video.orElse(null);
        call.bridgePlan = plan;
        PeerPolicy calleePolicy = new PeerPolicy(offered, callee.get().isAvpf(), callee.get().isEncryption());
        for (Binding contact : contacts) {
            Fork fork = new Fork(call, contact, calleePolicy, callee.get());
            call.forks.add(fork);
        }
        in.onNoAck(() -> noAck(call));
        in.onCancel(() -> {
            call.forks.forEach(Fork::cancel);
            Dialog answeredBy;
            LegId answeredLeg;
            synchronized (call) {
                // answered() takes a callee under this lock: either it sees the call ended and
                // hangs that callee up itself, or we see the callee here and must hang it up,
                // else its dialog and media leg stay up (seen under load as leaked legs).
                if (!call.end()) {
                    return;
                }
                answeredBy = call.calleeDialog;
                answeredLeg = call.calleeMedia;
            }
            calls.remove(callId);
            forget(call);
            media.closeLeg(callerLeg);
            if (answeredLeg != null) {
                media.closeLeg(answeredLeg);
            }
            if (answeredBy != null) {
                sendBye(answeredBy); // its 2xx crossed the CANCEL (RFC 3261 §9.1)
            }
            save(new Cdr(callId, call.caller, call.callee, start), Cdr.Disposition.NO_ANSWER, "CANCEL from caller", null);
        });
        call.forks.forEach(Fork::start);
    }

    private void notAcceptable(IncomingRequest in, String caller, String callee, Instant start, String reason) {
        String callId = in.request().headers().callId().orElse("");
        SipResponse refused = in.response(488, "Not Acceptable Here");
        in.respond(refused.withHeaders(refused.headers().with("Warning", "399 callway \"" + reason + "\"")));
        save(new Cdr(callId, caller, callee, start), Cdr.Disposition.FAILED, "488 " + reason, null);
    }

    /** One INVITE to one contact of the callee (a fork, RFC 3261 §16.7). */
    final class Fork implements ClientTransactionUser {
        private final Call call;
        private final Binding contact;
        private final PeerPolicy policy;
        private final Peer calleePeer;
        private LegId leg;
        private SessionDescription offer;
        private SipRequest invite;
        private volatile InviteClientTransaction tx;
        private volatile boolean provisional;
        private volatile boolean cancelled;
        volatile int finalStatus;

        Fork(Call call, Binding contact, PeerPolicy policy, Peer calleePeer) {
            this.call = call;
            this.contact = contact;
            this.policy = policy;
            this.calleePeer = calleePeer;
        }

        void start() {
            Flow flow = contact.flow();
            LegKind kind = switch (contact.transport()) {
                case WS, WSS -> LegKind.WEBRTC;
                default -> policy.encryption() ? LegKind.SDES : LegKind.RTP_AVP;
            };
            try {
                // We offer, so this leg is ICE-controlling (RFC 8445 §6.1.1).
                leg = media.allocate(kind, IceRole.CONTROLLING, event -> onMedia(call, event));
                offer = Offerer.offer(kind, policy, media.localParameters(leg));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cannot offer to " + contact.contact(), e);
                failed(e instanceof MediaPortsExhaustedException ? 503 : 500);
                return;
            }
            Uri target = Address.parse(contact.contact()).map(Address::uri).orElse(null);
            String callerNumber = call.callerPeer.getNumber() == null ? call.caller : call.callerPeer.getNumber();
            List<Header> h = new ArrayList<>();
            h.add(new Header(HeaderNames.VIA, TransportLayer.via(flow, newBranch()).toString()));
            h.add(new Header(HeaderNames.MAX_FORWARDS, "70"));
            h.add(new Header(HeaderNames.FROM, "\"" + call.caller + "\" <sip:" + callerNumber + "@callway>;tag="
                    + newBranch().substring(7)));
            h.add(new Header(HeaderNames.TO, "<sip:" + contact.aor() + "@callway>"));
            h.add(new Header(HeaderNames.CALL_ID, sip.callIdBeside(call.callId)));
            h.add(new Header(HeaderNames.CSEQ, "1 INVITE"));
            h.add(new Header(HeaderNames.CONTACT, contact(flow, "callway")));
            h.add(new Header("Allow", "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO"));
            // RFC 6086 §5.2.1, RFC 8840 §4.1: the callee may trickle its candidates to us by INFO.
            h.add(new Header(TrickleInfo.RECV_INFO, TrickleInfo.PACKAGE));
            h.add(new Header("Content-Type", "application/sdp"));
            byte[] body = offer.serialize().getBytes(StandardCharsets.UTF_8);
            h.add(new Header(HeaderNames.CONTENT_LENGTH, Integer.toString(body.length)));
            invite = new SipRequest("INVITE", target, new Headers(h), body);
            calleeCalls.put(invite.callId(), call);
            tx = (InviteClientTransaction) sip.stack().dialogs().sendRequest(invite, flow, this);
        }

        @Override
        public void onResponse(ClientTransaction t, SipResponse response) {
            int status = response.status();
            if (status < 200) {
                provisional = true;
                if (cancelled) {
                    sendCancel();
                } else if (status > 100 && !call.ringing && !call.callerRequest.answered()) {
                    call.ringing = true;
                    call.callerRequest.respond(180);
                }
            } else if (status < 300) {
                answered(response);
            } else {
                failed(status);
            }
        }

        @Override
        public void onTimeout(ClientTransaction t) {
            // After our CANCEL it is the transaction's §9.1 limit: the callee (gone after its 180,
            // it never sent the 487) counts as cancelled and its media leg closes.
            failed(cancelled ? 487 : 408);
        }

        @Override
        public void onTransportError(ClientTransaction t) {
            failed(503);
        }

        private void answered(SipResponse response) {
            Dialog dialog = sip.stack().dialogs().onUacResponse(invite, response, contact.flow());
            SipRequest ack = dialog.createRequest("ACK", TransportLayer.via(contact.flow(), newBranch()), null,
                    invite.cseq().number());
            sip.stack().dialogs().sendAck(ack, contact.flow());
            synchronized (call) {
                if (call.calleeDialog == dialog) {
                    // A retransmission of the 2xx we took (our ACK was late or lost): ACKed again
                    // above (RFC 3261 §13.2.2.4), and that is all. Before, it went on as a second
                    // answer: BYE to this very callee and its media leg closed, the caller left in silence.
                    return;
                }
                if (call.calleeDialog != null || call.isEnded()) {
                    // Another fork won, or the caller gave up: this callee hangs up at once (§16.7 step 8 applies to proxies; a B2BUA just ends the extra dialog).
                    sendBye(dialog);
                    media.closeLeg(leg);
                    return;
                }
                call.calleeDialog = dialog;
                call.calleeMedia = leg;
            }
            call.forks.stream().filter(f -> f != this).forEach(Fork::cancel);
            SdpResult parsed = sdp.parse(new String(response.body(), StandardCharsets.UTF_8));
            Negotiation calleeSide = parsed instanceof SdpResult.Parsed p
                    ? Offerer.readAnswer(offer, p.sdp()) : new Negotiation.Rejected("the callee's answer has no valid SDP");
            if (!(calleeSide instanceof Negotiation.Agreed calleeAgreed)) {
                LOG.warning(() -> "call " + call.callId + ": callee answer refused: " + calleeSide);
                sendBye(dialog);
                abandon(call, 488, "the callee's answer was not acceptable", Cdr.Disposition.FAILED);
                return;
            }
            media.remoteParameters(leg, calleeAgreed.remote());
            call.calleeRemote = ((SdpResult.Parsed) parsed).sdp();
            call.calleeFirstRemote = call.calleeRemote;
            String codec = calleeAgreed.codec().asteriskName();
            // Transcoding: the caller keeps its own codec and the engine converts (see BridgePlan).
            List<String> answerCodecs = new ArrayList<>(call.bridgePlan instanceof BridgePlan.Transcode t
                    ? t.callerCodecs() : List.of(codec));
            boolean calleeVideo = calleeAgreed.media().stream().anyMatch(p -> p.codec().media().equals("video"));
            if (call.videoCodec != null && calleeVideo) {
                answerCodecs.add(call.videoCodec);
            }
            Negotiation callerSide = Answerer.analyse(call.callerOffer, new PeerPolicy(answerCodecs,
                    call.callerPeer.isAvpf(), call.callerPeer.isEncryption()));
            if (!(callerSide instanceof Negotiation.Agreed callerAgreed)) {
                sendBye(dialog);
                abandon(call, 488, "the callee chose " + codec + ", which the caller did not offer", Cdr.Disposition.FAILED);
                return;
            }
            SessionDescription answer = Answerer.answer(call.callerOffer, callerAgreed, media.localParameters(call.callerMedia));
            // Each leg's formats before the bridge: the engine transcodes when their first audio formats differ.
            media.formats(leg, PayloadFormats.ofAnswer(((SdpResult.Parsed) parsed).sdp(), offer));
            media.formats(call.callerMedia, PayloadFormats.of(answer));
            media.bridge(call.callerMedia, leg);
            call.callerAnswer = answer;
            call.calleeSdp = offer;
            call.calleePeer = calleePeer;
            call.codec = callerAgreed.codec().asteriskName();
            call.calleeCodec = codec;
            call.answered = Instant.now();
            IncomingRequest in = call.callerRequest;
            SipResponse ok = in.response(200);
            ok = ok.withHeaders(ok.headers().with("Contact", contact(in.flow(), call.callee)))
                    .withBody("application/sdp", answer.serialize().getBytes(StandardCharsets.UTF_8));
            ok = TrickleInfo.advertise(in.request(), ok);
            in.respond(ok);
            call.callerDialog = in.dialog().orElse(null);
        }

        private void failed(int status) {
            finalStatus = status;
            if (leg != null) {
                media.closeLeg(leg);
            }
            if (call.forks.stream().allMatch(f -> f.finalStatus >= 300) && call.calleeDialog == null) {
                int best = call.forks.stream().mapToInt(f -> f.finalStatus).filter(s -> s == 486 || s == 600).findFirst()
                        .orElse(call.forks.get(0).finalStatus);
                Cdr.Disposition disposition = best == 486 || best == 600 ? Cdr.Disposition.BUSY
                        : best == 408 || best == 480 || best == 487 ? Cdr.Disposition.NO_ANSWER : Cdr.Disposition.FAILED;
                abandon(call, best, null, disposition);
            }
        }

        void cancel() {
            cancelled = true;
            if (provisional && finalStatus == 0 && call.calleeDialog == null) {
                sendCancel();
            }
        }

        private void sendCancel() {
            InviteClientTransaction t = tx;
            if (t != null && !t.terminated()) {
                sip.stack().dialogs().sendRequest(t.cancelRequest(), contact.flow(), new ClientTransactionUser() {
                    @Override
                    public void onResponse(ClientTransaction c, SipResponse r) {
                        // 200 to the CANCEL; the INVITE's 487 arrives on the fork itself.
                    }
                });
            }
        }
    }

    /** The caller's INVITE fails before answer: answer it, close media, write the CDR. */
    private void abandon(Call call, int status, String reason, Cdr.Disposition disposition) {
        if (!call.end()) {
            return;
        }
        calls.remove(call.callId);
        forget(call);
        media.closeLeg(call.callerMedia);
        if (call.calleeMedia != null) {
            media.closeLeg(call.calleeMedia);
        }
        IncomingRequest in = call.callerRequest;
        if (!in.answered()) {
            if (reason == null) {
                in.respond(status);
            } else {
                in.respond(status, reason);
            }
        }
        save(new Cdr(call.callId, call.caller, call.callee, call.start), disposition,
                status + (reason == null ? "" : " " + reason), null);
    }

    /** Echo(): answer with a media leg that sends the caller's media back to them. */
    private void echo(IncomingRequest in, Peer caller, String dialled, SessionDescription offer, Instant start) {
        answerLocally(in, caller, dialled, offer, start, "echo", policy(caller), media::echo);
    }

    /**
     * Playback(prompt) then Hangup(), as Asterisk's demo 601 does: answer, play the prompt into
     * the caller's leg in the codec its answer agreed, and hang up (BYE) when the engine reports
     * the prompt's end ({@link MediaEvent.PlaybackDone}, see {@link #onMedia}).
     */
    private void playback(IncomingRequest in, Peer caller, String dialled, SessionDescription offer, Instant start,
            String prompt) {
        // Prompts are encoded in Opus or G.711 only: answer in one of those the peer allows, or 488.
        PeerPolicy playable = policy(caller).audioOnly(BridgePlan.TRANSCODABLE);
        if (playable.allow().isEmpty()) {
            String reason = "a prompt plays in opus, ulaw or alaw; " + caller.getName() + " allows "
                    + String.join(", ", caller.getCodecs());
            SipResponse refused = in.response(488, "Not Acceptable Here");
            in.respond(refused.withHeaders(refused.headers().with("Warning", "399 callway \"" + reason + "\"")));
            save(new Cdr(in.request().headers().callId().orElse(""), caller.getName(), dialled, start),
                    Cdr.Disposition.FAILED, "488 " + reason, null);
            return;
        }
        answerLocally(in, caller, dialled, offer, start, "playback", playable, leg -> media.play(leg, Prompts.named(prompt)));
    }

    /**
     * Answers the caller with one media leg that an application of the engine serves (echo,
     * playback): the leg learns its agreed formats before the application starts on it.
     */
    private void answerLocally(IncomingRequest in, Peer caller, String dialled, SessionDescription offer, Instant start,
            String application, PeerPolicy policy, java.util.function.Consumer<LegId> run) {
        String callId = in.request().headers().callId().orElse("");
        Negotiation negotiation = Answerer.analyse(offer, policy);
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
        call.callerRequest = in;
        call.callerOffer = offer;
        try {
            media.remoteParameters(leg, agreed.remote());
            SessionDescription answer = Answerer.answer(offer, agreed, media.localParameters(leg));
            media.formats(leg, PayloadFormats.of(answer));
            run.accept(leg);
            call.callerAnswer = answer;
            call.callerPeer = caller;
            calls.put(callId, call);
            in.onNoAck(() -> noAck(call));
            call.codec = agreed.codec().asteriskName();
            call.answered = Instant.now();
            SipResponse ok = in.response(200);
            ok = ok.withHeaders(ok.headers().with("Contact", contact(in.flow(), dialled)))
                    .withBody("application/sdp", answer.serialize().getBytes(StandardCharsets.UTF_8));
            ok = TrickleInfo.advertise(in.request(), ok);
            in.respond(ok);
            call.callerDialog = in.dialog().orElse(null);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, application + " call " + callId + " failed", e);
            calls.remove(callId);
            media.closeLeg(leg);
            if (!in.answered()) {
                // The engine's reason (e.g. "no prompt named x") tells the administrator what to fix.
                SipResponse failed = in.response(500, "Media failure");
                in.respond(e.getMessage() == null ? failed : failed.withHeaders(failed.headers().with("Warning",
                        "399 callway \"" + e.getMessage().replaceAll("[\"\\r\\n]", "'") + "\"")));
            }
            if (call.end()) {
                save(new Cdr(callId, caller.getName(), dialled, start), Cdr.Disposition.FAILED,
                        "500 " + application + " failed: " + e.getMessage(), null);
            }
        }
    }

    /**
     * A re-INVITE inside a call (RFC 3261 §14): hold (sendonly/inactive) and resume are answered
     * on this leg with the same ICE/DTLS parameters and codec, and the o= version bumped (RFC 3264
     * §8); the call goes on either way — a refused re-offer leaves the session as it was (§14.2).
     */
    private void reinvite(IncomingRequest in) {
        String callId = in.request().headers().callId().orElse("");
        Call call = calls.get(callId);
        boolean callerSide = call != null;
        if (call == null) {
            call = calleeCalls.get(callId);
        }
        if (call == null || call.codec == null) {
            in.respond(481, "Call/Transaction Does Not Exist");
            return;
        }
        ReinviteRelay.Side side = callerSide ? ReinviteRelay.Side.CALLER : ReinviteRelay.Side.CALLEE;
        if (relay.pending(call, side)) {
            in.respond(491); // RFC 3261 §14.2: our re-INVITE to this party is still in progress (glare)
            return;
        }
        SdpResult parsed = sdp.parse(new String(in.request().body(), StandardCharsets.UTF_8));
        if (!(parsed instanceof SdpResult.Parsed offer)) {
            in.respond(400, "Bad SDP: " + ((SdpResult.Failed) parsed).reason());
            return;
        }
        Peer peer = callerSide ? call.callerPeer : call.calleePeer;
        LegId leg = callerSide ? call.callerMedia : call.calleeMedia;
        // Each leg keeps its own codec: they differ when the engine transcodes.
        String legCodec = callerSide || call.calleeCodec == null ? call.codec : call.calleeCodec;
        Negotiation n = Answerer.analyse(offer.sdp(), new PeerPolicy(List.of(legCodec), peer.isAvpf(), peer.isEncryption()));
        if (n instanceof Negotiation.Rejected r) {
            SipResponse refused = in.response(488, "Not Acceptable Here");
            in.respond(refused.withHeaders(refused.headers().with("Warning", "399 callway \"" + r.reason() + "\"")));
            return;
        }
        Negotiation.Agreed agreed = (Negotiation.Agreed) n;
        if (!callerSide && call.calleeFirstRemote != null) {
            // The callee answered our first offer and picked its DTLS role then; a re-offer keeps it.
            SessionDescription first = call.calleeFirstRemote;
            Optional<Setup> role = Answerer.firstAudioSection(first).flatMap(first::setup);
            if (role.isPresent()) {
                agreed = Answerer.keepingDtlsRole(agreed, role.get());
            }
        }
        SessionDescription before = callerSide ? call.callerOffer : call.calleeRemote;
        String ufrag = agreed.remote().iceUfrag();
        if (ufrag != null && before != null && !firstUfrag(before).equals(Optional.of(ufrag))) {
            // RFC 8839 §4.4.1.1.1: new ice-ufrag/pwd in a re-offer is an ICE restart (RFC 8445 §9).
            // The engine takes their new credentials and candidates and makes ours new, so the
            // answer below carries them; media stays on the old pair until new checks succeed.
            media.remoteParameters(leg, agreed.remote());
        }
        // Their latest SDP: its ufrag is the ICE generation trickled candidates must name (RFC 8840 §4.5).
        if (callerSide) {
            call.callerOffer = offer.sdp();
        } else {
            call.calleeRemote = offer.sdp();
        }
        SessionDescription answer = Answerer.answer(offer.sdp(), agreed, media.localParameters(leg));
        SessionDescription previous = callerSide ? call.callerAnswer : call.calleeSdp;
        if (previous != null) {
            answer = answer.withOrigin(previous.origin().next());
        }
        List<PayloadFormat> formats = PayloadFormats.of(answer);
        if (previous == null || !formats.equals(PayloadFormats.of(previous))) {
            media.formats(leg, formats); // e.g. a resume answered under a new payload type number
        }
        if (callerSide) {
            call.callerAnswer = answer;
        } else {
            call.calleeSdp = answer;
        }
        SipResponse ok = in.response(200);
        ok = ok.withHeaders(ok.headers().with("Contact", contact(in.flow(), callerSide ? call.callee : "callway")))
                .withBody("application/sdp", answer.serialize().getBytes(StandardCharsets.UTF_8));
        in.respond(TrickleInfo.advertise(in.request(), ok));
        relay.offered(call, side, ReinviteRelay.direction(offer.sdp()));
    }

    /**
     * The media leg a trickle-ice INFO with this Call-ID feeds, and the far end's SDP on it
     * (whose ufrag is the current ICE generation): the caller's leg, or a bridged callee's.
     */
    private Optional<TrickleInfo.Target> trickleTarget(String callId) {
        Call call = calls.get(callId);
        if (call != null) {
            return call.isEnded() || call.callerOffer == null ? Optional.empty()
                    : Optional.of(new TrickleInfo.Target(call.callerMedia, call.callerOffer));
        }
        Call bridged = calleeCalls.get(callId);
        if (bridged == null || bridged.isEnded() || bridged.calleeMedia == null || bridged.calleeRemote == null) {
            return Optional.empty();
        }
        return Optional.of(new TrickleInfo.Target(bridged.calleeMedia, bridged.calleeRemote));
    }

    private void bye(IncomingRequest in) {
        in.respond(200);
        String callId = in.request().headers().callId().orElse("");
        Call call = calls.get(callId);
        if (call != null) {
            // The caller hung up: the callee's dialog gets our BYE.
            Dialog other = call.calleeDialog;
            if (end(call, "BYE from " + call.caller) && other != null) {
                sendBye(other);
            }
            return;
        }
        Call bridged = calleeCalls.get(callId);
        if (bridged != null) {
            Dialog other = bridged.callerDialog;
            if (end(bridged, "BYE from " + bridged.callee) && other != null) {
                sendBye(other);
            }
        }
    }

    /**
     * Media events arrive on an engine thread: only decide, never block. A leg whose media dies
     * (ICE failed, DTLS failed or closed, consent lost, RFC 7675) ends the call — after a short
     * grace, because a peer hanging up closes DTLS just before its BYE arrives, and the BYE
     * says better why the call ended.
     */
    private void onMedia(Call call, MediaEvent event) {
        if (call == null || call.isEnded()) {
            return;
        }
        if (event instanceof MediaEvent.ConsentLost || event instanceof MediaEvent.IceFailed
                || event instanceof MediaEvent.DtlsFailed) {
            scheduler.schedule(() -> mediaLost(call, event), MEDIA_LOSS_GRACE_SECONDS, TimeUnit.SECONDS);
        } else if (event instanceof MediaEvent.PlaybackDone && event.leg().equals(call.callerMedia)
                && call.calleeMedia == null) {
            scheduler.execute(() -> playbackDone(call));
        }
    }

    /** Playback() is followed by Hangup(): the prompt has ended, so the call does (BYE, CDR ANSWERED). */
    private void playbackDone(Call call) {
        Dialog caller = call.callerDialog;
        if (end(call, "playback done") && caller != null) {
            sendBye(caller);
        }
    }

    private void mediaLost(Call call, MediaEvent event) {
        if (hangUp(call, "media lost: " + event.getClass().getSimpleName())) {
            LOG.info(() -> "call " + call.callId + " lost its media: " + event);
            // Counted only when it ended a live call: a leg's DTLS alert after hang-up is no failure.
            if (event instanceof MediaEvent.IceFailed) {
                metrics.iceFailed();
            } else if (event instanceof MediaEvent.DtlsFailed) {
                metrics.dtlsFailed();
            } else {
                metrics.consentLost();
            }
            if (!call.callerRequest().answered()) {
                call.callerRequest().respond(480, "Media failed");
            }
        }
    }

    /** Callway ends the call: {@link #end} it, then BYE to each party with a dialog; false if it had ended. */
    private boolean hangUp(Call call, String cause) {
        Dialog caller = call.callerDialog;
        Dialog callee = call.calleeDialog;
        if (!end(call, cause)) {
            return false;
        }
        if (caller != null) {
            sendBye(caller);
        }
        if (callee != null) {
            sendBye(callee);
        }
        return true;
    }

    /** Ends the call once: media leg closed, CDR written. */
    private boolean end(Call call, String cause) {
        if (!call.end()) {
            return false;
        }
        calls.remove(call.callId);
        forget(call);
        LegStats stats = stats(call.callerMedia);
        LegStats calleeStats = call.calleeMedia == null ? null : stats(call.calleeMedia);
        media.closeLeg(call.callerMedia);
        if (call.calleeMedia != null) {
            media.closeLeg(call.calleeMedia);
        }
        Cdr cdr = new Cdr(call.callId, call.caller, call.callee, call.start);
        // A transcoded call names both legs' codecs, caller's first: "opus/ulaw".
        boolean transcoded = call.calleeCodec != null && !call.calleeCodec.equals(call.codec);
        cdr.answered(call.answered, transcoded ? call.codec + "/" + call.calleeCodec : call.codec);
        cdr.legs(stats, calleeStats);
        save(cdr, Cdr.Disposition.ANSWERED, cause, stats);
        return true;
    }

    /**
     * Our 200 OK to the caller's INVITE was never ACKed within 64*T1 (the caller crashed, or gave
     * up and dropped the answer): RFC 3261 §13.3.1.4 says the session should then end with BYE.
     * Without this the call, its two media legs and the callee's dialog stayed up forever.
     */
    private void noAck(Call call) {
        Dialog caller = call.callerDialog;
        Dialog callee = call.calleeDialog;
        if (end(call, "no ACK to the 200 OK (RFC 3261 §13.3.1.4)")) {
            if (caller != null) {
                sendBye(caller);
            }
            if (callee != null) {
                sendBye(callee);
            }
        }
    }

    /**
     * Drops the call's callee-side Call-IDs (one per fork): each fork put one, and an unanswered,
     * refused or cancelled call must not leave them behind.
     */
    private void forget(Call call) {
        for (Fork fork : call.forks) {
            if (fork.invite != null) {
                calleeCalls.remove(fork.invite.callId(), call);
            }
        }
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
        cdrs.write(cdr);
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
        return registeredHere ? peers.byName(user.get()) : Optional.empty();
    }

    private static Optional<String> firstUfrag(SessionDescription sdp) {
        return sdp.media().stream().map(sdp::iceUfrag).flatMap(Optional::stream).findFirst();
    }

    private static PeerPolicy policy(Peer peer) {
        return new PeerPolicy(peer.getCodecs(), peer.isAvpf(), peer.isEncryption());
    }

    static String contact(Flow flow, String user) {
        String host = flow.local().getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "<sip:" + user + "@" + host + ":" + flow.local().getPort() + ";transport="
                + flow.transport().name().toLowerCase(Locale.ROOT) + ">";
    }

    /** RFC 3261 §8.1.1.7: the magic cookie and a random part unique across our requests. */
    static String newBranch() {
        return "z9hG4bK" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }
}
