package org.callway.sdp;

import org.callway.media.api.IceCandidate;
import org.callway.media.api.Setup;

/**
 * Checks the syntax of the attributes Callway reads, once, at parse time, so that the typed
 * accessors never meet a malformed value. Unknown attributes pass (RFC 8866 §5.13: ignored).
 */
final class AttributeCheck {
    private AttributeCheck() {
    }

    /**
     * @param rtp whether the enclosing m= line carries RTP (payload-type keyed attributes apply)
     * @return null if well-formed, else what is wrong
     */
    static String fault(Attribute a, boolean rtp) {
        if (a.name().isEmpty()) {
            return "a= has no attribute name";
        }
        try {
            check(a, rtp);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static void check(Attribute a, boolean rtp) {
        switch (a.name()) {
            case "rtpmap" -> {
                if (rtp) {
                    RtpMap.parse(needsValue(a));
                }
            }
            case "fmtp" -> {
                if (rtp) {
                    Fmtp.parse(needsValue(a));
                }
            }
            case "rtcp-fb" -> RtcpFb.parse(needsValue(a));
            case "extmap" -> Extmap.parse(needsValue(a));
            case "fingerprint" -> Fingerprint.parse(needsValue(a));
            case "crypto" -> Crypto.parse(needsValue(a));
            case "ssrc" -> Ssrc.parse(needsValue(a));
            case "msid" -> Msid.parse(needsValue(a));
            case "group" -> Group.parse(needsValue(a));
            case "candidate" -> candidate(needsValue(a));
            case "setup" -> setup(needsValue(a));
            case "mid", "ice-ufrag", "ice-pwd", "ice-options" -> Syntax.fields(a.value(), 1, "a=" + a.name() + " needs a value");
            case "rtcp" -> Syntax.integer(Syntax.fields(needsValue(a), 1, "")[0], 0, 65535, "a=rtcp port is not a number");
            default -> {
                // not read by Callway: kept verbatim
            }
        }
    }

    private static String needsValue(Attribute a) {
        if (a.value() == null || a.value().isBlank()) {
            throw new IllegalArgumentException("a=" + a.name() + " needs a value");
        }
        return a.value();
    }

    private static void candidate(String v) {
        try {
            IceCandidate.parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "a=candidate needs <foundation> <component> <transport> <priority> <address> <port> typ <type>");
        }
    }

    private static void setup(String v) {
        try {
            Setup.fromSdp(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a=setup '" + v.trim() + "' is not actpass, active or passive");
        }
    }
}
