package org.callway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Callway pointed at a real Keycloak (the {@code callway} realm): the admin API takes bearer
 * tokens (RFC 6750) and grants by realm role, callway-admin everything, callway-viewer GET only;
 * changes are audited under the Keycloak user; JsSIP registers with alice's token (RFC 8898).
 * One Keycloak and one Callway for the class: Keycloak's start is the slow part.
 */
class SingleSignOnIT {

    private static Keycloak keycloak;
    private static CallwayServer server;
    private static Chromium chromium;
    private final Api api = new Api();

    @BeforeAll
    static void start() throws Exception {
        keycloak = Keycloak.start();
        CallwayServer callway = CallwayServer.fresh("single-sign-on");
        Keycloak.callwaySettings().forEach(callway::systemProperty);
        server = callway.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
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

        HttpResponse<String> line = api.post("/api/dialplan",
                "{\"extension\":\"6099\",\"application\":\"echo\"}", ada);
        assertEquals(201, line.statusCode(), line.body());
        assertEquals(204, api.delete("/api/dialplan/" + Api.object(line).getJsonNumber("id"), ada).statusCode());
        List<String> dialplanChanges = Api.object(api.get("/api/audit", ada)).getJsonArray("entries")
                .getValuesAs(jakarta.json.JsonObject.class).stream()
                .filter(e -> e.getString("target").equals("default/6099"))
                .map(e -> e.getString("action") + " by " + e.getString("username")).toList();
        assertEquals(List.of("dialplan.delete by ada", "dialplan.add by ada"), dialplanChanges);
    }

    @Test
    void aUserWithoutACallwayRoleGets403() throws Exception {
        assertEquals(403, api.get("/api/peers", bearer("alice", "alice-password")).statusCode());
    }

    @Test
    void aliceRegistersWithHerKeycloakTokenAndCallsTheEchoTest() throws Exception {
        String token = keycloak.accessToken("callway-phone", "alice", "alice-password");
        chromium = Chromium.launch("single-sign-on");
        chromium.open("alice", CallwayServer.HTTP + "/");
        chromium.script("alice", "/js/jssip.min.js");
        chromium.script("alice", "/js/test-phone.js");
        assertEquals("registered", chromium.eval("alice", "testPhone.register('%s', 'alice', null, '%s')"
                .formatted(CallwayServer.WSS + "/ws", token)).toString().replace("\"", ""));
        assertTrue(api.get("/api/registrations", bearer("vic", "vic-password")).body()
                .contains("\"peer\":\"alice\""), "alice is registered");
        assertEquals("confirmed", chromium.eval("alice", "testPhone.call('600')").toString().replace("\"", ""));
        EchoCallIT.assertHearsHerEcho(chromium, "alice");
        assertEquals("ended", chromium.eval("alice", "testPhone.hangup()").toString().replace("\"", ""));
    }

    /** A REGISTER for alice over WebSocket with this Authorization header; the response. */
    private static String register(String authorization) throws Exception {
        return register("alice", authorization);
    }

