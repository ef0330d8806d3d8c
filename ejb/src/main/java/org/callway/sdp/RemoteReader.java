package org.callway.sdp;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.callway.media.api.IceCandidate;
import org.callway.media.api.LegKind;
import org.callway.media.api.RemoteParameters;
import org.callway.media.api.Setup;

/** Reads what the engine needs about the far end out of its offer or answer; shared by both directions. */
final class RemoteReader {
    /**
     * The SDES suites the engine implements with their key+salt lengths (RFC 4568 §6.2: 16+14;
     * RFC 7714 §12: 16+12).
     */
    static final Map<String, Integer> SDES_SUITES = Map.of("AES_CM_128_HMAC_SHA1_80", 30, "AEAD_AES_128_GCM", 28);
    static final String TELEPHONE_EVENT = "telephone-event";

    private RemoteReader() {
    }

    /** DTLS-keyed profiles are ICE + DTLS-SRTP legs; other secure ones are SDES; the rest plain. */
    static LegKind legKind(Profile p) {
        return p.dtls() ? LegKind.WEBRTC : p.secure() ? LegKind.SDES : LegKind.RTP_AVP;
    }

    /**
     * As {@link #legKind(Profile)}, but a secure RTP/SAVP(F) section that carries a=fingerprint and
     * no a=crypto is DTLS-SRTP: what pre-JSEP browsers offered, which JSEP answerers still accept
     * (RFC 8829 §5.1.2, §5.3.1) and Asterisk treats as DTLS.
     */
    static LegKind legKind(Profile p, SessionDescription sdp, MediaDescription m) {
        boolean legacyDtls = p.secure() && !p.dtls() && m.crypto().isEmpty() && !sdp.fingerprints(m).isEmpty();
        return legacyDtls ? LegKind.WEBRTC : legKind(p);
    }

    /**
     * ICE credentials and candidates (RFC 8839 §5), the sha-256 fingerprint and setup
     * (RFC 5763 §5). Component 2 candidates are dropped: the leg muxes RTCP (RFC 5761 §5.1.3).
     */
    static RemoteParameters webRtc(SessionDescription sdp, MediaDescription m) {
        String what = m.proto() + " " + m.media();
        String ufrag = sdp.iceUfrag(m).orElseThrow(() -> new Refusal(what + " has no a=ice-ufrag (RFC 8839 §5.4)"));
        String pwd = sdp.icePwd(m).orElseThrow(() -> new Refusal(what + " has no a=ice-pwd (RFC 8839 §5.4)"));
        Fingerprint fp = sdp.fingerprints(m).stream().filter(f -> f.algorithm().equals("sha-256")).findFirst()
                .orElseThrow(() -> new Refusal(what + " has no sha-256 a=fingerprint (RFC 5763 §5)"));
        if (!m.rtcpMux()) {
            throw new Refusal(what + " has no a=rtcp-mux; WebRTC legs mux RTCP (RFC 5761, RFC 8829 §5.1.3)");
        }
        // RFC 4145 §4: without a=setup the endpoint is active.
        Setup setup = sdp.setup(m).orElse(Setup.ACTIVE);
        List<IceCandidate> candidates = m.candidates().stream().filter(c -> c.component() == 1).toList();
        return RemoteParameters.webRtc(ufrag, pwd, candidates, fp.value(), setup);
    }

    /** Where to send plain or SDES RTP: the c= address (media level first) and the m= port. */
    static RemoteParameters rtp(SessionDescription sdp, MediaDescription m, Optional<Crypto> crypto) {
        String address = sdp.connection(m).map(Connection::host).orElseThrow();
        return RemoteParameters.sdes(address, m.port(), crypto.map(c -> List.of(c.value())).orElse(List.of()));
    }

    /**
     * The first a=crypto of an offer the engine can use (RFC 4568 §7.1.1: offer order is
     * preference; §6.1: lines it cannot use are skipped): a suite it implements, a key of that
     * suite's length, and no MKI (the engine keys a stream with one master key, without MKI fields).
     */
    static Crypto offeredCrypto(MediaDescription m) {
        return m.crypto().stream()
                .filter(c -> c.keySaltLength() == SDES_SUITES.getOrDefault(c.suite(), 0) && !c.hasMki())
                .findFirst()
                .orElseThrow(() -> new Refusal(m.proto() + " offer has no usable a=crypto: Callway takes "
                        + String.join(" or ", new java.util.TreeSet<>(SDES_SUITES.keySet()))
                        + " with an inline key and no MKI (RFC 4568)"));
    }

    /**
     * The RFC 4733 payload type to keep: the one whose clock rate matches the codec's
     * (RFC 4733 §2.1: events use the audio's clock), else the first offered.
     */
    static OptionalInt telephoneEvent(MediaDescription m, Codec codec, List<Integer> among) {
        List<RtpMap> events = m.rtpMaps().stream()
                .filter(r -> r.encoding().equalsIgnoreCase(TELEPHONE_EVENT) && among.contains(r.payloadType())).toList();
        return events.stream().filter(r -> r.clockRate() == codec.clockRate()).findFirst().or(() -> events.stream().findFirst())
                .map(r -> OptionalInt.of(r.payloadType())).orElse(OptionalInt.empty());
    }

    /** A payload type's name for messages: its rtpmap encoding, the static codec's name, or the number. */
    static String formatName(MediaDescription m, int pt) {
        return m.rtpMap(pt).map(RtpMap::encoding)
                .orElseGet(() -> Codec.of(m, pt).map(Codec::encoding).orElse(String.valueOf(pt)));
    }
}
