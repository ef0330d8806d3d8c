package org.callway.registrar;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.callway.config.RegistrarSettings;
import org.callway.config.Transport;
import org.callway.sip.message.Address;
import org.callway.sip.message.AuthValue;
import org.callway.sip.message.Contacts;
import org.callway.sip.message.Headers;
import org.callway.sip.message.SipRequest;
import org.callway.sip.message.SipResponse;
import org.callway.sip.message.SipUri;
import org.callway.sip.ua.IncomingRequest;
import org.callway.sip.ua.RequestHandler;

/**
 * The REGISTER handler (RFC 3261 §10.3), in the order a registrar must decide: source not
 * locked out, peer allowed on this transport (Asterisk's {@code transport=}), credentials
 * (digest, §22, or an OAuth bearer token, RFC 8898), the authenticated user owns the AOR, then the contacts — {@code *} removal,
 * expiry bounds (423), Call-ID/CSeq ordering, RFC 5626 instance/reg-id replacing the old flow.
 */
public final class Registrar implements RequestHandler {

    /** What the registrar needs to know about a peer. */
    public record PeerPolicy(String name, Set<Transport> transports, DigestAuthenticator.Secrets secrets) {
    }

    /** Looks peers up by SIP user name (the database, in the server). */
    @FunctionalInterface
    public interface PeerDirectory {
        Optional<PeerPolicy> find(String user);
    }

    /** The result of checking a bearer token (RFC 8898 §2.1.1). */
    public sealed interface TokenOutcome {

        /** A valid token standing for this SIP user (the peer's name). */
        record User(String name) implements TokenOutcome {
        }

        /** A token we do not accept (expired, forged, not for us), and why. */
        record Refused(String description) implements TokenOutcome {
        }
    }

    /**
     * Single sign-on for phones (RFC 8898): checks a bearer token, and names the authorization
     * server phones get tokens from, for the challenge's {@code authz_server} (§3.1).
     */
    public interface TokenAuthenticator {
        TokenOutcome verify(String token);

        String authorizationServer();
    }

