package org.callway.config;

import java.time.Duration;
import java.util.function.Function;

/**
 * Call-level limits, from system properties ({@code callway.call.*}) or the environment.
 *
 * @param rtpTimeout an answered call whose caller or callee sent no media packet for this
 *     long, while neither had put it on hold, is hung up (Asterisk's {@code rtptimeout}, pjsip's
 *     {@code rtp_timeout}); zero: never. It is what ends a call whose BYE was lost for good.
 */
public record CallSettings(Duration rtpTimeout) {

    public static final CallSettings DEFAULT = new CallSettings(Duration.ofSeconds(60));

    public static CallSettings current() {
        return resolve(key -> {
            String v = System.getProperty(key);
            return v != null ? v : System.getenv(key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'));
        });
    }

    static CallSettings resolve(Function<String, String> properties) {
        String timeout = properties.apply("callway.call.rtp-timeout");
        return new CallSettings(timeout == null || timeout.isBlank() ? DEFAULT.rtpTimeout
                : Duration.ofSeconds(Long.parseLong(timeout.trim())));
    }
}
