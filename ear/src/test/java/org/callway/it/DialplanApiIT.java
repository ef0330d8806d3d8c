package org.callway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dial plan API: administrators only, validated per field, conflicts and deletes as HTTP says. */
class DialplanApiIT {

    private static CallwayServer server;
    private final Api api = new Api();

    @BeforeAll
    static void start() throws Exception {
        server = CallwayServer.fresh("dialplan-api").start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private List<JsonObject> plan() throws Exception {
        return Api.array(api.get("/api/dialplan", Api.ADMIN)).getValuesAs(JsonObject.class);
    }

    @Test
    void anonymousCallersGet401() throws Exception {
        assertEquals(401, api.get("/api/dialplan", null).statusCode());
        assertEquals(401, api.post("/api/dialplan", "{\"extension\":\"700\",\"application\":\"echo\"}", null)
                .statusCode());
    }

    @Test
    void theSeededPlanIsListed() throws Exception {
        JsonObject echo = plan().stream().filter(e -> e.getString("extension").equals("600")).findFirst().orElseThrow();
        assertEquals("echo", echo.getString("application"));
        assertEquals("default", echo.getString("context"));
    }

    @Test
    void invalidFieldsAreNamedInTheProblem() throws Exception {
        HttpResponse<String> bad = api.post("/api/dialplan",
                "{\"context\":\"no spaces\",\"extension\":\"7a\",\"application\":\"ring\"}", Api.ADMIN);
        assertEquals(400, bad.statusCode(), bad.body());
        assertEquals("application/problem+json", bad.headers().firstValue("Content-Type").orElse(""));
        List<String> fields = Api.object(bad).getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("field")).toList();
        assertEquals(List.of("application", "context", "extension"), fields);

        HttpResponse<String> noPeer = api.post("/api/dialplan", "{\"extension\":\"702\",\"application\":\"dial\"}",
                Api.ADMIN);
        assertEquals(400, noPeer.statusCode(), noPeer.body());
        JsonObject error = Api.object(noPeer).getJsonArray("errors").getJsonObject(0);
        assertEquals("argument", error.getString("field"));
        assertEquals("dial needs a peer name, a number or ${EXTEN}", error.getString("message"));
    }

    @Test
    void addConflictAndDelete() throws Exception {
        HttpResponse<String> created = api.post("/api/dialplan",
                "{\"extension\":\"_8XX\",\"application\":\"hangup\",\"argument\":\"486\"}", Api.ADMIN);
        assertEquals(201, created.statusCode(), created.body());
        long id = Api.object(created).getJsonNumber("id").longValue();
        assertTrue(created.headers().firstValue("Location").orElse("").endsWith("/api/dialplan/" + id));
        assertTrue(plan().stream().anyMatch(e -> e.getString("extension").equals("_8XX")));

        HttpResponse<String> again = api.post("/api/dialplan", "{\"extension\":\"_8XX\",\"application\":\"echo\"}",
                Api.ADMIN);
        assertEquals(409, again.statusCode(), again.body());
        assertEquals("extension", Api.object(again).getJsonArray("errors").getJsonObject(0).getString("field"));

        assertEquals(204, api.delete("/api/dialplan/" + id, Api.ADMIN).statusCode());
        assertEquals(404, api.delete("/api/dialplan/" + id, Api.ADMIN).statusCode());
        assertTrue(plan().stream().noneMatch(e -> e.getString("extension").equals("_8XX")));
    }
}
