package org.callway.sdp;

import java.util.Optional;

/**
 * The RTP transport protocols of an m= line that Callway speaks: plain or secure (SRTP, RFC 3711),
 * with or without RTCP feedback (AVPF, RFC 4585), keyed by DTLS (RFC 5764 §8) or by SDES a=crypto
 * (RFC 4568). JSEP (RFC 8829 §5.1.2) accepts any of them in an offer.
 */
public enum Profile {
    RTP_AVP("RTP/AVP", false, false, false),
    RTP_AVPF("RTP/AVPF", false, true, false),
    RTP_SAVP("RTP/SAVP", true, false, false),
    RTP_SAVPF("RTP/SAVPF", true, true, false),
    UDP_TLS_RTP_SAVP("UDP/TLS/RTP/SAVP", true, false, true),
    UDP_TLS_RTP_SAVPF("UDP/TLS/RTP/SAVPF", true, true, true);

    private final String proto;
    private final boolean secure;
    private final boolean feedback;
    private final boolean dtls;

    Profile(String proto, boolean secure, boolean feedback, boolean dtls) {
        this.proto = proto;
        this.secure = secure;
        this.feedback = feedback;
        this.dtls = dtls;
    }

    /** The m= proto token. */
    public String proto() {
        return proto;
    }

    /** SRTP (SAVP or SAVPF). */
    public boolean secure() {
        return secure;
    }

    /** AVPF or SAVPF: RTCP feedback (RFC 4585). */
    public boolean feedback() {
        return feedback;
    }

    /** Keyed by DTLS (UDP/TLS/...); otherwise a secure profile is keyed by SDES. */
    public boolean dtls() {
        return dtls;
    }

    /** The profile for an m= proto token (case-insensitive, RFC 8866 §5.14), if Callway speaks it. */
    public static Optional<Profile> fromProto(String proto) {
        for (Profile p : values()) {
            if (p.proto.equalsIgnoreCase(proto)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
