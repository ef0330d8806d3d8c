package org.callway.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.callway.media.api.IceCandidate;
import org.callway.media.api.LegKind;
import org.callway.media.api.LocalParameters;
import org.callway.media.api.RemoteParameters;
import org.callway.media.api.Setup;

/**
 * Answers offers from browsers and SIP phones (RFC 3264 §6, JSEP RFC 8829 §5.3) with Asterisk's
 * peer semantics. Two steps, because the leg must exist before its local parameters do:
 *
 * <pre>{@code
 * if (Answerer.analyse(offer, policy) instanceof Negotiation.Agreed ok) {  // else 488 with reason
 *     LegId leg = media.allocate(ok.legKind(), IceRole.CONTROLLED, listener);
 *     media.remoteParameters(leg, ok.remote());
 *     SessionDescription answer = Answerer.answer(offer, ok, media.localParameters(leg));
 * }
 * }</pre>
 */
public final class Answerer {
    /**
     * RTCP feedback the engine honours per media (RFC 4585 §4.2, RFC 5104 §7.1): it relays NACK,
     * PLI and FIR; transport-cc (needs transport-wide sequence numbers it does not write) and
     * goog-remb are dropped.
     */
    private static final Set<String> AUDIO_FEEDBACK = Set.of("nack");
    private static final Set<String> VIDEO_FEEDBACK = Set.of("nack", "nack pli", "ccm fir");

    private Answerer() {
    }

    /**
     * Decides whether the offer is acceptable to a peer with this policy, and what the engine
     * needs: the first audio section is the call's stream; video is accepted when the policy
     * allows a video codec and it is bundled with the audio (one transport per leg); any other
     * section is rejected with port 0 (RFC 3264 §6).
     */
    public static Negotiation analyse(SessionDescription offer, PeerPolicy policy) {
        try {
            return agree(offer, policy);
        } catch (Refusal r) {
            return r.rejected();
        }
    }

    private static Negotiation.Agreed agree(SessionDescription offer, PeerPolicy policy) {
        int audioIndex = firstAudio(offer).orElseThrow(() -> new Refusal("the offer has no audio stream"));
        MediaDescription audio = offer.media().get(audioIndex);
        Profile profile = audio.profile()
                .orElseThrow(() -> new Refusal("the offer's transport " + audio.proto() + " is not supported"));
        // The profile first: a phone's RTP/AVP offer to a WebRTC peer (avpf=yes, encryption=yes) names AVPF.
        if (policy.avpf() && !profile.feedback()) {
            throw new Refusal("the offer uses " + audio.proto() + " but the peer requires AVPF (avpf=yes, RFC 4585)");
        }
        if (policy.encryption() && !profile.secure()) {
            throw new Refusal("the offer uses " + audio.proto() + " but the peer requires SRTP (encryption=yes, RFC 3711)");
        }
        LegKind kind = RemoteReader.legKind(profile, offer, audio);
        RemoteParameters remote = switch (kind) {
            case WEBRTC -> RemoteReader.webRtc(offer, audio);
            case SDES -> RemoteReader.rtp(offer, audio, Optional.of(RemoteReader.offeredCrypto(audio)));
            case RTP_AVP -> RemoteReader.rtp(offer, audio, Optional.empty());
        };
        List<MediaPlan> plans = new ArrayList<>();
        plans.add(plan(offer, audioIndex, policy.codecs("audio")).orElseThrow(() -> noCommonCodec(audio, policy)));
        for (int i = 0; i < offer.media().size(); i++) {
            if (i != audioIndex && acceptsVideo(offer, i, audio, kind, policy)) {
                plan(offer, i, policy.codecs("video")).ifPresent(plans::add);
            }
        }
        return new Negotiation.Agreed(kind, remote, plans);
    }

    /** The first accepted audio section, if any. */
    public static Optional<MediaDescription> firstAudioSection(SessionDescription sdp) {
        return firstAudio(sdp).map(sdp.media()::get);
    }

