package org.callway.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.callway.config.RegistrarSettings;
import org.callway.config.Transport;
import org.callway.peer.DigestHa1;
import org.callway.sip.message.AuthValue;
import org.callway.sip.message.SipResponse;
import org.callway.sip.testutil.FakeScheduler;
import org.callway.sip.testutil.RecordingSender;
import org.callway.sip.testutil.Resources;
import org.callway.sip.transport.Flow;
import org.callway.sip.transport.UdpFlow;
import org.callway.sip.transport.WebSocketFlow;
import org.callway.sip.ua.SipStack;
import org.callway.sip.ua.SipStackConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registrar through the whole stack, fed what JsSIP 3.13 really sends. */
class RegistrarTest {

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-26T12:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static final String REALM = "callway";
    private final MovableClock clock = new MovableClock();
    private final RecordingSender wire = new RecordingSender();
    private final InMemoryLocationService location = new InMemoryLocationService();
    private final Map<String, Registrar.PeerPolicy> peers = Map.of(
            "alice", peer("alice", "alice-secret", Transport.WS, Transport.WSS),
            "erin", peer("erin", "erin-secret", Transport.WSS),
            "carol", peer("carol", "carol-secret", Transport.UDP),
            "henry", new Registrar.PeerPolicy("henry", EnumSet.of(Transport.WS),
                    new DigestAuthenticator.Secrets(DigestHa1.md5("henry", REALM, "henry-secret"), null)));
    private final DigestAuthenticator digest = new DigestAuthenticator(REALM, Duration.ofMinutes(5), clock);
    private final AuthFailureLimiter limiter = new AuthFailureLimiter(3, Duration.ofMinutes(1), Duration.ofMinutes(5), clock);
    private SipStack stack;
    private int branch;

    private static Registrar.PeerPolicy peer(String name, String secret, Transport... transports) {
        return new Registrar.PeerPolicy(name, EnumSet.copyOf(List.of(transports)),
                new DigestAuthenticator.Secrets(DigestHa1.md5(name, REALM, secret), DigestHa1.sha256(name, REALM, secret)));
    }

    @BeforeEach
    void setUp() {
        stack = new SipStack(SipStackConfig.DEFAULT, new FakeScheduler());
        stack.register("REGISTER", new Registrar(location, user -> Optional.ofNullable(peers.get(user)), digest,
                limiter, RegistrarSettings.DEFAULT, clock));
    }

    private WebSocketFlow ws(String id, Transport transport) {
        return new WebSocketFlow(id, transport, new InetSocketAddress("127.0.0.1", 50000 + id.length()),
                new InetSocketAddress("127.0.0.1", 8088), wire);
    }

    /** The JsSIP fixture, for {@code user}, with a fresh branch, CSeq and optional edits. */
    private String register(String user, long cseq, String expires, String authorization) {
        String text = new String(Resources.bytes("/sip/fixtures/jssip-3.13-register.sip"), StandardCharsets.UTF_8)
                .replace("\r\n", "\n")
                .replace("alice@", user + "@")
                .replace("z9hG4bK9632310", "z9hG4bK" + (++branch) + "x")
                .replace("CSeq: 1 REGISTER", "CSeq: " + cseq + " REGISTER");
        if (expires != null) {
            text = text.replace("Expires: 600", "Expires: " + expires).replace(";expires=600", "");
        }
        if (authorization != null) {
            text = text.replace("Max-Forwards: 69\n", "Max-Forwards: 69\nAuthorization: " + authorization + "\n");
        }
        return text;
    }

    private SipResponse send(String text, Flow flow) {
        stack.receive(Resources.crlf(text), flow);
        return wire.last().response();
    }

    /** What JsSIP computes from a challenge (RFC 8760 §3 with qop=auth). */
    private static String answer(SipResponse challenge, String algorithm, String user, String password, int nc) {
        AuthValue c = challenge.headers().auth("WWW-Authenticate").stream()
                .filter(a -> a.param("algorithm").orElse("").equals(algorithm)).findFirst().orElseThrow();
        String h = algorithm.equals("SHA-256") ? "SHA-256" : "MD5";
        String nonce = c.param("nonce").orElseThrow();
        String uri = "sip:example.invalid";
        String ha1 = DigestAuthenticator.hash(h, user + ":" + REALM + ":" + password);
        String ha2 = DigestAuthenticator.hash(h, "REGISTER:" + uri);
        String ncs = String.format("%08x", nc);
        String response = DigestAuthenticator.hash(h, ha1 + ":" + nonce + ":" + ncs + ":abcdef:auth:" + ha2);
        return "Digest algorithm=" + algorithm + ", username=\"" + user + "\", realm=\"" + REALM + "\", nonce=\"" + nonce
                + "\", uri=\"" + uri + "\", response=\"" + response + "\", opaque=\"" + c.param("opaque").orElseThrow()
                + "\", qop=auth, cnonce=\"abcdef\", nc=" + ncs;
    }

