package org.callway.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * A re-offer that changes only the media direction (RFC 3264 §8.4, hold and resume): the last
 * SDP sent in the dialog, line for line — same codecs, a=crypto keys, ICE credentials and
 * candidates, fingerprint and setup, so no ICE restart, no new DTLS handshake, no rekeying —
 * with the direction replaced in every active media section and the o= version bumped (§8: a
 * peer seeing the same version treats the SDP as unchanged).
 */
public final class Reoffer {

    private Reoffer() {
    }

    /**
     * @param previous  the SDP this side last sent in the dialog (its offer or its answer)
     * @param direction the direction to offer in each active section
     */
    public static SessionDescription withDirection(SessionDescription previous, Direction direction) {
        List<MediaDescription> media = new ArrayList<>(previous.media().size());
        for (MediaDescription m : previous.media()) {
            // A rejected section (port 0) stays as it was: it has no direction to change (§8.2).
            media.add(m.rejected() ? m : new MediaDescription(m.media(), m.port(), m.portCount(), m.proto(),
                    m.formats(), m.fields(), replace(m.attributes(), direction)));
        }
        // The session-level direction would apply to sections without their own; each now has one.
        List<Attribute> session = previous.attributes().stream()
                .filter(a -> Direction.fromSdp(a.name()).isEmpty() || a.value() != null).toList();
        return new SessionDescription(previous.origin().next(), previous.sessionName(), previous.fields(), session, media);
    }

    /** The attributes with the direction attribute replaced in place, or appended if there was none. */
    private static List<Attribute> replace(List<Attribute> attributes, Direction direction) {
        List<Attribute> out = new ArrayList<>(attributes.size() + 1);
        boolean placed = false;
        for (Attribute a : attributes) {
            if (a.value() == null && Direction.fromSdp(a.name()).isPresent()) {
                if (!placed) {
                    out.add(direction.attribute());
                    placed = true;
                }
            } else {
                out.add(a);
            }
        }
        if (!placed) {
            out.add(direction.attribute());
        }
        return out;
    }
}
