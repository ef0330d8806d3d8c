package org.callway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

    /** POSTs a line and returns the problem's errors (field to message), asserting the status first. */
    private Map<String, String> refused(String json, int status) throws Exception {
        HttpResponse<String> response = api.post("/api/dialplan", json, Api.ADMIN);
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        Map<String, String> errors = new TreeMap<>();
        Api.object(response).getJsonArray("errors").getValuesAs(JsonObject.class)
                .forEach(e -> errors.put(e.getString("field"), e.getString("message")));
        return errors;
    }

    @Test
    void invalidFieldsAreNamedInTheProblem() throws Exception {
        assertEquals(List.of("application", "context", "extension"), List.copyOf(
                refused("{\"context\":\"no spaces\",\"extension\":\"7a\",\"application\":\"ring\"}", 400).keySet()));
        assertEquals(Map.of("argument", "dial needs a peer name, a number or ${EXTEN}"),
                refused("{\"extension\":\"702\",\"application\":\"dial\"}", 400));
    }

    @Test
    void addConflictAndDelete() throws Exception {
        HttpResponse<String> created = api.post("/api/dialplan",
                "{\"extension\":\"_8XX\",\"application\":\"hangup\",\"argument\":\"486\"}", Api.ADMIN);
        assertEquals(201, created.statusCode(), created.body());
        long id = Api.object(created).getJsonNumber("id").longValue();
        assertTrue(created.headers().firstValue("Location").orElse("").endsWith("/api/dialplan/" + id));
        assertTrue(plan().stream().anyMatch(e -> e.getString("extension").equals("_8XX")));

        assertEquals(Map.of("extension", "already in context default"),
                refused("{\"extension\":\"_8XX\",\"application\":\"echo\"}", 409));

        assertEquals(204, api.delete("/api/dialplan/" + id, Api.ADMIN).statusCode());
        assertEquals(404, api.delete("/api/dialplan/" + id, Api.ADMIN).statusCode());
        assertTrue(plan().stream().noneMatch(e -> e.getString("extension").equals("_8XX")));
    }
}
