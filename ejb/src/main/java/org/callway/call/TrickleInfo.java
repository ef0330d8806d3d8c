package org.callway.call;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;
import org.callway.media.MediaService;
import org.callway.media.api.IceCandidate;
import org.callway.media.api.LegId;
import org.callway.sdp.MediaDescription;
import org.callway.sdp.SdpFrag;
import org.callway.sdp.SessionDescription;
import org.callway.sip.message.Headers;
import org.callway.sip.message.SipRequest;
import org.callway.sip.message.SipResponse;
import org.callway.sip.ua.IncomingRequest;

/**
 * Trickle ICE over SIP INFO (RFC 8840): a party that sent its offer or answer before it had all
 * its candidates sends the rest in in-dialog INFO requests of the {@code trickle-ice} Info Package
 * (RFC 6086), each body an sdpfrag (RFC 8840 §5). This takes them to the media leg of the dialog
 * they came in. Callway gathers all of its own candidates before it writes SDP, so it never
 * trickles itself; it only receives.
 */
final class TrickleInfo {

    private static final Logger LOG = Logger.getLogger(TrickleInfo.class.getName());
    /** The Info Package name and the option tag (RFC 8840 §10.1, §10.3). */
    static final String PACKAGE = "trickle-ice";
    static final String CONTENT_TYPE = "application/trickle-ice-sdpfrag";
    static final String RECV_INFO = "Recv-Info";
    static final String INFO_PACKAGE = "Info-Package";

    /**
     * The media leg of a dialog and the far end's SDP on it: its ICE ufrag is the current
     * generation (RFC 8840 §4.5), its a=mid values name the sections candidates may go to.
     */
    record Target(LegId leg, SessionDescription remote) {
    }

    private final MediaService media;
    private final Function<String, Optional<Target>> byCallId;

    /** @param byCallId the leg and far-end SDP of the call leg with this Call-ID, if it is a live call */
    TrickleInfo(MediaService media, Function<String, Optional<Target>> byCallId) {
        this.media = media;
        this.byCallId = byCallId;
    }

    /**
     * RFC 8840 §4.1, §7 and RFC 6086 §5.2.2: a UA that will take trickle-ice INFOs says so with
     * {@code Recv-Info: trickle-ice} in its 2xx to the INVITE. Said only to a party that declared
     * trickle ICE support itself ({@code Supported: trickle-ice} or {@code Recv-Info: trickle-ice}):
     * others would never send them, and some log unknown headers as errors.
     */
    static SipResponse advertise(SipRequest invite, SipResponse ok) {
        boolean trickles = invite.headers().tokens("Supported").stream().anyMatch(PACKAGE::equalsIgnoreCase)
                || packages(invite.headers().values(RECV_INFO)).contains(PACKAGE);
        return trickles ? ok.withHeaders(ok.headers().with(RECV_INFO, PACKAGE)) : ok;
    }

    /** Handles one INFO request. */
    void handle(IncomingRequest in) {
        SipRequest info = in.request();
        if (in.dialog().isEmpty()) {
            // RFC 6086 §4.2.1: INFO is only ever sent inside an invite dialog usage.
            in.respond(481, "INFO outside a dialog");
            return;
        }
        List<String> named = packages(info.headers().values(INFO_PACKAGE));
        if (!named.contains(PACKAGE)) {
            // RFC 6086 §4.2.2, §8.2.1: a package we did not list in Recv-Info (or none: legacy
            // INFO) gets 469 with the packages we do take.
            SipResponse bad = in.response(469);
            in.respond(bad.withHeaders(bad.headers().with(RECV_INFO, PACKAGE)));
            return;
        }
        Optional<Target> target = byCallId.apply(info.callId());
        if (target.isEmpty()) {
            in.respond(481, "No call in this dialog");
            return;
        }
        String type = info.headers().contentType().map(t -> t.split(";", 2)[0].strip().toLowerCase(Locale.ROOT))
                .orElse("");
        if (!type.equals(CONTENT_TYPE)) {
            // RFC 8840 §5: the trickle-ice package's body is an sdpfrag of this type; RFC 3261 §21.4.13.
            SipResponse unsupported = in.response(415);
            in.respond(unsupported.withHeaders(unsupported.headers().with("Accept", CONTENT_TYPE)));
            return;
        }
        byte[] body = info.body() == null ? new byte[0] : info.body();
        SdpFrag.Result parsed = SdpFrag.parse(new String(body, StandardCharsets.UTF_8));
        if (parsed instanceof SdpFrag.Result.Failed f) {
            in.respond(400, "Bad sdpfrag: " + f.reason());
            return;
        }
        SdpFrag frag = ((SdpFrag.Result.Parsed) parsed).frag();
        Target t = target.get();
        Optional<String> current = t.remote().media().stream().map(m -> t.remote().iceUfrag(m))
                .flatMap(Optional::stream).findFirst();
        if (current.isEmpty()) {
            SipResponse refused = in.response(488);
            in.respond(refused.withHeaders(refused.headers().with("Warning",
                    "399 callway \"the media of this dialog does not use ICE\"")));
            return;
        }
        for (SdpFrag.Section s : frag.media()) {
            if (t.remote().media().stream().map(MediaDescription::mid).noneMatch(Optional.of(s.mid())::equals)) {
                in.respond(400, "Bad sdpfrag: no m= section with a=mid:" + s.mid() + " in this dialog");
                return;
            }
        }
        int taken = 0;
        for (SdpFrag.Section s : frag.media()) {
            if (!frag.ufrag(s).orElse("").equals(current.get())) {
                // RFC 8840 §4.5: a ufrag other than the current one is another ICE generation
                // (one being restarted, or an old one): its candidates must not be checked here.
                LOG.fine(() -> "trickled candidates of ufrag " + frag.ufrag(s).orElse("") + " ignored: current is "
                        + current.get());
                continue;
            }
            for (IceCandidate c : s.candidates()) {
                if (c.component() == 1) { // RTCP is muxed (RFC 5761): component 2 is never used
                    media.addRemoteCandidate(t.leg(), c);
                    taken++;
                }
            }
        }
        int count = taken;
        LOG.fine(() -> "call " + info.callId() + ": " + count + " trickled candidate(s) taken");
        in.respond(200);
    }

    /** Package names of Info-Package or Recv-Info values, without parameters (RFC 6086 §7.2, §7.3). */
    private static List<String> packages(List<String> values) {
        return values.stream().flatMap(v -> Headers.splitCommas(v).stream()).map(v -> v.split(";", 2)[0].strip().toLowerCase(Locale.ROOT))
                .filter(v -> !v.isEmpty()).toList();
    }
}