    private SipResponse registerAs(String user, String password, long cseq, Flow flow) {
        SipResponse challenge = send(register(user, cseq, null, null), flow);
        assertEquals(401, challenge.status());
        return send(register(user, cseq + 1, null, answer(challenge, "SHA-256", user, password, 1)), flow);
    }

    @Test
    void challengeOffersSha256ThenMd5WithQopAuth() {
        SipResponse r = send(register("alice", 1, null, null), ws("a", Transport.WS));
        assertEquals(401, r.status());
        List<AuthValue> challenges = r.headers().auth("WWW-Authenticate");
        assertEquals(List.of("SHA-256", "MD5"), challenges.stream().map(a -> a.param("algorithm").orElse("")).toList());
        assertTrue(challenges.stream().allMatch(a -> a.param("qop").orElse("").equals("auth")
                && a.param("realm").orElse("").equals(REALM)));
    }

    @Test
    void peerWithOnlyAnMd5SecretIsChallengedWithMd5Only() {
        SipResponse r = send(register("henry", 1, null, null), ws("h", Transport.WS));
        assertEquals(List.of("MD5"), r.headers().auth("WWW-Authenticate").stream()
                .map(a -> a.param("algorithm").orElse("")).toList());
        SipResponse ok = send(register("henry", 2, null, answer(r, "MD5", "henry", "henry-secret", 1)), ws("h", Transport.WS));
        assertEquals(200, ok.status());
    }

    @Test
    void phonesOnUdpGetMd5First() {
        UdpFlow flow = new UdpFlow("u", new InetSocketAddress("127.0.0.1", 5070), new InetSocketAddress("127.0.0.1", 5060), wire);
        SipResponse r = send(register("carol", 1, null, null), flow);
        assertEquals(List.of("MD5", "SHA-256"), r.headers().auth("WWW-Authenticate").stream()
                .map(a -> a.param("algorithm").orElse("")).toList());
    }

    @Test
    void jssipRegistersWithSha256AndGetsItsContactBack() {
        WebSocketFlow flow = ws("a", Transport.WS);
        SipResponse ok = registerAs("alice", "alice-secret", 1, flow);
        assertEquals(200, ok.status());
        String contact = ok.headers().values("Contact").get(0);
        assertTrue(contact.contains("sip:8ckl94vc@d1p8cuoinqvp.invalid;transport=ws"), contact);
        assertTrue(contact.endsWith(";expires=600"), contact);
        assertTrue(ok.headers().tokens("Require").contains("outbound"));
        Binding b = location.bindings("alice").get(0);
        assertEquals(Transport.WS, b.transport());
        assertEquals("a", b.flowId());
        assertEquals(Optional.of("urn:uuid:9118b2f3-1c46-4761-82ee-851328ee59e1"), b.instance());
        assertEquals("JsSIP 3.13.8", b.userAgent());
    }

    @Test
    void md5CredentialsWorkToo() {
        WebSocketFlow flow = ws("a", Transport.WS);
        SipResponse challenge = send(register("alice", 1, null, null), flow);
        SipResponse ok = send(register("alice", 2, null, answer(challenge, "MD5", "alice", "alice-secret", 1)), flow);
        assertEquals(200, ok.status());
    }

    @Test
    void wrongPasswordIs401UntilTheLimitThen403EvenWithTheRightOne() {
        UdpFlow flow = new UdpFlow("u", new InetSocketAddress("127.0.0.1", 5070), new InetSocketAddress("127.0.0.1", 5060), wire);
        for (int i = 0; i < 2; i++) {
            SipResponse challenge = send(register("carol", 10 + 2 * i, null, null), flow);
            SipResponse wrong = send(register("carol", 11 + 2 * i, null, answer(challenge, "MD5", "carol", "guess", 1)), flow);
            assertEquals(401, wrong.status());
        }
        SipResponse challenge = send(register("carol", 20, null, null), flow);
        SipResponse third = send(register("carol", 21, null, answer(challenge, "MD5", "carol", "guess", 1)), flow);
        assertEquals(403, third.status());
        assertEquals("Too many failed authentications", third.reason());
        assertEquals(403, send(register("carol", 22, null, null), flow).status());
        assertTrue(location.bindings("carol").isEmpty());

        clock.now = clock.now.plus(Duration.ofMinutes(6)); // cool-down over
        assertEquals(200, registerAs("carol", "carol-secret", 30, flow).status());
    }

    @Test
    void transportThePeerDoesNotAllowIs403NamingIt() {
        SipResponse r = send(register("erin", 1, null, null), ws("e", Transport.WS));
        assertEquals(403, r.status());
        assertEquals("Transport WS not allowed for erin", r.reason());
        assertEquals(200, registerAs("erin", "erin-secret", 1, ws("e", Transport.WSS)).status());
    }

