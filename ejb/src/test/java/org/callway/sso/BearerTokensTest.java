package org.callway.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tokens checked against a provider served over real HTTP (the JDK's server on loopback): its
 * discovery document and JWK Set, keys made here, tokens signed here as a provider signs them.
 */
class BearerTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    /** Time that the test moves on. */
    private static final class MovingClock extends Clock {
        private volatile Instant now = NOW;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final MovingClock clock = new MovingClock();

    private HttpServer server;
    private String issuer;
    private final AtomicReference<String> jwks = new AtomicReference<>();
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private KeyPair key1;
    private KeyPair key2;
    private BearerTokens tokens;

    @BeforeEach
    void provider() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        key1 = rsa.generateKeyPair();
        key2 = rsa.generateKeyPair();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/callway";
        server.createContext("/realms/callway/.well-known/openid-configuration", x -> respond(x, Json.createObjectBuilder()
                .add("issuer", issuer).add("jwks_uri", issuer + "/certs").build().toString()));
        server.createContext("/realms/callway/certs", x -> {
            jwksFetches.incrementAndGet();
            respond(x, jwks.get());
        });
        server.start();
        publish(jwk("k1", key1));
        tokens = new BearerTokens(new ProviderKeys(issuer, Duration.ofSeconds(2), Duration.ofMinutes(10), clock),
                "callway", clock);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void respond(com.sun.net.httpserver.HttpExchange x, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(200, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    private void publish(JsonObjectBuilder... keys) {
        var array = Json.createArrayBuilder();
        for (JsonObjectBuilder k : keys) {
            array.add(k);
        }
        jwks.set(Json.createObjectBuilder().add("keys", array).build().toString());
    }

    private static JsonObjectBuilder jwk(String kid, KeyPair pair) {
        RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
        return Json.createObjectBuilder().add("kid", kid).add("kty", "RSA").add("use", "sig").add("alg", "RS256")
                .add("n", b64(unsigned(pub.getModulus()))).add("e", b64(unsigned(pub.getPublicExponent())));
    }

    private static byte[] unsigned(BigInteger i) {
        byte[] b = i.toByteArray();
        return b[0] == 0 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
    }

    private static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private JsonObjectBuilder claims() {
        return Json.createObjectBuilder().add("iss", issuer).add("sub", "f3c1").add("aud",
                Json.createArrayBuilder().add("account").add("callway")).add("preferred_username", "alice")
                .add("iat", NOW.getEpochSecond() - 10).add("exp", NOW.getEpochSecond() + 300);
    }

    private static String sign(String alg, String kid, KeyPair pair, JsonObjectBuilder claims) throws Exception {
        String signed = b64(Json.createObjectBuilder().add("alg", alg).add("typ", "JWT").add("kid", kid).build()
                .toString().getBytes(StandardCharsets.UTF_8)) + "."
                + b64(claims.build().toString().getBytes(StandardCharsets.UTF_8));
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(pair.getPrivate());
        s.update(signed.getBytes(StandardCharsets.US_ASCII));
        return signed + "." + b64(s.sign());
    }

    private String reason(String token) {
        return assertInstanceOf(BearerTokens.Check.Invalid.class, tokens.verify(token)).description();
    }

    @Test
    void aTokenFromTheProviderForUsIsValid() throws Exception {
        BearerTokens.Check check = tokens.verify(sign("RS256", "k1", key1, claims()));
        assertEquals("alice", assertInstanceOf(BearerTokens.Check.Valid.class, check).claims()
                .getString("preferred_username"));
        tokens.verify(sign("RS256", "k1", key1, claims()));
        assertEquals(1, jwksFetches.get(), "the keys are fetched once and cached");
    }

    @Test
    void expiredTokensAreRefused() throws Exception {
        assertEquals("The access token expired",
                reason(sign("RS256", "k1", key1, claims().add("exp", NOW.getEpochSecond()))));
        assertEquals("The access token is not valid yet",
                reason(sign("RS256", "k1", key1, claims().add("nbf", NOW.getEpochSecond() + 60))));
    }

    @Test
    void forgedTokensAreRefused() throws Exception {
        String good = sign("RS256", "k1", key1, claims());
        String otherKey = sign("RS256", "k1", key2, claims());
        assertEquals("bad signature", reason(otherKey));
        String[] parts = good.split("\\.");
        String tampered = parts[0] + "." + b64(claims().add("preferred_username", "bob").build().toString()
                .getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertEquals("bad signature", reason(tampered));
        String none = b64("{\"alg\":\"none\",\"kid\":\"k1\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";
        assertEquals("unsupported algorithm none", reason(none));
        assertEquals("not a signed JWT", reason("garbage"));
        assertEquals("not a signed JWT", reason("a.b.c"));
    }

    @Test
    void tokensForSomeoneElseOrFromAnotherIssuerAreRefused() throws Exception {
        assertEquals("not meant for callway", reason(sign("RS256", "k1", key1, claims().add("aud", "account"))));
        assertEquals("issued by http://evil.example/realms/callway, not our provider",
                reason(sign("RS256", "k1", key1, claims().add("iss", "http://evil.example/realms/callway"))));
    }

    @Test
    void aRotatedKeyIsFetchedOnceAndUnknownKeysDoNotHammerTheProvider() throws Exception {
        assertInstanceOf(BearerTokens.Check.Valid.class, tokens.verify(sign("RS256", "k1", key1, claims())));
        publish(jwk("k1", key1), jwk("k2", key2)); // the provider rotates: k2 signs from now on
        // Within the refetch gap the new key is not fetched yet...
        assertEquals("signed with a key the provider does not publish", reason(sign("RS256", "k2", key2, claims())));
        assertEquals(1, jwksFetches.get());
        // ...after it, once; the token was issued at NOW and is still within its lifetime.
        clock.now = NOW.plus(ProviderKeys.REFETCH_GAP).plusSeconds(1);
        assertInstanceOf(BearerTokens.Check.Valid.class, tokens.verify(sign("RS256", "k2", key2, claims())));
        for (int i = 0; i < 5; i++) {
            assertEquals("signed with a key the provider does not publish",
                    reason(sign("RS256", "made-up-" + i, key2, claims())));
        }
        assertEquals(2, jwksFetches.get(), "made-up key ids within the gap fetch nothing");
    }

    @Test
    void phoneTokensNameThePeerAndMakeOneOnlyForGroupMembers() throws Exception {
        java.util.List<String> made = new java.util.ArrayList<>();
        PhoneTokens phones = new PhoneTokens(tokens, "preferred_username", java.util.Optional.of("callway-phones"),
                "groups", (name, claims) -> made.add(name));
        assertEquals(new org.callway.registrar.Registrar.TokenOutcome.User("alice"),
                phones.verify(sign("RS256", "k1", key1, claims())));
        assertEquals(java.util.List.of(), made, "alice is in no group");
        assertEquals(new org.callway.registrar.Registrar.TokenOutcome.User("pat"), phones.verify(sign("RS256", "k1", key1,
                claims().add("preferred_username", "pat").add("groups", Json.createArrayBuilder().add("/callway-phones")))));
        assertEquals(java.util.List.of("pat"), made);
        assertInstanceOf(org.callway.registrar.Registrar.TokenOutcome.Refused.class,
                phones.verify(sign("RS256", "k1", key2, claims().add("groups", Json.createArrayBuilder()
                        .add("callway-phones")))), "a forged token makes nothing");
        assertEquals(java.util.List.of("pat"), made);
        assertEquals(issuer, phones.authorizationServer());
    }
}
