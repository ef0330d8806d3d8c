package org.callway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin API: health is public, peers are for administrators only, errors are problem details. */
class PeersApiIT {

    private static CallwayServer server;
    private final Api api = new Api();

    @BeforeAll
    static void start() throws Exception {
        server = CallwayServer.fresh("peers-api").start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void healthReportsTheMediaSocketAndDatabase() throws Exception {
        HttpResponse<String> health = api.get("/api/health", null);
        assertEquals(200, health.statusCode());
        JsonObject body = Api.object(health);
        assertEquals("UP", body.getString("status"));
        assertEquals("udp/127.0.0.1:10000", body.getJsonArray("media").getString(0));
        assertEquals(3, body.getInt("peers"));
    }

    @Test
    void peersWithoutCredentialsGet401() throws Exception {
        HttpResponse<String> response = api.get("/api/peers", null);
        assertEquals(401, response.statusCode());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        assertEquals(401, api.post("/api/peers", "{\"name\":\"mallory\",\"secret\":\"secret1\"}", null).statusCode());
    }

    @Test
    void wrongPasswordGets401() throws Exception {
        String wrong = "Basic " + java.util.Base64.getEncoder().encodeToString("admin:nope".getBytes());
        assertEquals(401, api.get("/api/peers", wrong).statusCode());
    }

    @Test
    void demoPeersAreSeededWithTheirAsteriskOptions() throws Exception {
        HttpResponse<String> response = api.get("/api/peers", Api.ADMIN);
        assertEquals(200, response.statusCode());
        List<JsonObject> peers = Api.array(response).getValuesAs(JsonObject.class);
        JsonObject alice = peers.stream().filter(p -> p.getString("name").equals("alice")).findFirst().orElseThrow();
        assertEquals("1000", alice.getString("number"));
        assertEquals(List.of("ws", "wss"), alice.getJsonArray("transports").getValuesAs(
                jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());
        assertTrue(alice.getBoolean("avpf"));
        assertTrue(alice.getBoolean("encryption"));
        assertTrue(peers.stream().anyMatch(p -> p.getString("name").equals("bob")
                && p.getString("number").equals("1001")));
        assertTrue(response.body().indexOf("secret") < 0, "the API must never show secrets: " + response.body());
    }

    @Test
    void invalidPeerGetsProblemDetailsNamingTheFields() throws Exception {
        HttpResponse<String> response = api.post("/api/peers",
                "{\"name\":\"bad name\",\"secret\":\"x\",\"transports\":[\"carrier-pigeon\"]}", Api.ADMIN);
        assertEquals(400, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        JsonObject problem = Api.object(response);
        assertEquals(400, problem.getInt("status"));
        List<String> fields = problem.getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("field")).toList();
        assertTrue(fields.containsAll(List.of("name", "secret")), fields.toString());
        assertTrue(fields.stream().anyMatch(f -> f.startsWith("transports")), fields.toString());
    }

    @Test
    void peerWithNoTransportIsRefused() throws Exception {
        HttpResponse<String> response = api.post("/api/peers",
                "{\"name\":\"nobody\",\"secret\":\"secret-1\",\"transports\":[]}", Api.ADMIN);
        assertEquals(400, response.statusCode(), response.body());
        assertEquals("transports", Api.object(response).getJsonArray("errors").getJsonObject(0).getString("field"));
    }

    @Test
    void duplicatePeerGets409() throws Exception {
        HttpResponse<String> response = api.post("/api/peers",
                "{\"name\":\"alice\",\"secret\":\"another-secret\"}", Api.ADMIN);
        assertEquals(409, response.statusCode());
        assertEquals("Peer exists", Api.object(response).getString("title"));
    }
}
