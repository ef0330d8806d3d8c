package org.callway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Registration as users do it first: unpatched JsSIP in Chromium against ws:// and wss://, digest
 * with the demo passwords, per-peer transport policy, and what bad clients get.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistrationIT {

    private static CallwayServer server;
    private static Chromium chromium;
    private final Api api = new Api();

    @BeforeAll
    static void start() throws Exception {
        server = CallwayServer.fresh("registration").start();
        chromium = Chromium.launch("registration");
    }

    @AfterAll
    static void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        server.close();
    }

    /** Opens a page for {@code user}, registers with JsSIP, and returns what JsSIP reported. */
    private static String register(String page, String url, String user, String password) throws Exception {
        return JsSip.register(chromium, page, url, user, password);
    }

    private List<JsonObject> registrations() throws Exception {
        HttpResponse<String> r = api.get("/api/registrations", Api.ADMIN);
        assertEquals(200, r.statusCode(), r.body());
        return Api.array(r).getValuesAs(JsonObject.class);
    }

    private JsonObject registrationOf(String peer) throws Exception {
        return registrations().stream().filter(r -> r.getString("peer").equals(peer)).findFirst().orElse(null);
    }

    @Test
    @Order(1)
    void jssipRegistersOverWsAndShowsInTheApi() throws Exception {
        assertEquals("registered 200", register("alice", CallwayServer.WS + "/ws", "alice", "alice-secret"));
        JsonObject alice = registrationOf("alice");
        assertNotNull(alice, "alice is not listed");
        assertEquals("WS", alice.getString("transport"));
        assertEquals("127.0.0.1", alice.getString("sourceAddress"));
        assertTrue(alice.getString("userAgent").startsWith("JsSIP 3.13"), alice.toString());
        assertTrue(alice.getString("contact").contains("transport=ws"), alice.toString());
        long expires = alice.getJsonNumber("expiresIn").longValue();
        assertTrue(expires > 500 && expires <= 600, alice.toString());
    }

    @Test
    @Order(2)
    void jssipRegistersOverWss() throws Exception {
        assertEquals("registered 200", register("bob", CallwayServer.WSS + "/ws", "bob", "bob-secret"));
        assertEquals("WSS", registrationOf("bob").getString("transport"));
    }

    @Test
    @Order(3)
    void closingThePageRemovesTheBinding() throws Exception {
        assertNotNull(registrationOf("alice"));
        chromium.close("alice");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (registrationOf("alice") != null && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(null, registrationOf("alice"), "alice's binding outlived her connection");
        assertNotNull(registrationOf("bob"), "bob's connection is still open");
    }

    @Test
    @Order(4)
    void wrongPasswordFailsWith401() throws Exception {
        assertEquals("failed 401 Unauthorized", register("mallory", CallwayServer.WS + "/ws", "alice", "not-her-password"));
        chromium.close("mallory");
    }

    @Test
    @Order(5)
    void wssOnlyPeerOverPlainWsGets403() throws Exception {
        HttpResponse<String> created = api.post("/api/peers",
                "{\"name\":\"erin\",\"number\":\"1004\",\"secret\":\"erin-secret\",\"transports\":[\"wss\"],"
                        + "\"avpf\":true,\"encryption\":true}", Api.ADMIN);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("failed 403 Transport WS not allowed for erin",
                register("erin-ws", CallwayServer.WS + "/ws", "erin", "erin-secret"));
        assertEquals("registered 200", register("erin-wss", CallwayServer.WSS + "/ws", "erin", "erin-secret"));
    }

    @Test
    @Order(6)
    void malformedFrameGets400NamingTheFault() throws Exception {
        try (SipClient client = new SipClient(CallwayServer.WS + "/ws")) {
            client.send("REGISTER sip:localhost SIP/2.0\r\nVia: SIP/2.0/WS x.invalid;branch=z9hG4bKbad1\r\n"
                    + "From: <sip:alice@localhost>;tag=1\r\nTo: <sip:alice@localhost>\r\nCSeq: 1 REGISTER\r\n"
                    + "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            String response = client.next();
            assertNotNull(response, "no answer to a request without Call-ID");
            assertTrue(response.startsWith("SIP/2.0 400 "), response);
            assertTrue(response.lines().findFirst().orElse("").contains("Call-ID"), response);
        }
    }

    @Test
    @Order(7)
    void oversizedFrameClosesThatConnectionWith1009WhileOthersKeepRegistering() throws Exception {
        try (SipClient big = new SipClient(CallwayServer.WS + "/ws")) {
            big.sendWithoutWaiting("OPTIONS sip:localhost SIP/2.0\r\nX-Padding: " + "a".repeat(100_000) + "\r\n\r\n");
            assertEquals(1009, big.closedWith.get(10, TimeUnit.SECONDS));
        }
        assertEquals("registered 200", register("carol-page", CallwayServer.WS + "/ws", "alice", "alice-secret"));
        assertNotNull(registrationOf("bob"));
    }

    @Test
    @Order(8)
    void adminCanUnregisterAndCloseTheConnection() throws Exception {
        assertEquals(204, api.delete("/api/registrations/bob?close=true", Api.ADMIN).statusCode());
        assertEquals(null, registrationOf("bob"));
        String state = chromium.eval("bob", """
                new Promise(resolve => {
                  if (!window.ua.isConnected()) resolve('disconnected');
                  window.ua.on('disconnected', () => resolve('disconnected'));
                  setTimeout(() => resolve('still connected'), 10000);
                })""").toString().replace("\"", "");
        assertEquals("disconnected", state);
        assertEquals(404, api.delete("/api/registrations/bob", Api.ADMIN).statusCode());
        assertEquals(401, api.get("/api/registrations", null).statusCode());
    }

    @Test
    @Order(9)
    void sipJsRegistersToo() throws Exception {
        chromium.open("sipjs", CallwayServer.HTTP + "/");
        chromium.script("sipjs", "/js/sip.min.js");
        String result = chromium.eval("sipjs", """
                new Promise(async resolve => {
                  const ua = new SIP.UserAgent({ uri: SIP.UserAgent.makeURI('sip:alice@localhost'),
                      transportOptions: { server: '%s' }, authorizationUsername: 'alice',
                      authorizationPassword: 'alice-secret', userAgentString: 'SIP.js/0.21.2 Callway test' });
                  setTimeout(() => resolve('timeout'), %d);
                  await ua.start();
                  const registerer = new SIP.Registerer(ua, { expires: 300 });
                  registerer.stateChange.addListener(state => {
                    if (state === SIP.RegistererState.Registered) resolve('registered');
                  });
                  registerer.register({ requestDelegate: {
                      onReject: r => resolve('rejected ' + r.message.statusCode) } });
                })""".formatted(CallwayServer.WS + "/ws", Chromium.PAGE_TIMEOUT.toMillis())).toString().replace("\"", "");
        assertEquals("registered", result);
        assertTrue(registrations().stream().anyMatch(r -> r.getString("peer").equals("alice")
                && r.getString("userAgent").startsWith("SIP.js/0.21")), registrations().toString());
    }
}
