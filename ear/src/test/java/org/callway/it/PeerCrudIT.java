package org.callway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Replacing and deleting peers over the admin API, checked the way a user notices: what GET
 * shows, and whether JsSIP can register with the password afterwards.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PeerCrudIT {

    @RegisterExtension
    static final ServerAndBrowser callway = new ServerAndBrowser("peer-crud");
    private final Api api = new Api();

    private static List<String> fields(HttpResponse<String> problem) {
        return Api.object(problem).getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("field")).toList();
    }

    private static void assertProblem(int status, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals(status, Api.object(response).getInt("status"));
    }

    @Test
    @Order(1)
    void putReplacesEveryOptionAndTheNewSecretRegisters() throws Exception {
        HttpResponse<String> created = api.post("/api/peers",
                "{\"name\":\"frank\",\"number\":\"1010\",\"secret\":\"frank-old-secret\",\"transports\":[\"udp\"],"
                        + "\"context\":\"office\",\"codecs\":[\"g722\"]}", Api.ADMIN);
        assertEquals(201, created.statusCode(), created.body());

        HttpResponse<String> put = api.put("/api/peers/frank",
                "{\"number\":\"1011\",\"secret\":\"frank-new-secret\",\"transports\":[\"ws\",\"wss\"],\"avpf\":true,"
                        + "\"encryption\":true,\"nat\":[\"yes\"],\"codecs\":[\"opus\",\"ulaw\"]}", Api.ADMIN);
        assertEquals(200, put.statusCode(), put.body());
        JsonObject frank = Api.object(api.get("/api/peers/frank", Api.ADMIN));
        assertEquals("1011", frank.getString("number"));
        assertEquals(List.of("ws", "wss"), Api.strings(frank, "transports"));
        assertTrue(frank.getBoolean("avpf"));
        assertTrue(frank.getBoolean("encryption"));
        assertEquals(List.of("force_rport", "comedia"), Api.strings(frank, "nat"), "nat=yes as Asterisk means it");
        assertEquals("default", frank.getString("context"), "a full update: the left-out context is the default");
        assertEquals(List.of("opus", "ulaw"), Api.strings(frank, "codecs"));
        assertEquals(Api.object(put), frank, "PUT answers with the peer as GET shows it");

        assertEquals("failed 401 Unauthorized",
                callway.register("old", CallwayServer.WS + "/ws", "frank", "frank-old-secret"));
        callway.chromium().close("old");
        assertEquals("registered 200",
                callway.register("new", CallwayServer.WS + "/ws", "frank", "frank-new-secret"));
    }

    @Test
    @Order(2)
    void putWithoutSecretKeepsIt() throws Exception {
        HttpResponse<String> put = api.put("/api/peers/frank",
                "{\"name\":\"frank\",\"number\":\"1011\",\"transports\":[\"wss\"],\"avpf\":true,\"encryption\":true,"
                        + "\"context\":\"sales\"}", Api.ADMIN);
        assertEquals(200, put.statusCode(), put.body());
        assertEquals("sales", Api.object(put).getString("context"));
        assertEquals("registered 200",
                callway.register("kept", CallwayServer.WSS + "/ws", "frank", "frank-new-secret"));
    }

    @Test
    @Order(3)
    void invalidUpdatesGetProblemDetailsNamingTheFields() throws Exception {
        HttpResponse<String> bad = api.put("/api/peers/frank",
                "{\"number\":\"ten\",\"secret\":\"x\",\"transports\":[\"sctp\"],\"host\":\"no spaces allowed\"}",
                Api.ADMIN);
        assertProblem(400, bad);
        assertEquals(List.of("host", "number", "secret", "transports[0]"), fields(bad));

        HttpResponse<String> rename = api.put("/api/peers/frank", "{\"name\":\"francis\"}", Api.ADMIN);
        assertProblem(400, rename);
        assertEquals(List.of("name"), fields(rename));
        assertEquals("sales", Api.object(api.get("/api/peers/frank", Api.ADMIN)).getString("context"),
                "a refused update changes nothing");
    }

    @Test
    @Order(4)
    void takingAnotherPeersNumberIs409() throws Exception {
        HttpResponse<String> conflict = api.put("/api/peers/frank", "{\"number\":\"1000\"}", Api.ADMIN);
        assertProblem(409, conflict);
        assertEquals("extension 1000 is taken by alice", Api.object(conflict).getString("detail"));
    }

    @Test
    @Order(5)
    void updatingOrDeletingAMissingPeerIs404() throws Exception {
        assertProblem(404, api.put("/api/peers/nobody", "{\"secret\":\"nobody-secret\"}", Api.ADMIN));
        assertProblem(404, api.delete("/api/peers/nobody", Api.ADMIN));
        assertEquals(401, api.put("/api/peers/frank", "{}", null).statusCode());
        assertEquals(401, api.delete("/api/peers/frank", null).statusCode());
    }

    @Test
    @Order(6)
    void deleteRemovesThePeerAndItsRegistration() throws Exception {
        assertTrue(api.get("/api/registrations", Api.ADMIN).body().contains("\"peer\":\"frank\""));
        HttpResponse<String> deleted = api.delete("/api/peers/frank", Api.ADMIN);
        assertEquals(204, deleted.statusCode(), deleted.body());
        assertProblem(404, api.get("/api/peers/frank", Api.ADMIN));
        assertProblem(404, api.delete("/api/peers/frank", Api.ADMIN));
        assertTrue(!api.get("/api/registrations", Api.ADMIN).body().contains("\"peer\":\"frank\""),
                "a deleted peer is not registered any more");
        assertEquals("failed 401 Unauthorized",
                callway.register("gone", CallwayServer.WS + "/ws", "frank", "frank-new-secret"));
    }

    @Test
    @Order(7)
    void theAuditLogNamesTheLocalAdminAndShowsEachChangeBeforeAndAfter() throws Exception {
        HttpResponse<String> response = api.get("/api/audit?limit=10", Api.ADMIN);
        assertEquals(200, response.statusCode(), response.body());
        List<JsonObject> entries = Api.object(response).getJsonArray("entries").getValuesAs(JsonObject.class);
        List<String> actions = entries.stream().filter(e -> e.getString("target").equals("frank"))
                .map(e -> e.getString("action")).toList();
        assertEquals(List.of("peer.delete", "peer.update", "peer.update", "peer.create"), actions,
                "newest first; refused changes (404, 409, 400) are not changes");
        JsonObject delete = entries.get(0);
        assertEquals("admin", delete.getString("username"));
        assertEquals("admin", delete.getString("subject"));
        assertEquals("127.0.0.1", delete.getString("address"));
        assertEquals("1011", delete.getJsonObject("before").getString("number"));
        assertTrue(delete.isNull("after"));
        JsonObject update = entries.stream().filter(e -> e.getString("action").equals("peer.update"))
                .reduce((newer, older) -> older).orElseThrow();
        assertEquals("1010", update.getJsonObject("before").getString("number"));
        assertEquals("1011", update.getJsonObject("after").getString("number"));
        assertTrue(!response.body().contains("secret"), "the log never holds a password: " + response.body());
    }
}