    /** A REGISTER for {@code user} over WebSocket with this Authorization header; the response. */
    private static String register(String user, String authorization) throws Exception {
        try (SipClient client = new SipClient(CallwayServer.WS + "/ws")) {
            client.send("REGISTER sip:localhost SIP/2.0\r\n"
                    + "Via: SIP/2.0/WS x.invalid;branch=z9hG4bK" + System.nanoTime() + "\r\n"
                    + "From: <sip:" + user + "@localhost>;tag=1\r\nTo: <sip:" + user + "@localhost>\r\n"
                    + "Call-ID: " + System.nanoTime() + "@x.invalid\r\nCSeq: 1 REGISTER\r\n"
                    + "Contact: <sip:" + user + "@x.invalid;transport=ws>;expires=600\r\n"
                    + "Authorization: " + authorization + "\r\n"
                    + "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            String response = client.next();
            assertTrue(response != null, "no answer to REGISTER");
            return response;
        }
    }

    @Test
    void expiredOrForgedPhoneTokensGet401WithABearerChallenge() throws Exception {
        String garbage = register("Bearer garbage");
        assertTrue(garbage.startsWith("SIP/2.0 401 "), garbage);
        assertTrue(garbage.contains("WWW-Authenticate: Bearer realm=\"callway\", authz_server=\"" + Keycloak.REALM
                + "\", error=\"invalid_token\""), garbage);
        assertTrue(garbage.contains("WWW-Authenticate: Digest "), "digest stays for phones without SSO: " + garbage);

        String shortLived = keycloak.accessToken("callway-short", "alice", "alice-password");
        Thread.sleep(2_500); // callway-short's tokens live one second
        String expired = register("Bearer " + shortLived);
        assertTrue(expired.startsWith("SIP/2.0 401 "), expired);
        assertTrue(expired.contains("error_description=\"The access token expired\""), expired);

        String bobs = register("Bearer " + keycloak.accessToken("callway-phone", "vic", "vic-password"));
        assertTrue(bobs.startsWith("SIP/2.0 403 "), "vic's valid token does not register alice: " + bobs);
    }

    @Test
    void aBrowserIsSentToKeycloakToLogInAndComesBackLoggedIn() throws Exception {
        // What the console's pages get (authorization code flow, OIDC Core §3.1): a browser
        // asking for HTML is redirected to the provider's login, an API client gets 401.
        HttpResponse<String> page = api.send("GET", "/api/peers", null, null, null, "text/html");
        assertEquals(302, page.statusCode());
        String location = page.headers().firstValue("Location").orElse("");
        assertTrue(location.startsWith(Keycloak.REALM + "/protocol/openid-connect/auth?")
                && location.contains("client_id=callway") && location.contains("response_type=code"), location);

        Chromium browser = Chromium.launch("single-sign-on-login");
        try {
            browser.open("ada", CallwayServer.HTTP + "/console/");
            assertEquals("login form", browser.eval("ada", "document.getElementById('kc-form-login') ? 'login form'"
                    + " : location.href").toString().replace("\"", ""));
            browser.eval("ada", "document.getElementById('username').value = 'ada';"
                    + "document.getElementById('password').value = 'ada-password';"
                    + "setTimeout(() => document.getElementById('kc-form-login').submit(), 0); 'submitted'");
            String shown = "";
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
            while (!shown.startsWith("Callway console") && System.nanoTime() < deadline) {
                Thread.sleep(250);
                try {
                    shown = ((jakarta.json.JsonString) browser.eval("ada", "document.title + ' ' + location.href"))
                            .getString();
                } catch (RuntimeException | java.io.IOException navigating) {
                    // the page is between documents
                }
            }
            assertEquals("Callway console " + CallwayServer.HTTP + "/console/", shown, "back on the console");
            // The console's own calls to the API ride on the login (the session), no token in the page.
            String peers = ((jakarta.json.JsonString) browser.eval("ada",
                    "fetch('/api/peers').then(async r => r.status + ' ' + await r.text())")).getString();
            assertTrue(peers.startsWith("200 ") && peers.contains("\"name\":\"alice\""), peers);
        } finally {
            browser.close();
        }
    }

    @Test
    void aMemberOfThePhoneGroupGetsAPeerOnHerFirstRegister() throws Exception {
        String ada = bearer("ada", "ada-password");
        assertEquals(404, api.get("/api/peers/pat", ada).statusCode(), "pat has no peer yet");
        String token = keycloak.accessToken("callway-phone", "pat", "pat-password");
        String registered = register("pat", "Bearer " + token);
        assertTrue(registered.startsWith("SIP/2.0 200 "), registered);
        jakarta.json.JsonObject pat = Api.object(api.get("/api/peers/pat", ada));
        assertEquals(java.util.List.of("ws", "wss"), Api.strings(pat, "transports"));
        assertTrue(pat.getBoolean("avpf") && pat.getBoolean("encryption"), pat.toString());
        HttpResponse<String> audit = api.get("/api/audit", ada);
        assertTrue(Api.object(audit).getJsonArray("entries").getValuesAs(jakarta.json.JsonObject.class).stream()
                .anyMatch(e -> e.getString("target").equals("pat") && e.getString("action").equals("peer.create")
                        && e.getString("username").equals("pat")), "made by pat's token: " + audit.body());

        String notMember = register("vic", "Bearer " + keycloak.accessToken("callway-phone", "vic", "vic-password"));
        assertTrue(notMember.startsWith("SIP/2.0 403 "), "vic is not in the group: " + notMember);
        assertEquals(404, api.get("/api/peers/vic", ada).statusCode());
    }
}
