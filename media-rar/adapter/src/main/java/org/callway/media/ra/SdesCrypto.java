package org.callway.media.ra;

import java.util.Base64;
import org.callway.media.ra.srtp.SrtpProfile;

/**
 * One SDP a=crypto value (RFC 4568 §9.1): {@code <tag> <suite> inline:<base64 key||salt>[|...]}.
 * Suite names are RFC 4568's and RFC 7714 §12's, which are also {@link SrtpProfile}'s names.
 * Lifetime and MKI parameters are accepted and ignored (a single master key).
 */
record SdesCrypto(int tag, SrtpProfile profile, byte[] keyAndSalt) {

    /** Parses one value; null if the suite is unsupported or the line malformed (RFC 4568 §6.1: skip it). */
    static SdesCrypto parse(String value) {
        String[] f = value.trim().replaceFirst("^a=crypto:", "").split("\\s+");
        if (f.length < 3 || !f[2].startsWith("inline:")) {
            return null;
        }
        SrtpProfile profile;
        try {
            profile = SrtpProfile.valueOf(f[1]);
        } catch (IllegalArgumentException unsupported) {
            return null;
        }
        String inline = f[2].substring("inline:".length());
        int bar = inline.indexOf('|');
        try {
            byte[] keySalt = Base64.getDecoder().decode(bar < 0 ? inline : inline.substring(0, bar));
            if (keySalt.length != profile.keyLength() + profile.saltLength()) {
                return null;
            }
            return new SdesCrypto(Integer.parseInt(f[0]), profile, keySalt);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    byte[] key() {
        return java.util.Arrays.copyOf(keyAndSalt, profile.keyLength());
    }

    byte[] salt() {
        return java.util.Arrays.copyOfRange(keyAndSalt, profile.keyLength(), keyAndSalt.length);
    }

    String format() {
        return tag + " " + profile.name() + " inline:" + Base64.getEncoder().encodeToString(keyAndSalt);
    }
}
