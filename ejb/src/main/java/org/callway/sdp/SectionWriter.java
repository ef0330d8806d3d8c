package org.callway.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.callway.media.api.IceCandidate;
import org.callway.media.api.LocalParameters;
import org.callway.media.api.Setup;

/** Writes Callway's own media sections and session lines, for offers and answers alike. */
final class SectionWriter {
    private final List<Attribute> attributes = new ArrayList<>();

    /** ICE credentials (RFC 8839 §5.4), sha-256 fingerprint (RFC 8122 §5) and setup (RFC 5763 §5). */
    SectionWriter dtlsIce(LocalParameters local, Setup setup) {
        attributes.add(Attribute.of("ice-ufrag", local.iceUfrag()));
        attributes.add(Attribute.of("ice-pwd", local.icePwd()));
        attributes.add(new Fingerprint(LocalParameters.FINGERPRINT_ALGORITHM, local.fingerprint()).attribute());
        attributes.add(Attribute.of("setup", setup.sdp()));
        return this;
    }

    SectionWriter mid(String mid) {
        if (mid != null) {
            attributes.add(Attribute.of("mid", mid));
        }
        return this;
    }

    SectionWriter add(Attribute a) {
        attributes.add(a);
        return this;
    }

    SectionWriter flag(boolean on, String property) {
        if (on) {
            attributes.add(Attribute.of(property));
        }
        return this;
    }

    /** a=rtpmap, a=fmtp and a=rtcp-fb for one payload type (RFC 8866 §6.6, §6.15; RFC 4585 §4.2). */
    SectionWriter format(RtpMap rtpMap, Optional<Fmtp> fmtp, List<RtcpFb> feedback) {
        attributes.add(rtpMap.attribute());
        fmtp.ifPresent(f -> attributes.add(f.attribute()));
        feedback.forEach(f -> attributes.add(f.attribute()));
        return this;
    }

    /**
     * a=msid for a section we send on (RFC 8830 §2): a browser puts received tracks into
     * MediaStreams by it, and apps play {@code event.streams[0]}.
     */
    SectionWriter msid(Direction direction, String media, int index) {
        if (direction == Direction.SENDRECV || direction == Direction.SENDONLY) {
            attributes.add(new Msid("callway", "callway-" + media + "-" + index).attribute());
        }
        return this;
    }

    /** a=crypto lines (RFC 4568 §9.1). */
    SectionWriter crypto(List<Crypto> crypto) {
        crypto.forEach(c -> attributes.add(Attribute.of("crypto", c.value())));
        return this;
    }

    /**
     * Our host candidates and a=end-of-candidates: the engine has them all at once, so
     * Callway never trickles (RFC 8838 §8.2).
     */
    SectionWriter candidates(LocalParameters local) {
        local.candidates().forEach(c -> attributes.add(Attribute.parse(c.toSdp())));
        attributes.add(Attribute.of("end-of-candidates"));
        return this;
    }

    MediaDescription section(String media, int port, String proto, List<Integer> formats) {
        return new MediaDescription(media, port, 0, proto, formats.stream().map(String::valueOf).toList(), List.of(),
                attributes);
    }

    /**
     * The candidate whose address goes in c= and whose port goes in m= (JSEP §5.2.1 "default
     * candidate"): a UDP one of the wanted address family if there is one.
     */
    static IceCandidate defaultCandidate(LocalParameters local, String addrType) {
        List<IceCandidate> udp = local.candidates().stream().filter(IceCandidate::isUdp).toList();
        if (udp.isEmpty()) {
            throw new IllegalArgumentException("the engine gave no UDP candidate to receive on");
        }
        return udp.stream().filter(c -> Connection.of(c.address()).addrType().equals(addrType)).findFirst()
                .orElse(udp.get(0));
    }

    /** v=, o= with a fresh session id (RFC 8866 §5.2), s=, session c=, t=0 0, then the given lines. */
    static SessionDescription session(IceCandidate at, List<Attribute> attributes, List<MediaDescription> media) {
        Connection c = Connection.of(at.address());
        String id = Long.toString(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
        Origin origin = new Origin("callway", id, 1, "IN", c.addrType(), c.address());
        return new SessionDescription(origin, "Callway", List.of(c.field(), new Field('t', "0 0")), attributes, media);
    }
}
