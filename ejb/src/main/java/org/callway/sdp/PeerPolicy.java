package org.callway.sdp;

import java.util.List;
import java.util.Optional;
import org.callway.config.PeerDefaults;

/**
 * What a peer accepts, in Asterisk's sip.conf terms: {@code allow=} (preference order),
 * {@code avpf=} and {@code encryption=}.
 *
 * @param allow      codec names in preference order ({@code opus}, {@code ulaw}, {@code alaw},
 *                   {@code g722}, {@code vp8}, {@code h264}); unknown names are ignored
 * @param avpf       avpf=yes: the offer must use an AVPF profile (RTP/AVPF, RTP/SAVPF, UDP/TLS/RTP/SAVPF)
 * @param encryption encryption=yes: the offer must use SRTP (DTLS-SRTP or SDES)
 */
public record PeerPolicy(List<String> allow, boolean avpf, boolean encryption) {

    public PeerPolicy {
        allow = List.copyOf(allow);
    }

    /** The WebRTC demo peers' policy: opus, ulaw, alaw; avpf=yes; encryption=yes. */
    public static PeerPolicy webRtc() {
        return new PeerPolicy(List.of("opus", "ulaw", "alaw"), true, true);
    }

    /** A plain SIP phone: ulaw, alaw; avpf=no; encryption=no. */
    public static PeerPolicy phone() {
        return new PeerPolicy(List.of("ulaw", "alaw"), false, false);
    }

    /** The policy of a configured peer. */
    public static PeerPolicy of(PeerDefaults peer) {
        return new PeerPolicy(peer.codecs(), peer.avpf(), peer.encryption());
    }

    /** The allowed codecs Callway knows for this media type, in preference order. */
    public List<Codec> codecs(String media) {
        return allow.stream().map(Codec::byName).flatMap(Optional::stream).filter(c -> c.media().equals(media))
                .distinct().toList();
    }

    /**
     * The same peer limited to the audio codecs in {@code usable}, in the peer's order, without
     * video: what to answer with when the engine itself produces the media (a prompt is encoded
     * only in Opus or G.711, and has no picture).
     */
    public PeerPolicy audioOnly(java.util.Set<Codec> usable) {
        return new PeerPolicy(codecs("audio").stream().filter(usable::contains).map(Codec::asteriskName).toList(),
                avpf, encryption);
    }

    /** Video is answered only when the peer allows a video codec ({@code allow=vp8}), as in Asterisk. */
    public boolean allowsVideo() {
        return !codecs("video").isEmpty();
    }
}
