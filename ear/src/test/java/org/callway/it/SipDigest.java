package org.callway.it;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a SIP client computes from an MD5 challenge (RFC 3261 §22.4, qop=auth), for test clients. */
public final class SipDigest {

    private static final Pattern MD5_NONCE = Pattern.compile("nonce=\"([^\"]+)\"[^\\r\\n]*algorithm=MD5");

    private SipDigest() {
    }

    /** The Authorization value answering the MD5 challenge in {@code response}. */
    public static String authorization(String response, String method, String uri, String user, String password,
            long nc) {
        Matcher m = MD5_NONCE.matcher(response);
        if (!m.find()) {
            throw new IllegalStateException("no MD5 challenge in " + response);
        }
        String nonce = m.group(1);
        String ncs = String.format("%08x", nc);
        String ha1 = md5(user + ":callway:" + password);
        String ha2 = md5(method + ":" + uri);
        String digest = md5(ha1 + ":" + nonce + ":" + ncs + ":testcnonce:auth:" + ha2);
        return "Digest username=\"" + user + "\", realm=\"callway\", nonce=\"" + nonce + "\", uri=\"" + uri + "\","
                + " response=\"" + digest + "\", algorithm=MD5, qop=auth, nc=" + ncs + ", cnonce=\"testcnonce\"";
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
