package org.callway.config;

import java.util.Map;
import java.util.function.Function;

/**
 * Where Callway listens, resolved the way the CLI scripts' expressions resolve it:
 * system property, then environment variable, then Asterisk's default (http.conf
 * {@code bindport=8088}, {@code tlsbindport=8089}).
 */
public record ServerSettings(String bindAddress, int httpPort, int httpsPort) {

    public static ServerSettings current() {
        return resolve(System::getProperty, System.getenv());
    }

    static ServerSettings resolve(Function<String, String> properties, Map<String, String> env) {
        return new ServerSettings(
                value(properties, env, "jboss.bind.address", "CALLWAY_BIND_ADDRESS", "127.0.0.1"),
                Integer.parseInt(value(properties, env, "jboss.http.port", "CALLWAY_HTTP_PORT", "8088")),
                Integer.parseInt(value(properties, env, "jboss.https.port", "CALLWAY_HTTPS_PORT", "8089")));
    }

    private static String value(Function<String, String> properties, Map<String, String> env,
            String property, String variable, String fallback) {
        String value = properties.apply(property);
        if (value == null) {
            value = env.get(variable);
        }
        return value == null ? fallback : value;
    }

    /** The host name to print in URLs: a wildcard or loopback bind is reachable as localhost. */
    public String urlHost() {
        return switch (bindAddress) {
            case "0.0.0.0", "::", "127.0.0.1", "::1" -> "localhost";
            default -> bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
        };
    }

    public String wsUrl() {
        return "ws://" + urlHost() + ":" + httpPort + "/ws";
    }

    public String wssUrl() {
        return "wss://" + urlHost() + ":" + httpsPort + "/ws";
    }

    /** The softphone page, over HTTPS: browsers give microphones only to secure pages. */
    public String softphoneUrl() {
        return "https://" + urlHost() + ":" + httpsPort + "/phone/";
    }

    /** The admin console; HTTP Basic like the API it calls. */
    public String consoleUrl() {
        return "http://" + urlHost() + ":" + httpPort + "/console/";
    }

    public String apiUrl() {
        return "http://" + urlHost() + ":" + httpPort + "/api";
    }
}
