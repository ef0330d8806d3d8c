package org.callway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SIP over TLS on 5061 (RFC 3261 §26.2), as a phone with a TLS account uses it. */
class SipTlsIT {

    private static CallwayServer server;
    private final Api api = new Api();

    @BeforeAll
    static void start() throws Exception {
        server = CallwayServer.fresh("sip-tls").start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** A TLS client that takes any certificate, so the test can look at the one it got. */
    private static SSLSocket connect() throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", 5061);
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        return socket;
    }

    private static String register(String user, int cseq, String authorization) {
        return "REGISTER sip:localhost SIP/2.0\r\n"
                + "Via: SIP/2.0/TLS 127.0.0.1:40000;branch=z9hG4bKtls" + user + cseq + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + user + "@localhost>;tag=tls" + cseq + "\r\n"
                + "To: <sip:" + user + "@localhost>\r\n"
                + "Call-ID: tls-" + user + "\r\n"
                + "CSeq: " + cseq + " REGISTER\r\n"
                + "Contact: <sip:" + user + "@127.0.0.1:40000;transport=tls>\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "Expires: 300\r\nUser-Agent: tls-phone\r\nContent-Length: 0\r\n\r\n";
    }

    /** Reads one response (headers only: REGISTER answers have no body). */
    private static String response(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (!out.toString(StandardCharsets.UTF_8).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + out);
            }
            out.write(b);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        return text.startsWith("SIP/2.0 100") ? response(in) : text;
    }

    @Test
    void phoneRegistersOverTlsWithTheGeneratedCertificate() throws Exception {
        try (SSLSocket socket = connect()) {
            X509Certificate certificate = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            assertTrue(certificate.getSubjectX500Principal().getName().contains("CN=localhost"), certificate.toString());
            socket.getOutputStream().write(register("carol", 1, null).getBytes(StandardCharsets.UTF_8));
            String challenge = response(socket.getInputStream());
            assertTrue(challenge.startsWith("SIP/2.0 401"), challenge);
            String authorization = SipDigest.authorization(challenge, "REGISTER", "sip:localhost", "carol",
                    "carol-secret", 1);
            socket.getOutputStream().write(register("carol", 2, authorization).getBytes(StandardCharsets.UTF_8));
            String ok = response(socket.getInputStream());
            assertTrue(ok.startsWith("SIP/2.0 200"), ok);

            JsonObject carol = Api.array(api.get("/api/registrations", Api.ADMIN)).getValuesAs(JsonObject.class)
                    .stream().filter(r -> r.getString("peer").equals("carol")).findFirst().orElseThrow();
            assertEquals("TLS", carol.getString("transport"));
            assertEquals("tls-phone", carol.getString("userAgent"));
        }
    }

    @Test
    void webRtcOnlyPeerOverTlsGets403() throws Exception {
        try (SSLSocket socket = connect()) {
            socket.getOutputStream().write(register("alice", 1, null).getBytes(StandardCharsets.UTF_8));
            String refused = response(socket.getInputStream());
            assertTrue(refused.startsWith("SIP/2.0 403 Transport TLS not allowed for alice"), refused);
        }
    }
}