    @Test
    void tooBriefExpiryIs423WithMinExpires() {
        WebSocketFlow flow = ws("a", Transport.WS);
        SipResponse challenge = send(register("alice", 1, "30", null), flow);
        SipResponse r = send(register("alice", 2, "30", answer(challenge, "SHA-256", "alice", "alice-secret", 1)), flow);
        assertEquals(423, r.status());
        assertEquals(Optional.of(60L), r.headers().minExpires());
        assertTrue(location.bindings("alice").isEmpty());
    }

    @Test
    void expiresZeroRemovesAndStarRemovesAll() {
        WebSocketFlow flow = ws("a", Transport.WS);
        assertEquals(200, registerAs("alice", "alice-secret", 1, flow).status());
        SipResponse challenge = send(register("alice", 3, "0", null), flow);
        SipResponse removed = send(register("alice", 4, "0", answer(challenge, "SHA-256", "alice", "alice-secret", 1)), flow);
        assertEquals(200, removed.status());
        assertTrue(removed.headers().values("Contact").isEmpty());
        assertTrue(location.bindings("alice").isEmpty());

        assertEquals(200, registerAs("alice", "alice-secret", 5, flow).status());
        String star = register("alice", 7, "0", null).replaceAll("Contact: .*\n", "Contact: *\n");
        SipResponse c2 = send(star, flow);
        String starAuth = register("alice", 8, "0", answer(c2, "SHA-256", "alice", "alice-secret", 1))
                .replaceAll("Contact: .*\n", "Contact: *\n");
        assertEquals(200, send(starAuth, flow).status());
        assertTrue(location.bindings("alice").isEmpty());
    }

    @Test
    void sameInstanceAndRegIdFromANewConnectionReplacesTheOldFlow() {
        assertEquals(200, registerAs("alice", "alice-secret", 1, ws("first", Transport.WS)).status());
        String other = register("alice", 1, null, null).replace("hqnfai19gebpdjk9nfuqkv", "second-call-id")
                .replace("8ckl94vc@", "zz99yy88@");
        SipResponse challenge = send(other, ws("second", Transport.WS));
        String authed = register("alice", 2, null, answer(challenge, "SHA-256", "alice", "alice-secret", 1))
                .replace("hqnfai19gebpdjk9nfuqkv", "second-call-id").replace("8ckl94vc@", "zz99yy88@");
        assertEquals(200, send(authed, ws("second", Transport.WS)).status());
        List<Binding> bindings = location.bindings("alice");
        assertEquals(1, bindings.size());
        assertEquals("second", bindings.get(0).flowId());
    }

    @Test
    void outOfOrderCSeqOnTheSameCallIdIsRefused() {
        WebSocketFlow flow = ws("a", Transport.WS);
        assertEquals(200, registerAs("alice", "alice-secret", 10, flow).status()); // binding has CSeq 11
        SipResponse challenge = send(register("alice", 5, null, null), flow);
        SipResponse r = send(register("alice", 6, null, answer(challenge, "SHA-256", "alice", "alice-secret", 1)), flow);
        assertEquals(500, r.status());
        assertEquals("Out of order REGISTER", r.reason());
    }

    @Test
    void expiredNonceIsStaleAndReplayedNonceCountFails() {
        WebSocketFlow flow = ws("a", Transport.WS);
        SipResponse challenge = send(register("alice", 1, null, null), flow);
        String credentials = answer(challenge, "SHA-256", "alice", "alice-secret", 1);
        assertEquals(200, send(register("alice", 2, null, credentials), flow).status());
        SipResponse replay = send(register("alice", 3, null, credentials), flow);
        assertEquals(401, replay.status());

        clock.now = clock.now.plus(Duration.ofMinutes(6));
        SipResponse stale = send(register("alice", 4, null, answer(challenge, "SHA-256", "alice", "alice-secret", 2)), flow);
        assertEquals(401, stale.status());
        assertTrue(stale.headers().auth("WWW-Authenticate").stream()
                .allMatch(a -> a.param("stale").orElse("").equals("true")));
    }

    @Test
    void anotherUsersCredentialsCannotRegisterAnAor() {
        WebSocketFlow flow = ws("a", Transport.WS);
        SipResponse challenge = send(register("alice", 1, null, null), flow);
        String bobAsAlice = register("alice", 2, null, answer(challenge, "SHA-256", "erin", "erin-secret", 1));
        SipResponse r = send(bobAsAlice, flow);
        assertEquals(403, r.status());
        assertTrue(location.bindings("alice").isEmpty());
    }

    @Test
    void closingTheConnectionRemovesItsBindings() {
        assertEquals(200, registerAs("alice", "alice-secret", 1, ws("a", Transport.WS)).status());
        assertEquals(1, location.removeFlow("a").size());
        assertTrue(location.all().isEmpty());
        assertEquals(Set.of(), Set.copyOf(location.expire(clock.now.plusSeconds(10_000))));
    }
}
