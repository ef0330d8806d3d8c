package org.callway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An administrator moving from Asterisk uploads sip.conf and pjsip.conf: the peers they describe
 * appear in the API, the report says what was skipped and why, and a browser registers with the
 * password from the file.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PeerImportIT {

    @RegisterExtension
    static final ServerAndBrowser callway = new ServerAndBrowser("peer-import");
    private static Map<String, JsonObject> sipReport;
    private final Api api = new Api();

    static String sample(String name) throws IOException {
        try (InputStream in = PeerImportIT.class.getResourceAsStream("/asterisk/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private HttpResponse<String> upload(String query, String text, String authorization) throws Exception {
        return api.send("POST", "/api/peers/import" + query, "text/plain", text, authorization);
    }

    /** The report by section name (names are unique in the sip.conf sample). */
    private static Map<String, JsonObject> bySection(HttpResponse<String> response) {
        return Api.array(response).getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(r -> r.getString("section"), Function.identity()));
    }

    private JsonObject peer(String name) throws Exception {
        HttpResponse<String> r = api.get("/api/peers/" + name, Api.ADMIN);
        assertEquals(200, r.statusCode(), name + ": " + r.body());
        return Api.object(r);
    }

    private static void assertResult(String result, String reasonPart, JsonObject line) {
        assertEquals(result, line.getString("result"), line.toString());
        if (reasonPart != null) {
            assertTrue(line.getString("reason", "").contains(reasonPart), line.toString());
        }
    }

    @Test
    @Order(1)
    void importingSipConfReportsEverySection() throws Exception {
        HttpResponse<String> response = upload("", sample("sip.conf"), Api.ADMIN);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("sip", response.headers().firstValue("Callway-Import-Format").orElse(""));
        sipReport = bySection(response);
        assertEquals(10, sipReport.size(), sipReport.toString());
        assertResult("skipped", "[general] holds global settings, not a peer", sipReport.get("general"));
        assertResult("skipped", "line 8: #include is not followed", sipReport.get("#include sip_custom.conf"));
        assertResult("skipped", "template", sipReport.get("webrtc"));
        assertResult("imported", null, sipReport.get("webrtc_client"));
        assertFalse(sipReport.get("webrtc_client").containsKey("reason"), sipReport.get("webrtc_client").toString());
        assertResult("imported", "md5secret stored as the MD5 HA1", sipReport.get("6002"));
        assertResult("updated", "peer alice existed", sipReport.get("alice"));
        assertResult("imported", null, sipReport.get("reception"));
        assertResult("skipped", "unknown transport 'sctp'", sipReport.get("trunk-carrier"));
        assertResult("skipped", "no secret= or md5secret=", sipReport.get("lobby-phone"));
        assertResult("skipped", "extension 1001 is taken by bob", sipReport.get("taken"));
    }

    @Test
    @Order(2)
    void importedPeersHaveTheirAsteriskOptions() throws Exception {
        JsonObject client = peer("webrtc_client");
        assertEquals("6001", client.getString("number"));
        assertEquals(List.of("ws", "wss"), Api.strings(client, "transports"));
        assertTrue(client.getBoolean("avpf"));
        assertTrue(client.getBoolean("encryption"));
        assertEquals(List.of("force_rport", "comedia"), Api.strings(client, "nat"));
        assertEquals("from-internal", client.getString("context"));
        assertEquals(List.of("opus", "ulaw"), Api.strings(client, "codecs"));
        assertEquals("dynamic", client.getString("host"));

        JsonObject reception = peer("reception");
        assertEquals("2000", reception.getString("number"));
        assertEquals(List.of("udp", "tcp"), Api.strings(reception, "transports"));
        assertFalse(reception.getBoolean("avpf"));
        assertEquals(List.of(), Api.strings(reception, "nat"), "nat=no");
        assertEquals("public", reception.getString("context"), "[general] context=");
        assertEquals(List.of("ulaw"), Api.strings(reception, "codecs"), "[general] disallow=all, allow=ulaw");

        assertEquals("from-internal", peer("alice").getString("context"), "alice was updated");
        assertEquals(404, api.get("/api/peers/taken", Api.ADMIN).statusCode());
        assertEquals(404, api.get("/api/peers/trunk-carrier", Api.ADMIN).statusCode());
    }

    @Test
    @Order(3)
    void aBrowserRegistersWithThePasswordFromSipConf() throws Exception {
        assertEquals("registered 200", callway.register("client", CallwayServer.WSS + "/ws",
                "webrtc_client", "webrtc;client-pw"));
    }

    @Test
    @Order(4)
    void md5secretWorksForJsSipsMd5Digest() throws Exception {
        assertEquals("registered 200", callway.register("md5", CallwayServer.WS + "/ws",
                "6002", "six-oh-oh-two"));
    }

    @Test
    @Order(5)
    void anUpdatedPeerTakesTheNewPassword() throws Exception {
        assertEquals("registered 200", callway.register("alice", CallwayServer.WS + "/ws",
                "alice", "alice-from-asterisk"));
    }

    @Test
    @Order(6)
    void importingPjsipConfIsDetectedAndItsWebRtcEndpointRegisters() throws Exception {
        HttpResponse<String> response = upload("", sample("pjsip.conf"), Api.ADMIN);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("pjsip", response.headers().firstValue("Callway-Import-Format").orElse(""));
        List<JsonObject> report = Api.array(response).getValuesAs(JsonObject.class);
        assertEquals(List.of("transport-wss", "webrtc_pj", "webrtc_pj", "webrtc_pj", "no-aor"),
                report.stream().map(r -> r.getString("section")).toList());
        assertResult("skipped", "type=aor: read as part of endpoint webrtc_pj", report.get(1));
        assertResult("imported", "max_contacts=5", report.get(3));
        assertResult("skipped", "auth=no-aor names no type=auth section", report.get(4));

        JsonObject pj = peer("webrtc_pj");
        assertEquals("6100", pj.getString("number"));
        assertEquals(List.of("wss"), Api.strings(pj, "transports"), "transport=transport-wss");
        assertTrue(pj.getBoolean("avpf"), "webrtc=yes");
        assertTrue(pj.getBoolean("encryption"), "webrtc=yes");
        assertEquals(List.of("force_rport"), Api.strings(pj, "nat"));
        assertEquals("registered 200", callway.register("pj", CallwayServer.WSS + "/ws",
                "webrtc_pj", "webrtc_pj-pw"));
    }

    @Test
    @Order(7)
    void importingAgainUpdatesAndAnExplicitFormatIsObeyed() throws Exception {
        HttpResponse<String> response = upload("?format=sip", sample("pjsip.conf"), Api.ADMIN);
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(Api.array(response).getValuesAs(JsonObject.class).stream()
                .allMatch(r -> r.getString("result").equals("skipped")), "pjsip types are not sip.conf peers");
        assertResult("updated", "peer webrtc_pj existed",
                Api.array(upload("?format=pjsip", sample("pjsip.conf"), Api.ADMIN))
                        .getValuesAs(JsonObject.class).get(3));
    }

    @Test
    @Order(8)
    void importIsForAdministratorsAndRefusesUnknownFormats() throws Exception {
        assertEquals(401, upload("", sample("sip.conf"), null).statusCode());
        HttpResponse<String> bad = upload("?format=iax", sample("sip.conf"), Api.ADMIN);
        assertEquals(400, bad.statusCode());
        assertEquals("application/problem+json", bad.headers().firstValue("Content-Type").orElse(""));
        assertEquals("format", Api.object(bad).getJsonArray("errors").getJsonObject(0).getString("field"));
        assertEquals(415, api.send("POST", "/api/peers/import", "application/json", "{}", Api.ADMIN).statusCode());
    }
}
