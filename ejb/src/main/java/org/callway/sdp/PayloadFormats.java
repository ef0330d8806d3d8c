package org.callway.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.callway.media.api.PayloadFormat;

/**
 * What the media engine is told a leg agreed on ({@code MediaConnection.formats}): the payload
 * formats of the accepted sections of the SDP that closed the offer/answer exchange, audio
 * codecs first in the answer's preference order (RFC 3264 §6.1: the first is the one to send),
 * then telephone-event (RFC 4733), then video.
 */
public final class PayloadFormats {

    private PayloadFormats() {
    }

    /** The formats of an answer Callway wrote (it names only what it agreed to). */
    public static List<PayloadFormat> of(SessionDescription answer) {
        return collect(answer, Optional.empty());
    }

    /**
     * The formats of the far end's answer to our offer: only payload types we offered count
     * (RFC 3264 §6.1), named by the answer's a=rtpmap or, without one, by ours.
     */
    public static List<PayloadFormat> ofAnswer(SessionDescription answer, SessionDescription offer) {
        return collect(answer, Optional.of(offer));
    }

    private static List<PayloadFormat> collect(SessionDescription sdp, Optional<SessionDescription> offer) {
        List<PayloadFormat> codecs = new ArrayList<>();
        List<PayloadFormat> events = new ArrayList<>();
        List<PayloadFormat> video = new ArrayList<>();
        for (int i = 0; i < sdp.media().size(); i++) {
            MediaDescription m = sdp.media().get(i);
            boolean isVideo = m.media().equals("video");
            if (m.rejected() || !(isVideo || m.media().equals("audio"))) {
                continue;
            }
            int index = i;
            Optional<MediaDescription> ours = offer.filter(o -> o.media().size() > index).map(o -> o.media().get(index));
            for (int pt : m.payloadTypes()) {
                if (ours.isPresent() && !ours.get().payloadTypes().contains(pt)) {
                    continue;
                }
                Optional<PayloadFormat> f = format(m, pt, isVideo).or(() -> ours.flatMap(o -> format(o, pt, isVideo)));
                f.ifPresent(p -> (isVideo ? video : p.telephoneEvent() ? events : codecs).add(p));
            }
        }
        List<PayloadFormat> all = new ArrayList<>(codecs);
        all.addAll(events);
        all.addAll(video);
        return List.copyOf(all);
    }

    /** By a=rtpmap, or for a static payload type without one by the RFC 3551 §6 table. */
    private static Optional<PayloadFormat> format(MediaDescription m, int pt, boolean video) {
        Optional<RtpMap> map = m.rtpMap(pt);
        if (map.isPresent()) {
            RtpMap r = map.get();
            return Optional.of(new PayloadFormat(pt, r.encoding(), r.clockRate(), Math.max(1, r.channels()), video));
        }
        return Codec.of(m, pt).map(c -> new PayloadFormat(pt, c.encoding(), c.clockRate(), 1, video));
    }
}
