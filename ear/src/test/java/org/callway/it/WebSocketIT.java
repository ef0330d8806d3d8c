package org.callway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RFC 7118's handshake at Asterisk's path and ports, as a SIP-over-WebSocket client sees it. */
class WebSocketIT {

    private static CallwayServer server;

    @BeforeAll
    static void start() throws Exception {
        server = CallwayServer.fresh("websocket").start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static WebSocket connect(HttpClient client, String uri, String... subprotocols) throws Exception {
        WebSocket.Builder builder = client.newWebSocketBuilder();
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        return builder.buildAsync(URI.create(uri), new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS);
    }

    private static int refusedStatus(HttpClient client, String uri, String... subprotocols) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> connect(client, uri, subprotocols));
        return assertInstanceOf(WebSocketHandshakeException.class, e.getCause()).getResponse().statusCode();
    }

    @Test
    void wsWithSipSubprotocolNegotiatesSip() throws Exception {
        WebSocket ws = connect(HttpClient.newHttpClient(), CallwayServer.WS + "/ws", "sip");
        assertEquals("sip", ws.getSubprotocol());
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
    }

    @Test
    void handshakeWithoutSipIsRefused() {
        assertEquals(400, refusedStatus(HttpClient.newHttpClient(), CallwayServer.WS + "/ws"));
        assertEquals(400, refusedStatus(HttpClient.newHttpClient(), CallwayServer.WS + "/ws", "chat"));
    }

    @Test
    void anyOtherPathIsNotFound() {
        assertEquals(404, refusedStatus(HttpClient.newHttpClient(), CallwayServer.WS + "/foo", "sip"));
        assertEquals(404, refusedStatus(HttpClient.newHttpClient(), CallwayServer.WS + "/ws/extra", "sip"));
    }

    @Test
    void wssWorksWithTheSelfSignedCertificateTrusted() throws Exception {
        // A client trusting only public CAs must refuse the self-signed certificate ...
        ExecutionException untrusted = assertThrows(ExecutionException.class,
                () -> connect(HttpClient.newHttpClient(), CallwayServer.WSS + "/ws", "sip"));
        assertTrue(hasCause(untrusted, SSLHandshakeException.class), untrusted.toString());

        // ... and one trusting exactly the certificate Elytron generated connects.
        assertTrue(Files.exists(server.keystore()), "Elytron wrote no keystore");
        KeyStore generated = KeyStore.getInstance(KeyStore.getDefaultType());
        try (InputStream in = Files.newInputStream(server.keystore())) {
            generated.load(in, "password".toCharArray());
        }
        Certificate certificate = generated.getCertificate(generated.aliases().nextElement());
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("callway", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);

        WebSocket ws = connect(HttpClient.newBuilder().sslContext(tls).build(), CallwayServer.WSS + "/ws", "sip");
        assertEquals("sip", ws.getSubprotocol());
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