    /** Thrown inside an AOR update to abort it without changing anything (§10.3 step 7). */
    private static final class Aborted extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        Aborted(int status, String reason) {
            super(reason, null, false, false);
            this.status = status;
        }
    }

    private final LocationService location;
    private final PeerDirectory peers;
    private final DigestAuthenticator digest;
    private final AuthFailureLimiter limiter;
    private final RegistrarSettings settings;
    private final Clock clock;
    private final Optional<TokenAuthenticator> tokens;

    public Registrar(LocationService location, PeerDirectory peers, DigestAuthenticator digest,
            AuthFailureLimiter limiter, RegistrarSettings settings, Clock clock) {
        this(location, peers, digest, limiter, settings, clock, Optional.empty());
    }

    /** A registrar that also takes bearer tokens when {@code tokens} is present. */
    public Registrar(LocationService location, PeerDirectory peers, DigestAuthenticator digest,
            AuthFailureLimiter limiter, RegistrarSettings settings, Clock clock, Optional<TokenAuthenticator> tokens) {
        this.tokens = tokens;
        this.location = location;
        this.peers = peers;
        this.digest = digest;
        this.limiter = limiter;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void handle(IncomingRequest in) {
        SipRequest request = in.request();
        Headers headers = request.headers();
        InetAddress source = in.flow().remote().getAddress();
        if (limiter.blocked(source)) {
            in.respond(403, "Too many failed authentications");
            return;
        }
        Optional<String> aorUser = headers.to().map(Address::uri)
                .filter(SipUri.class::isInstance).map(u -> ((SipUri) u).userDecoded()).filter(u -> !u.isEmpty());
        if (aorUser.isEmpty()) {
            in.respond(400, "To has no SIP user to register");
            return;
        }
        String aor = aorUser.get();
        Optional<PeerPolicy> peer = peers.find(aor);
        Transport transport = in.flow().transport();
        if (peer.isPresent() && !peer.get().transports().contains(transport)) {
            in.respond(403, "Transport " + transport + " not allowed for " + aor);
            return;
        }
        // SHA-256 digest only for peers that have a SHA-256 HA1 (an imported md5secret has none).
        boolean sha256 = peer.map(p -> p.secrets().ha1Sha256() != null).orElse(true);
        Optional<String> bearer = bearerToken(headers);
        if (bearer.isPresent() && tokens.isPresent()) {
            TokenOutcome checked = tokens.get().verify(bearer.get());
            // Looked up again: a valid token of a group member may just have made the peer.
            if (checked instanceof TokenOutcome.User u && u.name().equals(aor)
                    && peer.or(() -> peers.find(aor)).isPresent()) {
                register(in, aor, transport);
            } else if (checked instanceof TokenOutcome.User u) {
                in.respond(403, "User " + u.name() + " may not register " + aor);
            } else if (limiter.failed(source)) {
                in.respond(403, "Too many failed authentications");
            } else {
                challenge(in, false, transport, sha256, Optional.of(((TokenOutcome.Refused) checked).description()));
            }
            return;
        }
        // A bearer token where SSO is off is no digest credential: digest challenges it.
        // The peer was just looked up for the AOR; a second query only for credentials of another user.
        DigestAuthenticator.Outcome outcome = digest.verify(headers.auth("Authorization"), request.method(),
                user -> (user.equals(aor) ? peer : peers.find(user)).map(PeerPolicy::secrets));
        if (outcome instanceof DigestAuthenticator.Outcome.Verified v) {
            if (v.user().equals(aor)) {
                register(in, aor, transport);
            } else {
                in.respond(403, "User " + v.user() + " may not register " + aor);
            }
        } else if (outcome instanceof DigestAuthenticator.Outcome.Failed && limiter.failed(source)) {
            in.respond(403, "Too many failed authentications");
        } else {
            challenge(in, outcome instanceof DigestAuthenticator.Outcome.Stale, transport, sha256, Optional.empty());
        }
    }

    /**
     * The token of {@code Authorization: Bearer <token>} (RFC 8898 §2.1.1, RFC 6750 §2.1); the
     * scheme is case-insensitive (RFC 7235 §2.1).
     */
    private static Optional<String> bearerToken(Headers headers) {
        return headers.auth("Authorization").stream()
                .filter(a -> a.scheme().equalsIgnoreCase("Bearer") && a.token68() != null)
                .map(AuthValue::token68).findFirst();
    }

    /**
     * Browsers' SIP libraries (WS, WSS) handle SHA-256 and several challenges, so they get it
     * first; phones on UDP/TCP/TLS get MD5 first, as Asterisk offers, so that one reading only
     * the topmost challenge still registers.
     */
    private void challenge(IncomingRequest in, boolean stale, Transport transport, boolean sha256,
            Optional<String> tokenError) {
        SipResponse r = in.response(401);
        Headers h = r.headers();
        boolean browser = transport == Transport.WS || transport == Transport.WSS;
        for (String c : digest.challenges(stale, browser, sha256)) {
            h = h.with("WWW-Authenticate", c);
        }
        if (tokens.isPresent()) {
            // RFC 8898 §3.1: the Bearer challenge next to digest, after it so that a phone that
            // reads only the first challenge keeps using digest; realm, the authorization server
            // the phone gets tokens from, and for a refused token RFC 6750 §3.1's error.
            StringBuilder bearer = new StringBuilder("Bearer realm=\"").append(digest.realm())
                    .append("\", authz_server=\"").append(tokens.get().authorizationServer()).append('"');
            tokenError.ifPresent(e -> bearer.append(", error=\"invalid_token\", error_description=\"")
                    .append(e.replace("\"", "'")).append('"'));
            h = h.with("WWW-Authenticate", bearer.toString());
        }
        in.respond(r.withHeaders(h));
    }

    private void register(IncomingRequest in, String aor, Transport transport) {
        SipRequest request = in.request();
        Headers headers = request.headers();
        Optional<Contacts> contacts = headers.contacts();
        String callId = headers.callId().orElse("");
        long cseq = headers.cseq().map(c -> c.number()).orElse(0L);
        Instant now = clock.instant();
        List<Binding> result;
        try {
            if (contacts.isEmpty() || (!contacts.get().wildcard() && contacts.get().addresses().isEmpty())) {
                result = location.bindings(aor); // a query (§10.2.3)
            } else if (contacts.get().wildcard()) {
                if (headers.expires().orElse(-1L) != 0 || contacts.get().addresses().size() > 0) {
                    in.respond(400, "Contact * requires Expires: 0 and no other contact");
                    return;
                }
                result = location.update(aor, current -> {
                    for (Binding b : current) {
                        if (b.callId().equals(callId) && b.cseq() >= cseq) {
                            throw new Aborted(500, "Out of order REGISTER");
                        }
                    }
                    return List.of();
                });
            } else {
                List<Update> updates = new ArrayList<>();
                for (Address contact : contacts.get().addresses()) {
                    long expires = Contacts.expires(contact).orElse(headers.expires().orElse(settings.defaultExpires()));
                    if (expires > 0 && expires < settings.minExpires()) {
                        SipResponse tooBrief = in.response(423);
                        in.respond(tooBrief.withHeaders(tooBrief.headers()
                                .with("Min-Expires", Long.toString(settings.minExpires()))));
                        return;
                    }
                    expires = Math.min(expires, settings.maxExpires());
                    updates.add(new Update(new Binding(aor, withoutExpires(contact).toString(),
                            Contacts.instance(contact), Contacts.regId(contact).orElse(0), callId, cseq,
                            now.plusSeconds(expires), Contacts.q(contact).orElse(1.0), transport,
                            in.flow().remote(), in.flow().id(), headers.userAgent().orElse(""), in.flow()), expires));
                }
                result = location.update(aor, current -> apply(current, updates));
            }
        } catch (Aborted a) {
            in.respond(a.status, a.getMessage());
            return;
        }
        in.respond(ok(in, result, now));
    }

    /** A contact of the request with the expiry it asked for (0 removes it). */
    private record Update(Binding binding, long expires) {
    }

    /** §10.3 step 7 for each new contact against the current bindings. */
    private static List<Binding> apply(List<Binding> current, List<Update> updates) {
        List<Binding> next = new ArrayList<>(current);
        for (Update u : updates) {
            Binding n = u.binding();
            Optional<Binding> existing = next.stream()
                    .filter(b -> sameContact(b, n) || b.sameOutboundKey(n)).findFirst();
            if (existing.isPresent()) {
                Binding e = existing.get();
                if (e.callId().equals(n.callId()) && e.cseq() >= n.cseq()) {
                    throw new Aborted(500, "Out of order REGISTER");
                }
                next.remove(e);
            }
            if (u.expires() > 0) {
                next.add(n);
            }
        }
        return next;
    }

    private static Address withoutExpires(Address contact) {
        return new Address(contact.displayName(), contact.uri(), contact.params().without("expires"), true);
    }

    private static boolean sameContact(Binding a, Binding b) {
        return uriOf(a).equals(uriOf(b));
    }

    private static String uriOf(Binding b) {
        return Address.parse(b.contact()).map(a -> a.uri().toString().toLowerCase(Locale.ROOT)).orElse(b.contact());
    }

    private SipResponse ok(IncomingRequest in, List<Binding> bindings, Instant now) {
        SipResponse r = in.response(200);
        Headers h = r.headers();
        for (Binding b : bindings) {
            h = h.with("Contact", b.contact() + ";expires=" + b.secondsLeft(now));
        }
        boolean outbound = in.request().headers().tokens("Supported").contains("outbound")
                && bindings.stream().anyMatch(b -> b.regId() > 0 && b.flowId().equals(in.flow().id()));
        if (outbound) {
            h = h.with("Require", "outbound"); // RFC 5626 §6: the registrar supports outbound
        }
        return r.withHeaders(h);
    }
}
