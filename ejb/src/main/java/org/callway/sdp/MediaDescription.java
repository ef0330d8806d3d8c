package org.callway.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.callway.media.api.IceCandidate;

/**
 * One media section: the m= line (RFC 8866 §5.14) and the i=/c=/b=/k= and a= lines after it,
 * in order, with typed access to the attributes Callway reads.
 *
 * @param media     audio, video, application, ...
 * @param port      0 rejects or disables the stream (RFC 3264 §6, §8.2)
 * @param portCount the /&lt;number of ports&gt; suffix, 0 when absent
 * @param formats   payload type numbers for RTP protocols
 */
public record MediaDescription(String media, int port, int portCount, String proto, List<String> formats,
        List<Field> fields, List<Attribute> attributes) implements Attributes {

    public MediaDescription {
        formats = List.copyOf(formats);
        fields = List.copyOf(fields);
        attributes = List.copyOf(attributes);
    }

    /** The m= line's value. */
    public String mLine() {
        return media + " " + port + (portCount > 0 ? "/" + portCount : "") + " " + proto + " " + String.join(" ", formats);
    }

    /** The profile if it is one Callway speaks. */
    public Optional<Profile> profile() {
        return Profile.fromProto(proto);
    }

    /** Port 0: rejected (in an answer) or disabled (in an offer). */
    public boolean rejected() {
        return port == 0;
    }

    /** The media-level c=, if any. */
    public Optional<Connection> connection() {
        return fields.stream().filter(f -> f.type() == 'c').findFirst().map(f -> Connection.parse(f.value()));
    }

    /**
     * The formats as payload type numbers; for RTP protocols only, whose formats the parser has
     * checked ({@link #profile()} present), not for e.g. {@code webrtc-datachannel}.
     */
    public List<Integer> payloadTypes() {
        List<Integer> pts = new ArrayList<>();
        for (String f : formats) {
            pts.add(Integer.parseInt(f));
        }
        return pts;
    }

    /** a=mid (RFC 5888 §4). */
    public Optional<String> mid() {
        return value("mid");
    }

    /** The direction attribute if this section has one. */
    public Optional<Direction> direction() {
        return attributes.stream().map(a -> Direction.fromSdp(a.name())).flatMap(Optional::stream).findFirst();
    }

    /** a=rtpmap lines (RFC 8866 §6.6). */
    public List<RtpMap> rtpMaps() {
        return values("rtpmap").stream().map(RtpMap::parse).toList();
    }

    /** The a=rtpmap of a payload type; static ones (RFC 3551 §6) may have none. */
    public Optional<RtpMap> rtpMap(int payloadType) {
        return rtpMaps().stream().filter(r -> r.payloadType() == payloadType).findFirst();
    }

    /** The a=fmtp of a payload type (RFC 8866 §6.15). */
    public Optional<Fmtp> fmtp(int payloadType) {
        return values("fmtp").stream().map(Fmtp::parse).filter(f -> f.payloadType() == payloadType).findFirst();
    }

    /** a=rtcp-fb lines for this payload type, including the {@code *} wildcard ones. */
    public List<RtcpFb> rtcpFeedback(int payloadType) {
        return values("rtcp-fb").stream().map(RtcpFb::parse).filter(f -> f.appliesTo(payloadType)).toList();
    }

    /** a=extmap lines: RTP header extensions (RFC 8285 §8). */
    public List<Extmap> extmaps() {
        return values("extmap").stream().map(Extmap::parse).toList();
    }

    /** a=crypto lines (RFC 4568), in offer preference order. */
    public List<Crypto> crypto() {
        return values("crypto").stream().map(Crypto::parse).toList();
    }

    /** a=ssrc lines (RFC 5576 §4.1). */
    public List<Ssrc> ssrcs() {
        return values("ssrc").stream().map(Ssrc::parse).toList();
    }

    /** a=msid (RFC 8830 §2). */
    public Optional<Msid> msid() {
        return value("msid").map(Msid::parse);
    }

    /** a=candidate lines (RFC 8839 §5.1). */
    public List<IceCandidate> candidates() {
        return values("candidate").stream().map(IceCandidate::parse).toList();
    }

    /** a=end-of-candidates (RFC 8838 §8.2): no more trickled candidates will come. */
    public boolean endOfCandidates() {
        return has("end-of-candidates");
    }

    /** a=rtcp-mux (RFC 5761 §5.1.1). */
    public boolean rtcpMux() {
        return has("rtcp-mux");
    }

    /** a=rtcp-rsize (RFC 5506 §5). */
    public boolean rtcpRsize() {
        return has("rtcp-rsize");
    }
}
