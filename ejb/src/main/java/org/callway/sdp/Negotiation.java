package org.callway.sdp;

import java.util.List;
import org.callway.media.api.LegKind;
import org.callway.media.api.RemoteParameters;

/**
 * The outcome of reading an offer ({@link Answerer#analyse}) or the answer to our offer
 * ({@link Offerer#readAnswer}): a closed set.
 */
public sealed interface Negotiation {

    /**
     * The far end's SDP is acceptable.
     *
     * @param legKind what to allocate in the media engine
     * @param remote  what to give the engine about the far end
     * @param media   the accepted sections, audio first; sections not listed are rejected (port 0)
     */
    record Agreed(LegKind legKind, RemoteParameters remote, List<MediaPlan> media) implements Negotiation {

        public Agreed {
            media = List.copyOf(media);
        }

        /** The audio stream's plan (always present). */
        public MediaPlan audio() {
            return media.get(0);
        }

        /** The audio codec. */
        public Codec codec() {
            return audio().codec();
        }
    }

    /**
     * Not acceptable. For an offer the SIP layer answers {@code 488 Not Acceptable Here}
     * (RFC 3261 §21.4.26) with this reason (in the reason phrase or a Warning: 305 header).
     *
     * @param reason what is wrong, e.g. {@code the offer uses RTP/AVP but the peer requires AVPF (avpf=yes, RFC 4585)}
     */
    record Rejected(String reason) implements Negotiation {

        /** The status code for an offer rejected this way. */
        public int status() {
            return 488;
        }
    }
}
