package org.callway.sdp;

/**
 * {@code a=crypto:<tag> <crypto-suite> <key-params> [<session-params>]} (RFC 4568 §9.1), the
 * SDES keys of an RTP/SAVP(F) stream.
 *
 * @param keyParams     e.g. {@code inline:<base64 key||salt>[|lifetime][|MKI:length]}
 * @param sessionParams null when absent
 */
public record Crypto(int tag, String suite, String keyParams, String sessionParams) {

    static Crypto parse(String value) {
        String[] f = Syntax.fields(value, 3, "a=crypto needs <tag> <crypto-suite> inline:<key>");
        int tag = Syntax.integer(f[0], 0, 999_999_999, "a=crypto tag '" + f[0] + "' is not a number");
        if (!f[2].startsWith("inline:") || f[2].length() == "inline:".length()) {
            throw new IllegalArgumentException("a=crypto key parameter is not inline:<key>");
        }
        String session = f.length > 3 ? String.join(" ", java.util.Arrays.copyOfRange(f, 3, f.length)) : null;
        return new Crypto(tag, f[1], f[2], session);
    }

    /** The master key and salt's length in bytes once decoded, or -1 if not base64 (RFC 4568 §9.2). */
    public int keySaltLength() {
        String inline = keyParams.substring("inline:".length());
        int bar = inline.indexOf('|');
        try {
            return java.util.Base64.getDecoder().decode(bar < 0 ? inline : inline.substring(0, bar)).length;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    /** Whether the key carries an MKI ({@code |<value>:<length>}, RFC 4568 §9.2), which puts an MKI field in every packet. */
    public boolean hasMki() {
        String inline = keyParams.substring("inline:".length());
        int bar = inline.indexOf('|');
        return bar >= 0 && inline.substring(bar).contains(":");
    }

    /** The attribute value, as the engine's {@code LocalParameters}/{@code RemoteParameters} carry it. */
    public String value() {
        return tag + " " + suite + " " + keyParams + (sessionParams == null ? "" : " " + sessionParams);
    }

    /** The same keys under another tag (RFC 4568 §6.1: the answer uses the tag it accepts). */
    public Crypto withTag(int newTag) {
        return new Crypto(newTag, suite, keyParams, sessionParams);
    }
}
