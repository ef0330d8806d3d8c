package org.callway.sso;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies an OAuth 2.0 access token that is a signed JWT (RFC 9068 profile, RFC 7519) the way a
 * resource server must before trusting it (RFC 9068 §4): the JWS signature (RFC 7515 §5.2) with
 * one of the provider's keys, RS256/384/512 only (RFC 7518 §3.3 — never {@code none}, never an
 * HMAC: a public key is not a shared secret); {@code iss} is the provider's issuer; {@code aud}
 * contains our audience; {@code exp} is in the future and {@code nbf}, if present, not (no
 * leeway: the provider and Callway are expected to keep NTP time). The claims are read with
 * JSON-P; the crypto is the JDK's.
 */
public final class BearerTokens {

    /** The outcome of a check. */
    public sealed interface Check {

        /** A valid token; {@code claims} its payload. */
        record Valid(JsonObject claims) implements Check {
        }

        /**
         * An unusable token, with RFC 6750 §3.1's {@code error} ({@code invalid_token}) and a
         * description for the {@code error_description} a client may show.
         */
        record Invalid(String description) implements Check {
        }
    }

    private static final Map<String, String> ALGORITHMS = Map.of(
            "RS256", "SHA256withRSA", "RS384", "SHA384withRSA", "RS512", "SHA512withRSA");

    private final ProviderKeys keys;
    private final String audience;
    private final Clock clock;

    public BearerTokens(ProviderKeys keys, String audience, Clock clock) {
        this.keys = keys;
        this.audience = audience;
        this.clock = clock;
    }

    public ProviderKeys provider() {
        return keys;
    }

    public Check verify(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return new Check.Invalid("not a signed JWT");
        }
        JsonObject header;
        JsonObject claims;
        byte[] signature;
        try {
            header = json(parts[0]);
            claims = json(parts[1]);
            signature = Base64.getUrlDecoder().decode(parts[2]);
        } catch (RuntimeException malformed) {
            return new Check.Invalid("not a signed JWT");
        }
        String algorithm = ALGORITHMS.get(header.getString("alg", ""));
        if (algorithm == null) {
            return new Check.Invalid("unsupported algorithm " + header.getString("alg", "(none)"));
        }
        Optional<PublicKey> key = keys.key(header.getString("kid", ""));
        if (key.isEmpty()) {
            return new Check.Invalid("signed with a key the provider does not publish");
        }
        if (!signatureValid(algorithm, key.get(), (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII),
                signature)) {
            return new Check.Invalid("bad signature");
        }
        Optional<String> issuer = keys.issuer();
        if (issuer.isEmpty() || !issuer.get().equals(claims.getString("iss", null))) {
            return new Check.Invalid("issued by " + claims.getString("iss", "nobody") + ", not our provider");
        }
        if (!audienceContains(claims.get("aud"))) {
            return new Check.Invalid("not meant for " + audience);
        }
        long now = clock.instant().getEpochSecond();
        Optional<Long> exp = seconds(claims, "exp");
        if (exp.isEmpty() || now >= exp.get()) {
            return new Check.Invalid("The access token expired");
        }
        if (seconds(claims, "nbf").filter(nbf -> now < nbf).isPresent()) {
            return new Check.Invalid("The access token is not valid yet");
        }
        return new Check.Valid(claims);
    }

    private static boolean signatureValid(String algorithm, PublicKey key, byte[] signed, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(key);
            verifier.update(signed);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** RFC 7519 §4.1.3: {@code aud} is one string or an array of them. */
    private boolean audienceContains(JsonValue aud) {
        if (aud instanceof JsonString s) {
            return s.getString().equals(audience);
        }
        if (aud instanceof JsonArray a) {
            return a.stream().anyMatch(v -> v instanceof JsonString s && s.getString().equals(audience));
        }
        return false;
    }

    private static Optional<Long> seconds(JsonObject claims, String name) {
        return claims.get(name) instanceof JsonNumber n ? Optional.of(n.longValue()) : Optional.empty();
    }

    private static JsonObject json(String base64url) {
        try (JsonReader reader = Json.createReader(new StringReader(
                new String(Base64.getUrlDecoder().decode(base64url), StandardCharsets.UTF_8)))) {
            return reader.readObject();
        }
    }
}
