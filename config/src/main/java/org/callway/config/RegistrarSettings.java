package org.callway.config;

import java.time.Duration;
import java.util.function.Function;

/**
 * The registrar's limits (RFC 3261 §10.3) and its brute-force guard, resolved from system
 * properties ({@code callway.registrar.*}) with Asterisk-like defaults: sip.conf's
 * {@code minexpiry=60}, {@code maxexpiry=3600}, {@code defaultexpiry=120}.
 *
 * @param failureLimit failed authentications from one source address within
 *     {@code failureWindow} after which it gets 403 for {@code cooldown}
 */
public record RegistrarSettings(
        long minExpires,
        long maxExpires,
        long defaultExpires,
        Duration nonceLifetime,
        int failureLimit,
        Duration failureWindow,
        Duration cooldown) {

    public static final RegistrarSettings DEFAULT = new RegistrarSettings(
            60, 3600, 120, Duration.ofMinutes(5), 5, Duration.ofMinutes(1), Duration.ofMinutes(5));

    public static RegistrarSettings current() {
        return resolve(System::getProperty);
    }

    static RegistrarSettings resolve(Function<String, String> properties) {
        Function<String, Long> number = key -> {
            String v = properties.apply("callway.registrar." + key);
            return v == null ? null : Long.parseLong(v.trim());
        };
        RegistrarSettings d = DEFAULT;
        return new RegistrarSettings(
                or(number.apply("min-expires"), d.minExpires),
                or(number.apply("max-expires"), d.maxExpires),
                or(number.apply("default-expires"), d.defaultExpires),
                Duration.ofSeconds(or(number.apply("nonce-seconds"), d.nonceLifetime.toSeconds())),
                (int) (long) or(number.apply("failure-limit"), (long) d.failureLimit),
                Duration.ofSeconds(or(number.apply("failure-window-seconds"), d.failureWindow.toSeconds())),
                Duration.ofSeconds(or(number.apply("cooldown-seconds"), d.cooldown.toSeconds())));
    }

    private static long or(Long value, long fallback) {
        return value == null ? fallback : value;
    }
}
