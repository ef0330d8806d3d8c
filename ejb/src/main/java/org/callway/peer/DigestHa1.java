package org.callway.peer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** HA1 = H(username ":" realm ":" password), RFC 3261 §22.4 (MD5) and RFC 8760 §3 (SHA-256). */
public final class DigestHa1 {

    private DigestHa1() {
    }

    public static String md5(String user, String realm, String password) {
        return hash("MD5", user + ":" + realm + ":" + password);
    }

    public static String sha256(String user, String realm, String password) {
        return hash("SHA-256", user + ":" + realm + ":" + password);
    }

    static String hash(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has " + algorithm, e);
        }
    }
}
