package org.callway.sso;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The OIDC provider's issuer and signing keys, fetched over HTTP and cached: the discovery
 * document (OIDC Discovery 1.0 §4, {@code /.well-known/openid-configuration}) names the issuer
 * and {@code jwks_uri}; the JWK Set (RFC 7517 §5) holds the RSA keys (RFC 7518 §6.3.1: {@code n},
 * {@code e}, base64url). Fetches are synchronous on the caller's thread with a timeout; the keys
 * are fetched again when they are older than the maximum age, or when a token names a key id
 * we do not know (the provider rotated its keys, RFC 7517 §4.5) — at most once per
 * {@link #REFETCH_GAP}, so tokens with made-up key ids cannot make us hammer the provider.
 */
public final class ProviderKeys {

    static final Duration REFETCH_GAP = Duration.ofSeconds(10);

    /** What one fetch brought: the issuer, its keys by id, and when. */
    private record Snapshot(String issuer, Map<String, PublicKey> keys, Instant fetched) {
    }

    private final String provider;
    private final Duration timeout;
    private final Duration maxAge;
    private final Clock clock;
    private final HttpClient http;
    private volatile Snapshot snapshot;
    private Instant lastAttempt = Instant.MIN;

    /**
     * @param provider the issuer URL without a trailing slash, e.g. Keycloak's
     *     {@code https://sso.example.com/realms/callway}
     */
    public ProviderKeys(String provider, Duration timeout, Duration maxAge, Clock clock) {
        this.provider = provider;
        this.timeout = timeout;
        this.maxAge = maxAge;
        this.clock = clock;
        // One client for the life of the registrar: its connection pool is reused, and send()
        // runs on the calling thread; no thread is started per request.
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    public String provider() {
        return provider;
    }

    /** The issuer the provider's discovery document names, empty while the provider is unreachable. */
    public Optional<String> issuer() {
        return current(false).map(Snapshot::issuer);
    }

    /** The signing key with this id ({@code kid}), fetching the keys again if it is new to us. */
    public Optional<PublicKey> key(String kid) {
        Optional<Snapshot> s = current(false);
        if (s.isPresent() && s.get().keys().containsKey(kid)) {
            return Optional.of(s.get().keys().get(kid));
        }
        return current(true).map(Snapshot::keys).map(keys -> keys.get(kid));
    }

    private Optional<Snapshot> current(boolean unknownKey) {
        Snapshot s = snapshot;
        Instant now = clock.instant();
        boolean stale = s == null || s.fetched().plus(maxAge).isBefore(now);
        if (!stale && !unknownKey) {
            return Optional.of(s);
        }
        synchronized (this) {
            s = snapshot;
            if (s != null && s.fetched().isAfter(now.minus(REFETCH_GAP))) {
                return Optional.of(s); // another caller just fetched
            }
            if (lastAttempt.isAfter(now.minus(REFETCH_GAP))) {
                return Optional.ofNullable(s); // the provider failed a moment ago: don't retry yet
            }
            lastAttempt = now;
            try {
                snapshot = fetch();
            } catch (IOException | RuntimeException | GeneralSecurityException e) {
                java.util.logging.Logger.getLogger(ProviderKeys.class.getName())
                        .warning("OIDC provider " + provider + " keys not fetched: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.ofNullable(snapshot);
        }
    }

    private Snapshot fetch() throws IOException, InterruptedException, GeneralSecurityException {
        JsonObject discovery = getJson(provider + "/.well-known/openid-configuration");
        JsonObject jwks = getJson(discovery.getString("jwks_uri"));
        Map<String, PublicKey> keys = new HashMap<>();
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        for (JsonValue v : jwks.getJsonArray("keys")) {
            JsonObject k = v.asJsonObject();
            // Only RSA signing keys (RFC 7517 §4.2 use=sig, or no use): encryption keys never sign.
            if (!"RSA".equals(k.getString("kty", "")) || !"sig".equals(k.getString("use", "sig"))
                    || !k.containsKey("n") || !k.containsKey("e")) {
                continue;
            }
            RSAPublicKeySpec spec = new RSAPublicKeySpec(unsigned(k.getString("n")), unsigned(k.getString("e")));
            keys.put(k.getString("kid", ""), rsa.generatePublic(spec));
        }
        return new Snapshot(discovery.getString("issuer"), Map.copyOf(keys), clock.instant());
    }

    private static BigInteger unsigned(String base64url) {
        return new BigInteger(1, Base64.getUrlDecoder().decode(base64url));
    }

    private JsonObject getJson(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(url + " answered " + response.statusCode());
        }
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }
}
