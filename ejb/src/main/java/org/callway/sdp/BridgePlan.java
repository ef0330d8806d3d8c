package org.callway.sdp;

import java.util.List;
import java.util.Set;

/**
 * How Dial bridges a caller's audio to a callee, decided before the callee is offered anything:
 * relay when a codec suits both (no transcoding, no loss), else transcode between codecs the
 * engine converts (Opus and G.711, as Asterisk converts between {@code allow=} lists), else
 * refuse. A closed set.
 */
public sealed interface BridgePlan {

    /** The codecs the engine transcodes between. */
    Set<Codec> TRANSCODABLE = Set.of(Codec.OPUS, Codec.ULAW, Codec.ALAW);

    /**
     * Both ends can speak one codec: offer the callee {@code offered} (in the caller's order) and
     * answer the caller with the one the callee picks; the engine relays packets untouched.
     */
    record Relay(List<String> offered) implements BridgePlan {
        public Relay {
            offered = List.copyOf(offered);
        }
    }

    /**
     * No common codec: answer the caller with the first of {@code callerCodecs} (which it offered
     * and its peer allows), offer the callee {@code calleeCodecs} (its peer's transcodable codecs,
     * in its order); the legs' first audio formats then differ and the engine transcodes.
     */
    record Transcode(List<String> callerCodecs, List<String> calleeCodecs) implements BridgePlan {
        public Transcode {
            callerCodecs = List.copyOf(callerCodecs);
            calleeCodecs = List.copyOf(calleeCodecs);
        }
    }

    /** Neither relay nor transcoding can work: the caller gets 488 with this reason. */
    record Impossible(String reason) implements BridgePlan { }

    /**
     * Decides for a caller's offer (already accepted by the caller's policy).
     *
     * @param callerAllows the caller's peer {@code allow=} list, in preference order
     * @param calleeAllows the callee's peer {@code allow=} list, in preference order
     */
    static BridgePlan decide(SessionDescription offer, List<String> callerAllows, List<String> calleeAllows,
            String callerName, String calleeName) {
        List<Codec> offered = offeredAudio(offer, callerAllows);
        List<Codec> callee = new PeerPolicy(calleeAllows, false, false).codecs("audio");
        List<String> common = offered.stream().filter(callee::contains).map(Codec::asteriskName).toList();
        if (!common.isEmpty()) {
            return new Relay(common);
        }
        List<String> callerSide = offered.stream().filter(TRANSCODABLE::contains).map(Codec::asteriskName).toList();
        List<String> calleeSide = callee.stream().filter(TRANSCODABLE::contains).map(Codec::asteriskName).toList();
        if (!callerSide.isEmpty() && !calleeSide.isEmpty()) {
            return new Transcode(callerSide, calleeSide);
        }
        return new Impossible("no common codec between " + callerName + " and " + calleeName
                + " and none to transcode (offered " + names(offered) + "; " + calleeName + " allows " + names(callee) + ")");
    }

    /** The audio codecs the caller's peer allows that its offer's first audio section has, in the peer's order. */
    private static List<Codec> offeredAudio(SessionDescription offer, List<String> callerAllows) {
        MediaDescription audio = offer.media().stream().filter(m -> m.media().equals("audio") && !m.rejected())
                .findFirst().orElse(null);
        if (audio == null) {
            return List.of();
        }
        return new PeerPolicy(callerAllows, false, false).codecs("audio").stream()
                .filter(c -> audio.payloadTypes().stream().anyMatch(pt -> c.matches(audio, pt))).toList();
    }

    private static String names(List<Codec> codecs) {
        return codecs.isEmpty() ? "none" : String.join(", ", codecs.stream().map(Codec::asteriskName).toList());
    }
}
