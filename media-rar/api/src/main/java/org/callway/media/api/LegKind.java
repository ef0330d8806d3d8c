package org.callway.media.api;

/** What a leg speaks on the wire. */
public enum LegKind {
    /** ICE + DTLS-SRTP, rtcp-mux, UDP/TLS/RTP/SAVPF: what a browser offers. */
    WEBRTC,
    /** Plain RTP/AVP to a fixed remote address (rtcp-mux or port+1 on the same socket). */
    RTP_AVP,
    /** RTP/SAVP to a fixed remote address, keyed by SDES a=crypto (RFC 4568): AES_CM_128_HMAC_SHA1_80 or AEAD_AES_128_GCM. */
    SDES
}
