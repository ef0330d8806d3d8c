package org.callway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** A SIP phone (sipp) registering over UDP and TCP with digest, and the brute-force lockout. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SippRegistrationIT {

    private static CallwayServer server;
    private final Api api = new Api();

    @BeforeAll
    static void start() throws Exception {
        server = CallwayServer.fresh("sipp-registration").start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private List<JsonObject> registrations() throws Exception {
        return Api.array(api.get("/api/registrations", Api.ADMIN)).getValuesAs(JsonObject.class);
    }

    @Test
    @Order(1)
    void registersOverUdpWithDigest() throws Exception {
        assertEquals(0, Sipp.register("register.xml", "u1", 5071, "carol", "carol-secret"));
        JsonObject carol = registrations().stream().filter(r -> r.getString("peer").equals("carol"))
                .findFirst().orElseThrow();
        assertEquals("UDP", carol.getString("transport"));
        assertEquals(5071, carol.getInt("sourcePort"));
        assertEquals("sipp", carol.getString("userAgent"));
    }

    @Test
    @Order(2)
    void registersOverTcpWithDigest() throws Exception {
        // sipp closes its connection when the scenario ends, and the binding goes with it;
        // the 200 OK the scenario demands is the proof.
        assertEquals(0, Sipp.register("register.xml", "t1", 5072, "carol", "carol-secret"));
    }

    @Test
    @Order(3)
    void webRtcOnlyPeerCannotRegisterOverUdp() throws Exception {
        assertEquals(0, Sipp.register("register-refused.xml", "u1", 5073, "alice", "alice-secret"));
    }

    /**
     * The registrar reads peers from memory: a new secret set through the API must count at the
     * very next REGISTER (the peer was read, and kept, by the registrations above).
     */
    @Test
    @Order(4)
    void aSecretChangedThroughTheApiCountsAtOnce() throws Exception {
        JsonObject carol = Api.object(api.get("/api/peers/carol", Api.ADMIN));
        jakarta.json.JsonObjectBuilder changed = jakarta.json.Json.createObjectBuilder(carol).add("secret", "carol-renewed");
        java.net.http.HttpResponse<String> put = api.put("/api/peers/carol", changed.build().toString(), Api.ADMIN);
        assertEquals(200, put.statusCode(), put.body());
        assertEquals(0, Sipp.register("register.xml", "u1", 5077, "carol", "carol-renewed"), "the new secret is taken");
    }

    @Test
    @Order(5)
    void wrongPasswordGets401ThenTheLimitGets403() throws Exception {
        for (int attempt = 1; attempt < 5; attempt++) {
            assertEquals(0, Sipp.register("register-wrong.xml", "u1", 5074, "carol", "wrong-" + attempt),
                    "attempt " + attempt + " should end in 401");
        }
        assertEquals(0, Sipp.register("register-locked-out.xml", "u1", 5074, "carol", "wrong-5"));
        // Locked out now, even with the right password, and over TCP too.
        assertEquals(0, Sipp.register("register-refused.xml", "u1", 5075, "carol", "carol-secret"));
        assertEquals(0, Sipp.register("register-refused.xml", "t1", 5076, "carol", "carol-secret"));
        assertTrue(registrations().stream().noneMatch(r -> r.getInt("sourcePort") == 5075));
    }
}