    static Optional<Integer> firstAudio(SessionDescription sdp) {
        for (int i = 0; i < sdp.media().size(); i++) {
            MediaDescription m = sdp.media().get(i);
            if (m.media().equals("audio") && !m.rejected()) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** Video rides the audio leg's transport, so it must be in the same BUNDLE group (RFC 9143). */
    private static boolean acceptsVideo(SessionDescription offer, int i, MediaDescription audio, LegKind kind,
            PeerPolicy policy) {
        MediaDescription m = offer.media().get(i);
        if (!m.media().equals("video") || m.rejected() || m.profile().isEmpty() || !policy.allowsVideo()
                || kind != LegKind.WEBRTC) {
            return false;
        }
        List<String> bundled = offer.bundle().map(Group::mids).orElse(List.of());
        return audio.mid().filter(bundled::contains).isPresent() && m.mid().filter(bundled::contains).isPresent();
    }

    /**
     * The first allowed codec (policy order) the section offers, under the offerer's payload
     * type (RFC 3264 §6.1), with telephone-event if offered; the direction answers the offer's.
     */
    private static Optional<MediaPlan> plan(SessionDescription offer, int index, List<Codec> allowed) {
        MediaDescription m = offer.media().get(index);
        for (Codec c : allowed) {
            for (int pt : m.payloadTypes()) {
                if (c.matches(m, pt)) {
                    OptionalInt te = c.media().equals("audio") ? RemoteReader.telephoneEvent(m, c, m.payloadTypes())
                            : OptionalInt.empty();
                    return Optional.of(new MediaPlan(index, m.mid().orElse(null), c, pt, te, direction(offer, m)));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * RFC 3264 §6.1; an old-style hold (c=0.0.0.0, RFC 3264 §8.4) counts as sendonly — but not
     * with ICE, where 0.0.0.0 (port 9) only means "no candidate yet" (RFC 8839 §4.2.1.1, JSEP §5.2.1).
     */
    private static Direction direction(SessionDescription offer, MediaDescription m) {
        Direction offered = offer.direction(m);
        boolean zeroed = offer.iceUfrag(m).isEmpty()
                && offer.connection(m).map(Connection::isUnspecified).orElse(false);
        if (zeroed && offered == Direction.SENDRECV) {
            offered = Direction.SENDONLY;
        }
        return offered.answer();
    }

    private static Refusal noCommonCodec(MediaDescription audio, PeerPolicy policy) {
        String offered = audio.payloadTypes().stream().map(pt -> RemoteReader.formatName(audio, pt)).distinct()
                .collect(Collectors.joining(", "));
        return new Refusal("no common codec: offered " + offered + "; the peer allows " + String.join(", ", policy.allow()));
    }

    /**
     * Writes the answer: same number and order of sections as the offer (RFC 3264 §6), the
     * offer's transport protocol, our ICE credentials, fingerprint, setup and host candidates
     * for a WebRTC leg, our a=crypto under the offer's tag for an SDES leg, and each accepted
     * section's codec, telephone-event, direction, mid, rtcp-mux and rtcp-rsize mirrored.
     *
     * @param local what the engine gave for the leg allocated with {@code agreed.legKind()}
     * @throws IllegalArgumentException if {@code local} lacks what the leg kind needs (no UDP
     *         candidate; no a=crypto of the agreed suite for SDES): a wiring error, not a peer's
     */
    public static SessionDescription answer(SessionDescription offer, Negotiation.Agreed agreed, LocalParameters local) {
        MediaPlan audioPlan = agreed.audio();
        MediaDescription audio = offer.media().get(audioPlan.index());
        // Receive on the address family the offerer sends from (an IPv6-only phone gets IPv6).
        IceCandidate at = SectionWriter.defaultCandidate(local, offer.connection(audio).map(Connection::addrType).orElse("IP4"));
        List<MediaDescription> sections = new ArrayList<>();
        for (int i = 0; i < offer.media().size(); i++) {
            MediaDescription m = offer.media().get(i);
            int index = i;
            Optional<MediaPlan> plan = agreed.media().stream().filter(p -> p.index() == index).findFirst();
            sections.add(plan.map(p -> accepted(m, p, agreed, local, at.port())).orElseGet(() -> rejected(m)));
        }
        List<Attribute> session = new ArrayList<>();
        offer.bundle().ifPresent(b -> {
            // RFC 9143 §7.3.3: a rejected section leaves the group.
            List<String> kept = b.mids().stream()
                    .filter(mid -> agreed.media().stream().anyMatch(p -> mid.equals(p.mid()))).toList();
            if (!kept.isEmpty()) {
                session.add(new Group("BUNDLE", kept).attribute());
            }
        });
        return SectionWriter.session(at, session, sections);
    }

    private static MediaDescription accepted(MediaDescription m, MediaPlan plan, Negotiation.Agreed agreed,
            LocalParameters local, int port) {
        boolean feedback = m.profile().map(Profile::feedback).orElse(false);
        Set<String> honoured = m.media().equals("video") ? VIDEO_FEEDBACK : AUDIO_FEEDBACK;
        SectionWriter w = new SectionWriter();
        if (agreed.legKind() == LegKind.WEBRTC) {
            w.dtlsIce(local, answerSetup(agreed.remote().setup()));
        }
        w.mid(plan.mid()).add(plan.direction().attribute())
                .flag(m.rtcpMux() || agreed.legKind() == LegKind.WEBRTC, "rtcp-mux")
                .flag(m.rtcpRsize() && feedback, "rtcp-rsize");
        int pt = plan.payloadType();
        List<RtcpFb> fb = feedback ? m.rtcpFeedback(pt).stream().filter(f -> honoured.contains(f.feedback()))
                .map(f -> f.forPayloadType(pt)).distinct().toList() : List.of();
        w.format(m.rtpMap(pt).orElse(plan.codec().rtpMap(pt)), m.fmtp(pt), fb);
        List<Integer> formats = new ArrayList<>(List.of(pt));
        plan.telephoneEvent().ifPresent(te -> {
            formats.add(te);
            w.format(m.rtpMap(te).orElseThrow(), m.fmtp(te), List.of());
        });
        if (agreed.legKind() == LegKind.SDES) {
            w.crypto(List.of(answerCrypto(agreed, local)));
        }
        if (agreed.legKind() == LegKind.WEBRTC) {
            w.msid(plan.direction(), m.media(), plan.index()).candidates(local);
        }
        return w.section(m.media(), port, m.proto(), formats);
    }

    /** RFC 3264 §6: port 0, one format from the offer; a=mid kept so the browser can match it (RFC 8829 §5.3.1). */
    private static MediaDescription rejected(MediaDescription m) {
        List<Attribute> mid = m.mid().map(v -> List.of(Attribute.of("mid", v))).orElse(List.of());
        return new MediaDescription(m.media(), 0, 0, m.proto(), m.formats().subList(0, 1), List.of(), mid);
    }

    /**
     * A re-offer on a DTLS association that already exists (RFC 8842 §5.5): an offerer says
     * actpass again, but the roles stay as they are — Chromium refuses an answer that swaps
     * them. {@code farEndRole} is the far end's role, from its earlier answer; the answer
     * then takes the other one.
     */
    public static Negotiation.Agreed keepingDtlsRole(Negotiation.Agreed reoffer, Setup farEndRole) {
        RemoteParameters r = reoffer.remote();
        if (reoffer.legKind() != LegKind.WEBRTC || r.setup() != Setup.ACTPASS || farEndRole == Setup.ACTPASS) {
            return reoffer;
        }
        return new Negotiation.Agreed(reoffer.legKind(), new RemoteParameters(r.iceUfrag(), r.icePwd(), r.candidates(),
                r.fingerprint(), farEndRole, r.crypto()), reoffer.media());
    }

    /** RFC 5763 §5: the answerer is active for actpass (as the engine then is), else the opposite. */
    static Setup answerSetup(Setup offered) {
        return offered == Setup.ACTIVE ? Setup.PASSIVE : Setup.ACTIVE;
    }

    /** RFC 4568 §7.1.2: our key for the accepted suite, under the tag of the offer's line. */
    private static Crypto answerCrypto(Negotiation.Agreed agreed, LocalParameters local) {
        Crypto theirs = Crypto.parse(agreed.remote().crypto().get(0));
        return local.crypto().stream().map(Crypto::parse).filter(c -> c.suite().equals(theirs.suite())).findFirst()
                .map(c -> c.withTag(theirs.tag()))
                .orElseThrow(() -> new IllegalArgumentException("the engine gave no a=crypto for " + theirs.suite()));
    }
}
