package org.callway.registrar;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.callway.sip.message.AuthValue;

/**
 * SIP digest authentication (RFC 3261 §22, RFC 8760): challenges offer SHA-256 and MD5
 * together, always with {@code qop="auth"}. Nonces carry their own expiry and an HMAC, so any nonce we issued is
 * recognised without storing it; only the highest {@code nc} seen per nonce is kept, to refuse
 * replays (RFC 7616 §3.4.5 semantics for nonce-count).
 */
public final class DigestAuthenticator {

    /** The stored secrets of a user: HA1 per algorithm, hex (never the password). */
    public record Secrets(String ha1Md5, String ha1Sha256) {
    }

    /** What a request's credentials amount to. */
    public sealed interface Outcome {
        /** No credentials for our realm: challenge. */
        record Missing() implements Outcome {
        }

        /** Right password, but the nonce expired: challenge again with {@code stale=true}. */
        record Stale() implements Outcome {
        }

        /** Wrong password, unknown user, replay or malformed credentials: counts as a failure. */
        record Failed(String reason) implements Outcome {
        }

        record Verified(String user) implements Outcome {
        }
    }

    private static final int NONCE_BYTES = 8 + 8 + 12;

    private final String realm;
    private final Duration nonceLifetime;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final byte[] key = new byte[32];
    private final String opaque;
    private final Map<String, Long> highestNc = new ConcurrentHashMap<>();

    public DigestAuthenticator(String realm, Duration nonceLifetime, Clock clock) {
        this.realm = realm;
        this.nonceLifetime = nonceLifetime;
        this.clock = clock;
        random.nextBytes(key);
        byte[] o = new byte[12];
        random.nextBytes(o);
        this.opaque = HexFormat.of().formatHex(o);
    }

    public String realm() {
        return realm;
    }

    /**
     * WWW-Authenticate values for both algorithms, the preferred first (RFC 8760 §2.4: a client
     * takes the topmost it supports). Many phones and sipp read only the first challenge and
     * know only MD5, so the registrar puts SHA-256 first only where clients are known to cope.
     */
    public List<String> challenges(boolean stale, boolean sha256First) {
        return challenges(stale, sha256First, true);
    }

    /**
     * As above; without {@code offerSha256} only MD5 is offered: a peer imported with only an
     * MD5 HA1 (Asterisk's {@code md5secret}) cannot answer a SHA-256 challenge.
     */
    public List<String> challenges(boolean stale, boolean sha256First, boolean offerSha256) {
        String nonce = newNonce();
        String common = "realm=\"" + realm + "\", nonce=\"" + nonce + "\", opaque=\"" + opaque + "\""
                + (stale ? ", stale=true" : "") + ", qop=\"auth\"";
        String sha256 = "Digest " + common + ", algorithm=SHA-256";
        String md5 = "Digest " + common + ", algorithm=MD5";
        if (!offerSha256) {
            return List.of(md5);
        }
        return sha256First ? List.of(sha256, md5) : List.of(md5, sha256);
    }

    /**
     * Checks the credentials for our realm among {@code authorizations} (RFC 3261 §22.4: a
     * request may carry several, one per realm).
     */
    public Outcome verify(List<AuthValue> authorizations, String method, Function<String, Optional<Secrets>> secrets) {
        Optional<AuthValue> mine = authorizations.stream()
                .filter(a -> a.scheme().equalsIgnoreCase("Digest"))
                .filter(a -> a.param("realm").map(realm::equals).orElse(false))
                .findFirst();
        if (mine.isEmpty()) {
            return new Outcome.Missing();
        }
        AuthValue a = mine.get();
        Optional<String> user = a.param("username");
        Optional<String> nonce = a.param("nonce");
        Optional<String> uri = a.param("uri");
        Optional<String> response = a.param("response");
        String algorithm = a.param("algorithm").orElse("MD5");
        if (user.isEmpty() || nonce.isEmpty() || uri.isEmpty() || response.isEmpty()) {
            return new Outcome.Failed("credentials lack username, nonce, uri or response");
        }
        if (!"auth".equals(a.param("qop").orElse(null))) {
            return new Outcome.Failed("qop=auth required");
        }
        String nc = a.param("nc").orElse("");
        String cnonce = a.param("cnonce").orElse("");
        if (!nc.matches("[0-9a-fA-F]{8}") || cnonce.isEmpty()) {
            return new Outcome.Failed("nc and cnonce required with qop=auth");
        }
        Optional<String> ha1 = secrets.apply(user.get()).map(s -> switch (algorithm.toUpperCase()) {
            case "SHA-256" -> s.ha1Sha256();
            case "MD5" -> s.ha1Md5();
            default -> null;
        });
        if (ha1.isEmpty()) {
            return new Outcome.Failed("unknown user or algorithm");
        }
        String hashName = algorithm.equalsIgnoreCase("SHA-256") ? "SHA-256" : "MD5";
        String ha2 = hash(hashName, method + ":" + uri.get());
        String expected = hash(hashName, ha1.get() + ":" + nonce.get() + ":" + nc + ":" + cnonce + ":auth:" + ha2);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                response.get().toLowerCase().getBytes(StandardCharsets.US_ASCII))) {
            return new Outcome.Failed("wrong password");
        }
        NonceState state = check(nonce.get());
        if (state == NonceState.FORGED) {
            return new Outcome.Failed("nonce not issued here");
        }
        if (state == NonceState.EXPIRED) {
            return new Outcome.Stale();
        }
        long count = Long.parseLong(nc, 16);
        boolean[] replayed = {false};
        highestNc.compute(nonce.get(), (n, highest) -> {
            if (highest != null && count <= highest) {
                replayed[0] = true;
                return highest;
            }
            return count;
        });
        if (replayed[0]) {
            return new Outcome.Failed("nonce count replayed");
        }
        return new Outcome.Verified(user.get());
    }

    /** Forgets the counts of expired nonces; called from the registrar's sweep. */
    public void sweep() {
        highestNc.keySet().removeIf(n -> check(n) != NonceState.VALID);
    }

    private enum NonceState { VALID, EXPIRED, FORGED }

    private String newNonce() {
        ByteBuffer b = ByteBuffer.allocate(NONCE_BYTES);
        b.putLong(clock.millis() + nonceLifetime.toMillis());
        byte[] salt = new byte[8];
        random.nextBytes(salt);
        b.put(salt);
        b.put(mac(b.array(), 16), 0, 12);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    private NonceState check(String nonce) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return NonceState.FORGED;
        }
        if (raw.length != NONCE_BYTES) {
            return NonceState.FORGED;
        }
        byte[] tag = new byte[12];
        System.arraycopy(mac(raw, 16), 0, tag, 0, 12);
        byte[] given = new byte[12];
        System.arraycopy(raw, 16, given, 0, 12);
        if (!MessageDigest.isEqual(tag, given)) {
            return NonceState.FORGED;
        }
        return ByteBuffer.wrap(raw).getLong() < clock.millis() ? NonceState.EXPIRED : NonceState.VALID;
    }

    private byte[] mac(byte[] data, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(data, 0, length);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is in every Java platform", e);
        }
    }

    static String hash(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm)
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is in every Java platform", e);
        }
    }
}
