package org.callway.media.ra.srtp;

import org.jitsi.srtp.SrtpPolicy;

/**
 * The DTLS-SRTP protection profiles Callway negotiates (RFC 5764 §4.1.2, RFC 7714 §14.2),
 * with the key and salt lengths that size the exported keying material (RFC 5764 §4.2).
 */
public enum SrtpProfile {
    /** 0x0001: AES-128 counter mode, HMAC-SHA1 80-bit tag. */
    AES_CM_128_HMAC_SHA1_80(0x0001, 16, 14),
    /** 0x0007: AES-128 GCM, 16-byte tag, 12-byte salt (RFC 7714 §12). */
    AEAD_AES_128_GCM(0x0007, 16, 12);

    private final int dtlsId;
    private final int keyLength;
    private final int saltLength;

    SrtpProfile(int dtlsId, int keyLength, int saltLength) {
        this.dtlsId = dtlsId;
        this.keyLength = keyLength;
        this.saltLength = saltLength;
    }

    /** The SRTPProtectionProfile value in use_srtp. */
    public int dtlsId() {
        return dtlsId;
    }

    public int keyLength() {
        return keyLength;
    }

    public int saltLength() {
        return saltLength;
    }

    public static SrtpProfile ofDtlsId(int id) {
        for (SrtpProfile p : values()) {
            if (p.dtlsId == id) {
                return p;
            }
        }
        throw new IllegalArgumentException("unsupported SRTP profile " + id);
    }

    /** The same policy serves SRTP and SRTCP: both profiles use the same tag length for each. */
    SrtpPolicy policy() {
        return switch (this) {
            case AES_CM_128_HMAC_SHA1_80 -> new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, keyLength,
                    SrtpPolicy.HMACSHA1_AUTHENTICATION, 20, 10, saltLength);
            case AEAD_AES_128_GCM -> new SrtpPolicy(SrtpPolicy.AESGCM_ENCRYPTION, keyLength,
                    SrtpPolicy.NULL_AUTHENTICATION, 0, 16, saltLength);
        };
    }
}
