package org.callway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Configuration lives in the database: the default H2 file survives a server restart. */
class RestartIT {

    private final Api api = new Api();

    @Test
    void peerWrittenBeforeRestartIsStillThereAfterIt() throws Exception {
        try (CallwayServer server = CallwayServer.fresh("restart")) {
            server.start();
            HttpResponse<String> created = api.post("/api/peers",
                    "{\"name\":\"dave\",\"number\":\"1003\",\"secret\":\"dave-secret\",\"transports\":[\"udp\",\"wss\"],"
                            + "\"avpf\":true,\"context\":\"office\"}",
                    Api.ADMIN);
            assertEquals(201, created.statusCode(), created.body());
            assertTrue(created.headers().firstValue("Location").orElse("").endsWith("/api/peers/dave"));
            server.stop();

            server.start();
            HttpResponse<String> after = api.get("/api/peers/dave", Api.ADMIN);
            assertEquals(200, after.statusCode(), after.body());
            JsonObject dave = Api.object(after);
            assertEquals("1003", dave.getString("number"));
            assertEquals("office", dave.getString("context"));
            assertTrue(dave.getBoolean("avpf"));
            // Seeding runs only on an empty database: the demo peers are not duplicated.
            assertEquals(4, Api.array(api.get("/api/peers", Api.ADMIN)).size());
        }
    }
}
