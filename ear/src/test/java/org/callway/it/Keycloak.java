package org.callway.it;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real Keycloak, the OIDC provider an enterprise points Callway at: the dist zip the build
 * unpacked, started in dev mode on 127.0.0.1:18080 with an in-memory database and the
 * {@code callway} realm imported from the test resources (users ada/callway-admin,
 * vic/callway-viewer, alice, pat in group callway-phones; clients callway, callway-phone,
 * callway-short). Keycloak needs Java
 * 21+, so it runs on the newest Temurin under /usr/lib/jvm, whatever the tests run on.
 */
public final class Keycloak implements AutoCloseable {

    public static final String BASE = "http://127.0.0.1:18080";
    public static final String REALM = BASE + "/realms/callway";
    public static final String CLIENT = "callway";
    public static final String CLIENT_SECRET = "callway-client-secret";

    private final HttpClient http = HttpClient.newHttpClient();
    private Process process;

    /** Starts Keycloak and waits until the realm's discovery document answers. */
    public static Keycloak start() throws IOException, InterruptedException {
        Keycloak keycloak = new Keycloak();
        keycloak.launch();
        return keycloak;
    }

    private void launch() throws IOException, InterruptedException {
        Path home = Path.of(required("keycloak.home"));
        Path imports = home.resolve("data/import");
        Files.createDirectories(imports);
        try (var realm = Keycloak.class.getResourceAsStream("/keycloak/callway-realm.json")) {
            Files.copy(realm, imports.resolve("callway-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        }
        Path log = Path.of(required("callway.work.dir"), "keycloak.log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=18080", "--hostname-strict=false", "--db=dev-mem",
                "--import-realm", "--cache=local")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", javaHome().toString());
        home.resolve("bin/kc.sh").toFile().setExecutable(true);
        process = builder.start();
        if (!Readiness.answers(process, URI.create(REALM + "/.well-known/openid-configuration"),
                Duration.ofSeconds(180), log)) {
            close();
            throw new IllegalStateException("Keycloak not ready within 180 s; see " + log);
        }
    }

    /**
     * The JDK Keycloak runs on: the newest /usr/lib/jvm/temurin-2* (21 or later), as Debian's
     * Temurin packages install it.
     */
    static Path javaHome() throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> jdks = Files.newDirectoryStream(Path.of("/usr/lib/jvm"), "temurin-2*")) {
            jdks.forEach(found::add);
        }
        return found.stream().filter(p -> Files.isExecutable(p.resolve("bin/java"))).sorted()
                .reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException("no Java 21+ JDK at /usr/lib/jvm/temurin-2* for Keycloak"));
    }

    /** The server settings that point Callway at this Keycloak (README: Single sign-on). */
    public static Map<String, String> callwaySettings() {
        return Map.of("callway.admin.auth", "OIDC",
                "callway.oidc.provider-url", REALM,
                "callway.oidc.client-id", CLIENT,
                "callway.oidc.client-secret", CLIENT_SECRET,
                "callway.sip.token-peer-group", "callway-phones");
    }

    /** An access token for a user from the token endpoint, direct grant (RFC 6749 §4.3). */
    public String accessToken(String clientId, String user, String password) throws IOException, InterruptedException {
        HttpResponse<String> response = token(clientId, user, password);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token for " + user + ": " + response.statusCode() + " " + response.body());
        }
        return ((JsonObject) jakarta.json.Json.createReader(new java.io.StringReader(response.body())).read())
                .getString("access_token");
    }

    public String accessToken(String user, String password) throws IOException, InterruptedException {
        return accessToken(CLIENT, user, password);
    }

    private HttpResponse<String> token(String clientId, String user, String password)
            throws IOException, InterruptedException {
        Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", clientId);
        if (clientId.equals(CLIENT)) {
            form.put("client_secret", CLIENT_SECRET);
        }
        form.put("username", user);
        form.put("password", password);
        form.put("scope", "openid");
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create(REALM + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        process = null;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set (run through mvn verify)");
        }
        return value;
    }
}
