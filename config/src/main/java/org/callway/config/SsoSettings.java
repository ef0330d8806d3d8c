package org.callway.config;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Single sign-on for phones (RFC 8898): where the OIDC provider is and how a token maps to a
 * peer. The same names as the admin API's oidc.json, so one provider setting serves both;
 * each is a system property, else an environment variable, else the default.
 *
 * @param provider the issuer URL ({@code callway.oidc.provider-url}, {@code
 *     CALLWAY_OIDC_PROVIDER_URL}); empty: phones use digest only
 * @param audience the {@code aud} a phone's token must carry ({@code callway.sip.token-audience},
 *     else the client id {@code callway.oidc.client-id}, else {@code callway})
 * @param peerClaim the claim whose value is the peer's name ({@code callway.sip.token-peer-claim},
 *     default {@code preferred_username})
 * @param peerGroup the group whose members get a WebRTC peer made on their first REGISTER when
 *     none has their name ({@code callway.sip.token-peer-group}); empty: only existing peers
 * @param groupClaim the claim listing the user's groups ({@code callway.sip.token-group-claim},
 *     default {@code groups})
 * @param httpTimeout how long one fetch of the provider's metadata or keys may take
 * @param keysMaxAge how long fetched signing keys are trusted before they are fetched again
 */
public record SsoSettings(Optional<String> provider, String audience, String peerClaim,
        Optional<String> peerGroup, String groupClaim, Duration httpTimeout, Duration keysMaxAge) {

    public static SsoSettings current() {
        return resolve(name -> {
            String property = System.getProperty(name);
            if (property != null) {
                return property;
            }
            return System.getenv(name.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'));
        });
    }

    /** Resolves from a lookup by property name; the environment name is its upper-case form. */
    static SsoSettings resolve(Function<String, String> lookup) {
        Function<String, Optional<String>> value = name -> Optional.ofNullable(lookup.apply(name))
                .map(String::strip).filter(s -> !s.isEmpty());
        Optional<String> provider = value.apply("callway.oidc.provider-url").map(p -> p.replaceAll("/+$", ""));
        String audience = value.apply("callway.sip.token-audience")
                .or(() -> value.apply("callway.oidc.client-id")).orElse("callway");
        String claim = value.apply("callway.sip.token-peer-claim").orElse("preferred_username");
        return new SsoSettings(provider, audience, claim, value.apply("callway.sip.token-peer-group"),
                value.apply("callway.sip.token-group-claim").orElse("groups"), Duration.ofSeconds(5),
                Duration.ofMinutes(10));
    }
}
