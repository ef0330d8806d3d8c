package org.callway.sdp;

import java.util.Locale;
import java.util.Optional;

/**
 * The codecs a peer may allow, by their Asterisk names ({@code allow=opus,ulaw,alaw}), with what
 * SDP calls them (RFC 3551 §6, RFC 7587 §7, RFC 7741 §6.1, RFC 6184 §8.2.1).
 */
public enum Codec {
    OPUS("opus", "audio", "opus", 48000, 2, 111, "minptime=10;useinbandfec=1"),
    ULAW("ulaw", "audio", "PCMU", 8000, 0, 0, null),
    ALAW("alaw", "audio", "PCMA", 8000, 0, 8, null),
    /** RFC 3551 §4.5.2: G.722 samples at 16 kHz but its RTP clock rate is 8000. */
    G722("g722", "audio", "G722", 8000, 0, 9, null),
    VP8("vp8", "video", "VP8", 90000, 0, 96, null),
    H264("h264", "video", "H264", 90000, 0, 102,
            "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f");

    private final String asteriskName;
    private final String media;
    private final String encoding;
    private final int clockRate;
    private final int channels;
    private final int payloadType;
    private final String fmtp;

    Codec(String asteriskName, String media, String encoding, int clockRate, int channels, int payloadType,
            String fmtp) {
        this.asteriskName = asteriskName;
        this.media = media;
        this.encoding = encoding;
        this.clockRate = clockRate;
        this.channels = channels;
        this.payloadType = payloadType;
        this.fmtp = fmtp;
    }

    /** The name in a peer's {@code allow=} list. */
    public String asteriskName() {
        return asteriskName;
    }

    /** {@code audio} or {@code video}. */
    public String media() {
        return media;
    }

    /** The RTP clock rate. */
    public int clockRate() {
        return clockRate;
    }

    /** The encoding name in a=rtpmap. */
    public String encoding() {
        return encoding;
    }

    /** The payload type Callway offers it with: the static one (below 96) or the one browsers use. */
    public int payloadType() {
        return payloadType;
    }

    /** The codec an {@code allow=} name means, if Callway knows it (g729, gsm... are not). */
    public static Optional<Codec> byName(String asteriskName) {
        String n = asteriskName.trim().toLowerCase(Locale.ROOT);
        for (Codec c : values()) {
            if (c.asteriskName.equals(n)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a payload type of a media section is this codec: by its a=rtpmap, or for a
     * static payload type without one by the RFC 3551 §6 table (a sipp offer has none).
     */
    public boolean matches(MediaDescription m, int pt) {
        return m.rtpMap(pt).map(r -> r.is(encoding, clockRate))
                .orElse(payloadType < 96 && pt == payloadType && m.media().equals(media));
    }

    /** The codec a payload type of a media section is, if any Callway knows. */
    public static Optional<Codec> of(MediaDescription m, int pt) {
        for (Codec c : values()) {
            if (c.matches(m, pt)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** a=rtpmap for this codec under a payload type. */
    RtpMap rtpMap(int pt) {
        return new RtpMap(pt, encoding, clockRate, channels);
    }

    /** The format parameters Callway offers, if any. */
    Optional<Fmtp> fmtp(int pt) {
        return Optional.ofNullable(fmtp).map(f -> new Fmtp(pt, f));
    }
}
