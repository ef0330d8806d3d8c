package org.callway.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.callway.media.api.IceCandidate;
import org.callway.media.api.LegKind;
import org.callway.media.api.LocalParameters;
import org.callway.media.api.RemoteParameters;
import org.callway.media.api.Setup;

/**
 * Offers for the legs Callway opens (the B2BUA's second leg), and the reading of their answers.
 *
 * <pre>{@code
 * SessionDescription offer = Offerer.offer(LegKind.WEBRTC, PeerPolicy.of(bob), media.localParameters(leg));
 * // ... 200 OK arrives
 * if (Offerer.readAnswer(offer, answer) instanceof Negotiation.Agreed ok) media.remoteParameters(leg, ok.remote());
 * }</pre>
 */
public final class Offerer {
    /** RFC 4733 events at 8 kHz under Asterisk's usual number; at 48 kHz (for opus) under Chromium's. */
    static final int TELEPHONE_EVENT_8000 = 101;
    static final int TELEPHONE_EVENT_48000 = 110;
    /** The one audio section's mid in WebRTC offers (JSEP §5.2.1). */
    static final String AUDIO_MID = "0";
    static final String VIDEO_MID = "1";

    private Offerer() {
    }

    /** A sendrecv offer; see {@link #offer(LegKind, PeerPolicy, LocalParameters, Direction)}. */
    public static SessionDescription offer(LegKind kind, PeerPolicy policy, LocalParameters local) {
        return offer(kind, policy, local, Direction.SENDRECV);
    }

    /**
     * One audio section with the policy's audio codecs in its order and telephone-event.
     * WEBRTC: UDP/TLS/RTP/SAVPF, a=setup:actpass (RFC 5763 §5), rtcp-mux, rtcp-rsize, BUNDLE
     * with mid 0 (RFC 9143), all candidates and end-of-candidates. RTP_AVP: RTP/AVP (RTP/AVPF with
     * avpf=yes) toward a phone. SDES: RTP/SAVP(F) with the engine's a=crypto lines (RFC 4568).
     *
     * @param direction sendonly to put the far end on hold, sendrecv to resume (RFC 3264 §8.4)
     * @throws IllegalArgumentException if the policy allows no audio codec Callway knows
     */
    public static SessionDescription offer(LegKind kind, PeerPolicy policy, LocalParameters local, Direction direction) {
        List<Codec> codecs = policy.codecs("audio");
        if (codecs.isEmpty()) {
            throw new IllegalArgumentException("the peer allows no audio codec Callway knows: " + policy.allow());
        }
        String proto = switch (kind) {
            case WEBRTC -> Profile.UDP_TLS_RTP_SAVPF.proto();
            case SDES -> policy.avpf() ? Profile.RTP_SAVPF.proto() : Profile.RTP_SAVP.proto();
            case RTP_AVP -> policy.avpf() ? Profile.RTP_AVPF.proto() : Profile.RTP_AVP.proto();
        };
        boolean webRtc = kind == LegKind.WEBRTC;
        SectionWriter w = new SectionWriter();
        if (webRtc) {
            w.dtlsIce(local, Setup.ACTPASS).mid(AUDIO_MID);
        }
        w.add(direction.attribute()).flag(webRtc, "rtcp-mux").flag(webRtc, "rtcp-rsize");
        List<Integer> formats = new ArrayList<>();
        for (Codec c : codecs) {
            formats.add(c.payloadType());
            w.format(c.rtpMap(c.payloadType()), c.fmtp(c.payloadType()), List.of());
        }
        if (codecs.contains(Codec.OPUS)) {
            telephoneEvent(w, formats, TELEPHONE_EVENT_48000, 48000);
        }
        telephoneEvent(w, formats, TELEPHONE_EVENT_8000, 8000);
        if (kind == LegKind.SDES) {
            w.crypto(local.crypto().stream().map(Crypto::parse).toList());
        }
        if (webRtc) {
            w.add(new Msid("callway", "callway-audio-0").attribute()).candidates(local);
        }
        int port = SectionWriter.defaultCandidate(local, "IP4").port();
        List<MediaDescription> sections = new ArrayList<>();
        sections.add(w.section("audio", port, proto, formats));
        List<String> mids = new ArrayList<>(List.of(AUDIO_MID));
        List<Codec> video = policy.codecs("video");
        if (webRtc && !video.isEmpty()) {
            // Video rides the same BUNDLEd transport (RFC 9143): one ICE/DTLS session per leg.
            sections.add(videoSection(local, direction, video, port, proto));
            mids.add(VIDEO_MID);
        }
        List<Attribute> session = webRtc ? List.of(new Group("BUNDLE", mids).attribute()) : List.of();
        return SectionWriter.session(SectionWriter.defaultCandidate(local, "IP4"), session, sections);
    }

    private static void telephoneEvent(SectionWriter w, List<Integer> formats, int pt, int clockRate) {
        formats.add(pt);
        w.format(new RtpMap(pt, RemoteReader.TELEPHONE_EVENT, clockRate, 0), Optional.of(new Fmtp(pt, "0-16")), List.of());
    }

