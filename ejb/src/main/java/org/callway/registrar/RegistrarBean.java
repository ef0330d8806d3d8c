package org.callway.registrar;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.callway.audit.Actor;
import org.callway.audit.AuditLog;
import org.callway.config.RegistrarSettings;
import org.callway.config.SsoSettings;
import org.callway.config.Transport;
import org.callway.metrics.CallwayMetrics;
import org.callway.peer.Credential;
import org.callway.peer.PeerDraft;
import org.callway.peer.PeerDirectory;
import org.callway.peer.PeerRepository;
import org.callway.peer.PeerService;
import org.callway.peer.Realm;
import org.callway.sip.ua.SipStackBean;
import org.callway.sso.BearerTokens;
import org.callway.sso.PhoneTokens;
import org.callway.sso.ProviderKeys;

/**
 * The registrar in the server: peers from the database, bindings in the {@link LocationService},
 * expiry swept once a second on the managed scheduler.
 */
@ApplicationScoped
public class RegistrarBean {

    private static final Logger LOG = Logger.getLogger(RegistrarBean.class.getName());

    @Inject
    SipStackBean sip;

    @Inject
    LocationService location;

    @Inject
    PeerRepository peers;

    @Inject
    PeerDirectory directory;

    @Inject
    Realm realm;

    @Inject
    PeerService peerService;

    @Inject
    AuditLog audit;

    @Inject
    CallwayMetrics metrics;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private DigestAuthenticator digest;
    private AuthFailureLimiter limiter;
    private ScheduledFuture<?> sweep;

    @PostConstruct
    void init() {
        RegistrarSettings settings = RegistrarSettings.current();
        Clock clock = Clock.systemUTC();
        digest = new DigestAuthenticator(realm.name(), settings.nonceLifetime(), clock);
        limiter = new AuthFailureLimiter(settings.failureLimit(), settings.failureWindow(), settings.cooldown(), clock);
        SsoSettings sso = SsoSettings.current();
        Optional<Registrar.TokenAuthenticator> tokens = sso.provider().map(provider -> new PhoneTokens(
                new BearerTokens(new ProviderKeys(provider, sso.httpTimeout(), sso.keysMaxAge(), clock),
                        sso.audience(), clock), sso.peerClaim(), sso.peerGroup(), sso.groupClaim(),
                this::provision));
        tokens.ifPresent(t -> LOG.info("phones may register with tokens from " + t.authorizationServer()
                + " (RFC 8898), peer named by claim " + sso.peerClaim()));
        sip.register("REGISTER", new Registrar(location, this::policy, digest, limiter, settings, clock, tokens));
        metrics.gauge("callway.registrations", "contacts bound in the location service",
                () -> location.all().size());
        metrics.counted("callway.auth.failures", "digest authentications that failed", limiter::failures);
        metrics.counted("callway.auth.refusals", "requests refused while their source was locked out",
                limiter::refusals);
        sweep = scheduler.scheduleAtFixedRate(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (sweep != null) {
            sweep.cancel(false);
        }
    }

    /** Forces creation at startup (CDI beans are otherwise made on first use). */
    public void install() {
        LOG.fine("registrar installed for realm " + digest.realm());
    }

    /**
     * A browser softphone's peer for a group member who has none: Asterisk's WebRTC options
     * (ws/wss, avpf, encryption, force_rport) and a random secret, since the phone signs in with
     * tokens. Audited as made by the token's user.
     */
    private void provision(String name, jakarta.json.JsonObject claims) {
        if (peers.findByName(name).isPresent()) {
            return;
        }
        byte[] random = new byte[24];
        new java.security.SecureRandom().nextBytes(random);
        PeerDraft draft = new PeerDraft(name, null,
                new Credential.Secret(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random)),
                java.util.EnumSet.of(Transport.WS, Transport.WSS), true, true, java.util.Set.of("force_rport"),
                PeerDraft.DEFAULT_CONTEXT, PeerDraft.DEFAULT_CODECS, PeerDraft.DYNAMIC);
        if (peerService.create(draft) instanceof PeerService.Saved.Ok) {
            audit.record(new Actor(claims.getString("sub", name), claims.getString("preferred_username", name), null),
                    "peer.create", name, null, jakarta.json.Json.createObjectBuilder().add("name", name)
                            .add("transports", jakarta.json.Json.createArrayBuilder().add("ws").add("wss"))
                            .add("avpf", true).add("encryption", true).add("source", "sso group").build().toString());
            LOG.info(() -> "peer " + name + " made for a member of the SSO phone group");
        }
    }

    private Optional<Registrar.PeerPolicy> policy(String user) {
        return directory.byName(user).map(p -> new Registrar.PeerPolicy(p.getName(), p.getTransports(),
                new DigestAuthenticator.Secrets(p.getHa1Md5(), p.getHa1Sha256())));
    }

    private void sweep() {
        List<Binding> expired = location.expire(Clock.systemUTC().instant());
        expired.forEach(b -> LOG.fine(() -> "binding expired: " + b.aor() + " " + b.contact()));
        digest.sweep();
        limiter.sweep();
    }

    public long authFailures() {
        return limiter.failures();
    }
}
