package org.callway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Readiness says DOWN when Callway cannot work: here the media port is already taken, so the
 * resource adapter cannot open its socket. A load balancer must not send calls to it.
 */
class ReadinessDownIT {

    @Test
    void readinessIsDownWhenTheMediaPortIsTaken() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI ready = URI.create("http://127.0.0.1:9990/health/ready");
        try (DatagramSocket squatter = new DatagramSocket(new InetSocketAddress("127.0.0.1", 10000));
                CallwayServer server = CallwayServer.fresh("readiness-down")) {
            server.launch();
            HttpResponse<String> answer = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    answer = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (answer.body().contains("callway.ear")) {
                        break; // the deployment has been tried: its outcome is in the checks
                    }
                } catch (java.io.IOException notYet) {
                    // management not listening yet
                }
                Thread.sleep(500);
            }
            assertTrue(answer != null, "the management interface never answered");
            assertEquals(503, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("\"status\":\"DOWN\""), answer.body());
        }
    }
}