    /**
     * The m=video of a WebRTC offer: the allowed video codecs with the feedback the engine relays
     * (RFC 4585 nack and pli, RFC 5104 ccm fir), so the far end can ask for key frames.
     */
    private static MediaDescription videoSection(LocalParameters local, Direction direction, List<Codec> codecs,
            int port, String proto) {
        SectionWriter v = new SectionWriter();
        v.dtlsIce(local, Setup.ACTPASS).mid(VIDEO_MID);
        v.add(direction.attribute()).flag(true, "rtcp-mux").flag(true, "rtcp-rsize");
        List<Integer> formats = new ArrayList<>();
        for (Codec c : codecs) {
            int pt = c.payloadType();
            formats.add(pt);
            v.format(c.rtpMap(pt), c.fmtp(pt), List.of(new RtcpFb(Integer.toString(pt), "nack", null),
                    new RtcpFb(Integer.toString(pt), "nack", "pli"), new RtcpFb(Integer.toString(pt), "ccm", "fir")));
        }
        v.add(new Msid("callway", "callway-video-0").attribute()).candidates(local);
        return v.section("video", port, proto, formats);
    }

    /**
     * Reads the answer to one of our offers (RFC 3264 §6, §7): the audio section must be
     * accepted in the offer's transport, with a codec we offered; a WebRTC answer must pick
     * a=setup active or passive (RFC 5763 §5); an SDES answer must accept one of our a=crypto tags.
     */
    public static Negotiation readAnswer(SessionDescription offer, SessionDescription answer) {
        try {
            return read(offer, answer);
        } catch (Refusal r) {
            return r.rejected();
        }
    }

    private static Negotiation.Agreed read(SessionDescription offer, SessionDescription answer) {
        if (answer.media().size() != offer.media().size()) {
            throw new Refusal("the answer has " + answer.media().size() + " m= lines, the offer had "
                    + offer.media().size() + " (RFC 3264 §6)");
        }
        int index = Answerer.firstAudio(offer).orElseThrow(() -> new IllegalArgumentException("not an offer with audio"));
        MediaDescription ours = offer.media().get(index);
        MediaDescription theirs = answer.media().get(index);
        if (theirs.rejected()) {
            throw new Refusal("the answer rejected the audio stream (port 0)");
        }
        if (!theirs.proto().equalsIgnoreCase(ours.proto())) {
            throw new Refusal("the answer changed the transport from " + ours.proto() + " to " + theirs.proto());
        }
        LegKind kind = RemoteReader.legKind(ours.profile().orElseThrow());
        RemoteParameters remote = switch (kind) {
            case WEBRTC -> {
                if (answer.setup(theirs).orElse(Setup.ACTIVE) == Setup.ACTPASS) {
                    throw new Refusal("the answer says a=setup:actpass; an answerer picks active or passive (RFC 5763 §5)");
                }
                yield RemoteReader.webRtc(answer, theirs);
            }
            case SDES -> RemoteReader.rtp(answer, theirs, Optional.of(acceptedCrypto(ours, theirs)));
            case RTP_AVP -> RemoteReader.rtp(answer, theirs, Optional.empty());
        };
        MediaPlan audio = chosen(answer, index, ours, theirs)
                .orElseThrow(() -> new Refusal("the answer has no codec from the offer (answered " + theirs.formats() + ")"));
        List<MediaPlan> plans = new ArrayList<>(List.of(audio));
        for (int i = 0; i < offer.media().size(); i++) {
            MediaDescription m = offer.media().get(i);
            if (i != index && m.media().equals("video") && !answer.media().get(i).rejected()) {
                chosen(answer, i, m, answer.media().get(i)).ifPresent(plans::add);
            }
        }
        return new Negotiation.Agreed(kind, remote, plans);
    }

    /** The first payload type of the answer that we offered, as a plan for that section. */
    private static Optional<MediaPlan> chosen(SessionDescription answer, int index, MediaDescription ours,
            MediaDescription theirs) {
        List<Integer> offered = ours.payloadTypes();
        List<Integer> answered = theirs.payloadTypes().stream().filter(offered::contains).toList();
        for (int pt : answered) {
            Optional<Codec> codec = Codec.of(ours, pt);
            if (codec.isPresent()) {
                OptionalInt te = codec.get().media().equals("audio")
                        ? RemoteReader.telephoneEvent(ours, codec.get(), answered) : OptionalInt.empty();
                Direction d = answer.direction(theirs).answer();
                return Optional.of(new MediaPlan(index, ours.mid().orElse(null), codec.get(), pt, te, d));
            }
        }
        return Optional.empty();
    }

    /** RFC 4568 §7.1.3: the answer's a=crypto carries the tag of the offered line it accepts. */
    private static Crypto acceptedCrypto(MediaDescription ours, MediaDescription theirs) {
        for (Crypto answered : theirs.crypto()) {
            for (Crypto offered : ours.crypto()) {
                if (offered.tag() == answered.tag() && offered.suite().equals(answered.suite())) {
                    return answered;
                }
            }
        }
        throw new Refusal("the answer has no a=crypto accepting one of ours (RFC 4568 §7.1.3)");
    }
}
