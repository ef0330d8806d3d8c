package org.callway.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.callway.it.Api;
import org.callway.it.CallwayServer;
import org.callway.it.SipDigest;
import org.junit.jupiter.api.Test;

/**
 * Registration load over WebSocket, the way browsers load Callway: N connections each
 * REGISTER with digest (401, then credentials), then refresh R times on the same connection.
 * Reports REGISTER transactions per second and the server's heap per connected client.
 * Run with {@code mvn -pl ear -am verify -Pbench-register} ({@code -Dclients=}, {@code -Drefreshes=}).
 * It is a load generator, not a test of speed: it asserts only that every REGISTER succeeded.
 */
class RegisterLoadBench {

    private static final Pattern STATUS = Pattern.compile("^SIP/2.0 (\\d{3})");

    /** One simulated browser: a WebSocket, its own Call-ID and CSeq, awaiting one response at a time. */
    private static final class Client implements WebSocket.Listener {
        final String user;
        final String callId;
        long cseq;
        WebSocket ws;
        CompletableFuture<String> response;
        final StringBuilder partial = new StringBuilder();

        Client(String user) {
            this.user = user;
            this.callId = "bench-" + user + "-" + System.nanoTime();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                if (response != null) {
                    response.complete(message);
                }
            }
            webSocket.request(1);
            return null;
        }

        CompletableFuture<String> register(String authorization) {
            cseq++;
            String message = "REGISTER sip:localhost SIP/2.0\r\n"
                    + "Via: SIP/2.0/WS bench.invalid;branch=z9hG4bK" + user + "x" + cseq + "\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "To: <sip:" + user + "@localhost>\r\n"
                    + "From: <sip:" + user + "@localhost>;tag=" + user + "\r\n"
                    + "Call-ID: " + callId + "\r\n"
                    + "CSeq: " + cseq + " REGISTER\r\n"
                    + "Contact: <sip:" + user + "@bench.invalid;transport=ws>;expires=600\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                    + "Content-Length: 0\r\n\r\n";
            response = new CompletableFuture<>();
            ws.sendText(message, true);
            return response;
        }
    }

    private static String authorize(String challenge, String user, String password, long nc) {
        return SipDigest.authorization(challenge, "REGISTER", "sip:localhost", user, password, nc);
    }

    private static int status(String response) {
        Matcher m = STATUS.matcher(response);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** Every client REGISTERs (401, then credentials) concurrently; counts the 200s. */
    private static void round(List<Client> all, AtomicLong ok) throws Exception {
        List<CompletableFuture<Void>> round = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Client c = all.get(i);
            String password = "load-secret-" + i;
            round.add(c.register(null)
                    .thenCompose(challenge -> c.register(authorize(challenge, c.user, password, 1)))
                    .thenAccept(r -> {
                        if (status(r) == 200) {
                            ok.incrementAndGet();
                        }
                    }));
        }
        CompletableFuture.allOf(round.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
    }

    @Test
    void registerLoad() throws Exception {
        int clients = Integer.getInteger("clients", 500);
        int refreshes = Integer.getInteger("refreshes", 20);
        Api api = new Api();
        try (CallwayServer server = CallwayServer.fresh("bench-register")) {
            server.start();
            for (int i = 0; i < clients; i++) {
                api.post("/api/peers", "{\"name\":\"load" + i + "\",\"number\":\"" + (20000 + i)
                        + "\",\"secret\":\"load-secret-" + i + "\",\"transports\":[\"ws\"]}", Api.ADMIN);
            }
            long heapBefore = server.heapUsedAfterGc();
            HttpClient http = HttpClient.newHttpClient();
            List<Client> all = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                Client c = new Client("load" + i);
                c.ws = http.newWebSocketBuilder().subprotocols("sip")
                        .buildAsync(URI.create(CallwayServer.WS + "/ws"), c).get(10, TimeUnit.SECONDS);
                all.add(c);
            }
            AtomicLong ok = new AtomicLong();
            long start = System.nanoTime();
            round(all, ok); // the initial registration, all clients at once
            long heapRegistered = server.heapUsedAfterGc();
            for (int r = 0; r < refreshes; r++) {
                round(all, ok); // each refresh: a new challenge and answer, as JsSIP does after expiry
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long transactions = 2L * clients * (refreshes + 1);
            System.out.printf("REGISTER load: %d clients, %d refreshes, %d REGISTER transactions (401+200)"
                    + " in %.1f s = %.0f REGISTER/s (%.0f successful registrations/s)%n",
                    clients, refreshes, transactions, seconds, transactions / seconds, ok.get() / seconds);
            System.out.printf("heap: %.1f MB before, %.1f MB with %d registered clients = %.1f KB per client%n",
                    heapBefore / 1e6, heapRegistered / 1e6, clients, (heapRegistered - heapBefore) / 1024.0 / clients);
            assertEquals((long) clients * (refreshes + 1), ok.get(), "every REGISTER with credentials got 200");
            all.forEach(c -> c.ws.abort());
        }
    }
}
