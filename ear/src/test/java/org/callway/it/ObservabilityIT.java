package org.callway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What an operator's probes and scrapers see: readiness on the management interface with
 * Callway's own check, Prometheus metrics that move when clients fail to authenticate or send
 * garbage, and the OpenAPI description of /api.
 */
class ObservabilityIT {

    @RegisterExtension
    static final ServerAndBrowser callway = new ServerAndBrowser("observability");

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readinessIsUpWithCallwaysMediaAndDatabaseCheck() throws Exception {
        HttpResponse<String> ready = get("http://127.0.0.1:9990/health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        JsonObject body = Json.createReader(new StringReader(ready.body())).readObject();
        assertEquals("UP", body.getString("status"), ready.body());
        JsonObject callwayCheck = body.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("callway")).findFirst()
                .orElseThrow(() -> new AssertionError("no callway check in " + ready.body()));
        assertEquals("UP", callwayCheck.getString("status"));
        assertTrue(callwayCheck.getJsonObject("data").getString("media").equals("udp/127.0.0.1:10000"), ready.body());
        assertEquals("UP", callwayCheck.getJsonObject("data").getString("database"), ready.body());
    }

    @Test
    void authAndParseFailuresAreCounted() throws Exception {
        Metrics before = Metrics.scrape();
        assertTrue(before.has("callway_registrations"), "Callway's gauges are exported:\n" + before.text);
        assertTrue(before.has("callway_media_legs"), "the media engine's legs are exported:\n" + before.text);
        assertEquals(0, before.value("callway_media_legs"), "no call, no leg");

        assertEquals("failed 401 Unauthorized",
                callway.register("mallory", CallwayServer.WS + "/ws", "alice", "not-her-password"));
        try (SipClient client = new SipClient(CallwayServer.WS + "/ws")) {
            // No Call-ID: answered 400, a parse failure the transport layer rejects.
            client.send("OPTIONS sip:localhost SIP/2.0\r\nVia: SIP/2.0/WS x.invalid;branch=z9hG4bKbad1\r\n"
                    + "From: <sip:alice@localhost>;tag=1\r\nTo: <sip:alice@localhost>\r\nCSeq: 1 OPTIONS\r\n"
                    + "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            assertTrue(client.next().startsWith("SIP/2.0 400 "));
        }

        Metrics after = Metrics.scrape();
        assertEquals(1, after.value("callway_auth_failures_total") - before.value("callway_auth_failures_total"),
                after.text);
        assertEquals(1, after.value("callway_sip_parse_failures_total", "handling=\"rejected\"")
                - before.value("callway_sip_parse_failures_total", "handling=\"rejected\""), after.text);
    }

    @Test
    void openApiDescribesTheAdminApi() throws Exception {
        HttpResponse<String> openapi = get(CallwayServer.HTTP + "/openapi?format=JSON");
        assertEquals(200, openapi.statusCode(), openapi.body());
        JsonObject paths = Json.createReader(new StringReader(openapi.body())).readObject().getJsonObject("paths");
        for (String path : new String[] {"/api/peers", "/api/peers/{name}", "/api/dialplan", "/api/calls",
                "/api/cdrs", "/api/registrations"}) {
            assertTrue(paths.containsKey(path), path + " in " + paths.keySet());
        }
    }
}
