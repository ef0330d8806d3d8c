package org.callway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Callway pointed at a real Keycloak (the {@code callway} realm): the admin API takes bearer
 * tokens (RFC 6750) and grants by realm role, callway-admin everything, callway-viewer GET only.
 * One Keycloak and one Callway for the class: Keycloak's start is the slow part.
 */
class SingleSignOnIT {

    private static Keycloak keycloak;
    private static CallwayServer server;
    private final Api api = new Api();

    @BeforeAll
    static void start() throws Exception {
        keycloak = Keycloak.start();
        server = CallwayServer.fresh("single-sign-on").with(Keycloak.callwaySettings()).start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    private static String bearer(String user, String password) throws Exception {
        return "Bearer " + keycloak.accessToken(user, password);
    }

    @Test
    void withoutATokenTheApiAnswers401WithABearerChallenge() throws Exception {
        HttpResponse<String> response = api.get("/api/peers", null);
        assertEquals(401, response.statusCode());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"),
                response.headers().map().toString());
        assertEquals(401, api.post("/api/peers", "{\"name\":\"mallory\",\"secret\":\"secret1\"}", null).statusCode());
    }

    @Test
    void garbageAndExpiredTokensGet401() throws Exception {
        assertEquals(401, api.get("/api/peers", "Bearer not.a.token").statusCode());
        String shortLived = "Bearer " + keycloak.accessToken("callway-short", "ada", "ada-password");
        Thread.sleep(2_500); // the callway-short client's tokens live one second
        assertEquals(401, api.get("/api/peers", shortLived).statusCode());
    }

    @Test
    void theLocalAdminIsNotAcceptedOnceSsoIsOn() throws Exception {
        assertEquals(401, api.get("/api/peers", Api.ADMIN).statusCode());
    }

    @Test
    void aViewerReadsButCannotChange() throws Exception {
        String vic = bearer("vic", "vic-password");
        assertEquals(200, api.get("/api/peers", vic).statusCode());
        assertEquals(200, api.get("/api/peers/alice", vic).statusCode());
        assertEquals(403, api.post("/api/peers", "{\"name\":\"victor\",\"secret\":\"victor-secret\"}", vic)
                .statusCode());
        assertEquals(403, api.delete("/api/peers/bob", vic).statusCode());
        assertEquals(200, api.get("/api/peers/bob", vic).statusCode(), "bob is still there");
    }

    @Test
    void anAdministratorChangesPeers() throws Exception {
        String ada = bearer("ada", "ada-password");
        HttpResponse<String> created = api.post("/api/peers",
                "{\"name\":\"dave\",\"number\":\"1003\",\"secret\":\"dave-secret\",\"transports\":[\"wss\"]}", ada);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("1003", Api.object(api.get("/api/peers/dave", ada)).getString("number"));
        assertEquals(204, api.delete("/api/peers/dave", ada).statusCode());

        HttpResponse<String> audit = api.get("/api/audit", ada);
        assertEquals(200, audit.statusCode(), audit.body());
        jakarta.json.JsonObject logged = Api.object(audit).getJsonArray("entries")
                .getValuesAs(jakarta.json.JsonObject.class).stream()
                .filter(e -> e.getString("target").equals("dave") && e.getString("action").equals("peer.create"))
                .findFirst().orElseThrow(() -> new AssertionError(audit.body()));
        assertEquals("ada", logged.getString("username"), "the Keycloak user who made the change");
        assertTrue(logged.getString("subject").matches("[0-9a-f-]{36}"), "Keycloak's sub, a UUID: " + logged);
        assertEquals("1003", logged.getJsonObject("after").getString("number"));
        assertEquals(403, api.get("/api/audit", bearer("vic", "vic-password")).statusCode(),
                "the audit log is for administrators");
    }

    @Test
    void aUserWithoutACallwayRoleGets403() throws Exception {
        assertEquals(403, api.get("/api/peers", bearer("alice", "alice-password")).statusCode());
    }
}
