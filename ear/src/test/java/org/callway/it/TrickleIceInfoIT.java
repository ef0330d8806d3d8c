package org.callway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Trickle ICE over SIP INFO (RFC 8840): a hand-driven WebSocket client registers as alice, calls
 * the echo test with an offer that has no candidates yet (full trickle), and then trickles a
 * candidate that points at a UDP socket this test owns: the engine's ICE connectivity checks
 * (STUN Binding requests, RFC 8445 §7.2.4) arriving there show the candidate reached it. And what
 * a client gets for INFOs Callway cannot take.
 */
class TrickleIceInfoIT {

    private static final String UFRAG = "tIt1";
    private static final String PWD = "trickleTestPassword012345";
    private static CallwayServer server;

    @BeforeAll
    static void start() throws Exception {
        server = CallwayServer.fresh("trickle-ice").start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** What the callee does while alice's INVITE is ringing. */
    private interface Answerer {
        void answer() throws Exception;
    }

    /**
     * A dialog as the client sees it after the 200 to its INVITE.
     *
     * @param from our From value (with our tag)
     * @param to   the To value with their tag, or null outside a dialog
     */
    private record Dialog(SipClient client, String callId, String from, String to, String target,
            String answer, String ok) {
    }

    private static String offer() {
        return "v=0\r\n"
                + "o=- 4611731400430051336 2 IN IP4 127.0.0.1\r\n"
                + "s=-\r\n"
                + "t=0 0\r\n"
                + "a=group:BUNDLE 0\r\n"
                + "a=ice-options:trickle\r\n"
                + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n"
                + "c=IN IP4 0.0.0.0\r\n"
                + "a=rtcp:9 IN IP4 0.0.0.0\r\n"
                + "a=ice-ufrag:" + UFRAG + "\r\n"
                + "a=ice-pwd:" + PWD + "\r\n"
                + "a=fingerprint:sha-256 18:62:B5:5D:2E:80:C4:5B:AD:5A:70:54:F2:45:4C:07:25:70:D6:D3:94:E3:46:45:71:D9:BA:97:B8:62:74:5E\r\n"
                + "a=setup:actpass\r\n"
                + "a=mid:0\r\n"
                + "a=sendrecv\r\n"
                + "a=rtcp-mux\r\n"
                + "a=rtpmap:111 opus/48000/2\r\n"
                + "a=fmtp:111 minptime=10;useinbandfec=1\r\n";
    }

    /** The next response to {@code method}, skipping 100 Trying (and any request Callway sends). */
    private static String response(SipClient client, String method) throws Exception {
        for (int i = 0; i < 20; i++) {
            String frame = client.next();
            assertNotNull(frame, "no answer to " + method);
            if (frame.startsWith("SIP/2.0 ") && !frame.startsWith("SIP/2.0 100 ")
                    && Pattern.compile("(?m)^CSeq: *\\d+ " + method + "(?=\r?\n)").matcher(frame).find()) {
                return frame;
            }
        }
        throw new AssertionError("no final response to " + method);
    }

    private static String header(String message, String name) {
        Matcher m = Pattern.compile("(?mi)^" + Pattern.quote(name) + ": *([^\r\n]*)").matcher(message);
        return m.find() ? m.group(1) : null;
    }

    private static String register(String user, String callId, String cseq, String authorization) {
        return "REGISTER sip:localhost SIP/2.0\r\n"
                + "Via: SIP/2.0/WS trickle.invalid;branch=z9hG4bK" + UUID.randomUUID() + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + user + "@localhost>;tag=reg1\r\n"
                + "To: <sip:" + user + "@localhost>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " REGISTER\r\n"
                + "Contact: <sip:" + user + "@trickle.invalid;transport=ws>\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "Expires: 300\r\nContent-Length: 0\r\n\r\n";
    }

    /** A new connection registered as {@code user} (password: user-secret). */
    private static SipClient registered(String user) throws Exception {
        SipClient client = new SipClient(CallwayServer.WS + "/ws");
        String callId = "trickle-reg-" + UUID.randomUUID(); // RFC 3261 §10.3: CSeq counts per Call-ID
        client.send(register(user, callId, "1", null));
        String challenge = response(client, "REGISTER");
        assertTrue(challenge.startsWith("SIP/2.0 401"), challenge);
        client.send(register(user, callId, "2", SipDigest.authorization(challenge, "REGISTER", "sip:localhost", user,
                user + "-secret", 1)));
        String registered = response(client, "REGISTER");
        assertTrue(registered.startsWith("SIP/2.0 200"), registered);
        return client;
    }

    /** Registers alice on a new connection and calls 600 with a candidate-less offer. */
    private static Dialog call(boolean announceTrickle) throws Exception {
        return call(registered("alice"), "600", announceTrickle, null);
    }

    /** Alice's INVITE to {@code target}; {@code whileRinging} runs (answering elsewhere) before her 200 is awaited. */
    private static Dialog call(SipClient client, String target, boolean announceTrickle, Answerer whileRinging)
            throws Exception {
        String callId = "trickle-" + UUID.randomUUID();
        String body = offer();
        client.send("INVITE sip:" + target + "@localhost SIP/2.0\r\n"
                + "Via: SIP/2.0/WS trickle.invalid;branch=z9hG4bK" + UUID.randomUUID() + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:alice@localhost>;tag=al1ce\r\n"
                + "To: <sip:" + target + "@localhost>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:alice@trickle.invalid;transport=ws>\r\n"
                + (announceTrickle ? "Supported: trickle-ice\r\nRecv-Info: trickle-ice\r\n" : "")
                + "Content-Type: application/sdp\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body);
        if (whileRinging != null) {
            whileRinging.answer();
        }
        String ok = response(client, "INVITE");
        assertTrue(ok.startsWith("SIP/2.0 200"), "an offer without candidates is taken (full trickle): " + ok);
        String toTag = header(ok, "To").replaceAll(".*;tag=([^;]+).*", "$1");
        String remoteTarget = header(ok, "Contact").replaceAll(".*<([^>]+)>.*", "$1");
        String answer = ok.substring(ok.indexOf("\r\n\r\n") + 4);
        Dialog d = new Dialog(client, callId, "<sip:alice@localhost>;tag=al1ce",
                "<sip:" + target + "@localhost>;tag=" + toTag, remoteTarget, answer, ok);
        client.send(inDialog(d, "ACK", 1, "", null, ""));
        return d;
    }

    private static String inDialog(Dialog d, String method, int cseq, String extra, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return method + " " + d.target() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/WS trickle.invalid;branch=z9hG4bK" + UUID.randomUUID() + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: " + d.from() + "\r\n"
                + "To: " + (d.to() == null ? "<sip:600@localhost>" : d.to()) + "\r\n"
                + "Call-ID: " + d.callId() + "\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + extra
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                + "Content-Length: " + bytes.length + "\r\n\r\n" + body;
    }

    private static String info(Dialog d, int cseq, String infoPackage, String contentType, String frag) throws Exception {
        d.client().send(inDialog(d, "INFO", cseq, infoPackage == null ? "" : "Info-Package: " + infoPackage
                + "\r\nContent-Disposition: Info-Package\r\n", contentType, frag));
        return response(d.client(), "INFO");
    }

    private static String frag(String ufrag, String candidates) {
        return "a=ice-ufrag:" + ufrag + "\r\na=ice-pwd:" + PWD + "\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\n"
                + candidates;
    }

    private static String hostCandidate(DatagramSocket socket) {
        return "a=candidate:1 1 udp 2122260223 127.0.0.1 " + socket.getLocalPort() + " typ host generation 0\r\n";
    }

    /**
     * The USERNAME (RFC 8489 §14.3) of the next STUN Binding request on {@code socket}, if one
     * comes. The engine's first check is due within a tick (20 ms); the tests allow 10 s because a
     * loaded build machine can starve the ticker (ICE itself gives up after 15 s).
     */
    private static Optional<String> bindingRequest(DatagramSocket socket, int timeoutMillis) throws Exception {
        socket.setSoTimeout(timeoutMillis);
        DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
        try {
            socket.receive(p);
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(p.getData(), 0, p.getLength());
        assertEquals(0x0001, b.getShort() & 0xffff, "a Binding request (RFC 8489 §5)");
        int length = b.getShort() & 0xffff;
        assertEquals(0x2112A442, b.getInt(), "the STUN magic cookie");
        b.position(20);
        while (b.position() < 20 + length) {
            int type = b.getShort() & 0xffff;
            int len = b.getShort() & 0xffff;
            byte[] value = new byte[len];
            b.get(value);
            b.position(b.position() + (4 - len % 4) % 4);
            if (type == 0x0006) {
                return Optional.of(new String(value, StandardCharsets.UTF_8));
            }
        }
        return Optional.of("");
    }

    @Test
    void trickledCandidateIsCheckedAndOneOfAnotherGenerationIsNot() throws Exception {
        Dialog d = call(true);
        try (DatagramSocket ours = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             DatagramSocket stale = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            assertEquals("trickle-ice", header(d.ok(), "Recv-Info"), "RFC 8840 §4.1: Callway takes trickle INFOs: " + d.ok());
            Matcher ufrag = Pattern.compile("a=ice-ufrag:(\\S+)").matcher(d.answer());
            assertTrue(ufrag.find(), d.answer());

            String stored = info(d, 2, "trickle-ice", "application/trickle-ice-sdpfrag",
                    frag("old0", hostCandidate(stale)));
            assertTrue(stored.startsWith("SIP/2.0 200"), "RFC 8840 §4.5: another generation is answered 200: " + stored);
            String taken = info(d, 3, "trickle-ice", "application/trickle-ice-sdpfrag",
                    frag(UFRAG, hostCandidate(ours) + "a=end-of-candidates\r\n"));
            assertTrue(taken.startsWith("SIP/2.0 200"), taken);

            // RFC 8445 §7.2.2: USERNAME is the receiver's ufrag, a colon, the sender's.
            assertEquals(Optional.of(UFRAG + ":" + ufrag.group(1)), bindingRequest(ours, 10_000),
                    "the engine checks the trickled candidate");
            assertEquals(Optional.empty(), bindingRequest(stale, 2_000),
                    "a candidate of another ICE generation is never checked");
            assertTrue(bindingRequest(ours, 3_000).isPresent(), "checks go on (retransmissions, RFC 8445 §14.3)");
        } finally {
            d.client().send(inDialog(d, "BYE", 4, "", null, ""));
            d.client().close();
        }
    }

    @Test
    void infosCallwayCannotTakeGetClearAnswers() throws Exception {
        Dialog d = call(false);
        try {
            assertEquals(null, header(d.ok(), "Recv-Info"), "no Recv-Info to a client that did not ask for trickle");
            String sdpfrag = "application/trickle-ice-sdpfrag";
            String good = frag(UFRAG, "a=end-of-candidates\r\n");

            String wrong = info(d, 2, "dtmf", sdpfrag, good);
            assertTrue(wrong.startsWith("SIP/2.0 469 Bad Info Package"), wrong);
            assertEquals("trickle-ice", header(wrong, "Recv-Info"), "RFC 6086 §8.2.1: 469 lists what we take");

            String legacy = info(d, 3, null, "application/dtmf-relay", "Signal=1\r\nDuration=100\r\n");
            assertTrue(legacy.startsWith("SIP/2.0 469"), "legacy INFO without Info-Package: " + legacy);
            assertEquals("trickle-ice", header(legacy, "Recv-Info"));

            String malformed = info(d, 4, "trickle-ice", sdpfrag,
                    frag(UFRAG, "a=candidate:1 1 udp notanumber 127.0.0.1 9 typ host\r\n"));
            assertTrue(malformed.startsWith("SIP/2.0 400 Bad sdpfrag: sdpfrag line 5: a=candidate needs"), malformed);

            String noMid = info(d, 5, "trickle-ice", sdpfrag, "a=ice-ufrag:" + UFRAG + "\r\na=ice-pwd:" + PWD
                    + "\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:7\r\na=end-of-candidates\r\n");
            assertTrue(noMid.startsWith("SIP/2.0 400 Bad sdpfrag: no m= section with a=mid:7"), noMid);

            String type = info(d, 6, "trickle-ice", "application/sdp", good);
            assertTrue(type.startsWith("SIP/2.0 415"), type);
            assertEquals(sdpfrag, header(type, "Accept"));

            String fine = info(d, 7, "trickle-ice", sdpfrag, good);
            assertTrue(fine.startsWith("SIP/2.0 200"), "the call is still up and takes a good one: " + fine);

            Dialog outside = new Dialog(d.client(), "no-such-call-" + UUID.randomUUID(), "<sip:alice@localhost>;tag=x1",
                    null, "sip:600@localhost", "", "");
            String noDialog = info(outside, 1, "trickle-ice", sdpfrag, good);
            assertTrue(noDialog.startsWith("SIP/2.0 481"), "RFC 6086 §4.2.1: INFO only inside a dialog: " + noDialog);
            Dialog unknown = new Dialog(d.client(), d.callId(), d.from(), "<sip:600@localhost>;tag=not-the-tag",
                    d.target(), "", "");
            String gone = info(unknown, 8, "trickle-ice", sdpfrag, good);
            assertTrue(gone.startsWith("SIP/2.0 481"), "RFC 3261 §12.2.2: no such dialog: " + gone);
        } finally {
            d.client().send(inDialog(d, "BYE", 9, "", null, ""));
            String bye = response(d.client(), "BYE");
            d.client().close();
            assertTrue(bye.startsWith("SIP/2.0 200"), "the call was still up at the end: " + bye);
        }
    }

    /** The next request {@code method} on {@code client} (skipping responses). */
    private static String request(SipClient client, String method) throws Exception {
        for (int i = 0; i < 20; i++) {
            String frame = client.next();
            assertNotNull(frame, "no " + method + " arrived");
            if (frame.startsWith(method + " ")) {
                return frame;
            }
        }
        throw new AssertionError("no " + method + " arrived");
    }

    private static String group(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex + " not in " + text);
        return m.group(1);
    }

    @Test
    void calleeTricklesItsCandidateAfterAnsweringAndTheEngineChecksIt() throws Exception {
        SipClient bob = registered("bob");
        SipClient alice = registered("alice");
        String[] invite = new String[1];
        try (DatagramSocket bobs = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Dialog aliceCall = call(alice, "1001", false, () -> {
                invite[0] = request(bob, "INVITE");
                assertEquals("trickle-ice", header(invite[0], "Recv-Info"), "RFC 8840 §4.1: " + invite[0]);
                String offer = invite[0].substring(invite[0].indexOf("\r\n\r\n") + 4);
                String answer = "v=0\r\no=- 77 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
                        + "a=group:BUNDLE " + group("a=mid:(\\S+)", offer) + "\r\n"
                        + "m=audio 9 UDP/TLS/RTP/SAVPF " + group("a=rtpmap:(\\d+) opus/48000/2", offer) + "\r\n"
                        + "c=IN IP4 0.0.0.0\r\n"
                        + "a=ice-ufrag:bobU\r\na=ice-pwd:" + PWD + "\r\n"
                        + "a=fingerprint:sha-256 18:62:B5:5D:2E:80:C4:5B:AD:5A:70:54:F2:45:4C:07:25:70:D6:D3:94:E3:46:45:71:D9:BA:97:B8:62:74:5E\r\n"
                        + "a=setup:active\r\na=mid:" + group("a=mid:(\\S+)", offer) + "\r\na=sendrecv\r\na=rtcp-mux\r\n"
                        + "a=rtpmap:" + group("a=rtpmap:(\\d+) opus/48000/2", offer) + " opus/48000/2\r\n";
                StringBuilder ok = new StringBuilder("SIP/2.0 200 OK\r\n");
                for (String via : invite[0].split("\r\n")) {
                    if (via.startsWith("Via:")) {
                        ok.append(via).append("\r\n");
                    }
                }
                ok.append("From: ").append(header(invite[0], "From")).append("\r\n")
                        .append("To: ").append(header(invite[0], "To")).append(";tag=b0b\r\n")
                        .append("Call-ID: ").append(header(invite[0], "Call-ID")).append("\r\n")
                        .append("CSeq: ").append(header(invite[0], "CSeq")).append("\r\n")
                        .append("Contact: <sip:bob@trickle.invalid;transport=ws>\r\n")
                        .append("Content-Type: application/sdp\r\n")
                        .append("Content-Length: ").append(answer.length()).append("\r\n\r\n").append(answer);
                bob.send(ok.toString());
            });
            try {
                String ours = group("a=ice-ufrag:(\\S+)", invite[0].substring(invite[0].indexOf("\r\n\r\n")));
                // Bob is the UAS of his dialog: his INFO goes From his To, To Callway's From.
                Dialog bobsDialog = new Dialog(bob, header(invite[0], "Call-ID"), header(invite[0], "To") + ";tag=b0b",
                        header(invite[0], "From"), group("<([^>]+)>", header(invite[0], "Contact")), "", "");
                String mid = group("a=mid:(\\S+)", invite[0]);
                String taken = info(bobsDialog, 1, "trickle-ice", "application/trickle-ice-sdpfrag",
                        "a=ice-ufrag:bobU\r\na=ice-pwd:" + PWD + "\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:" + mid
                                + "\r\n" + hostCandidate(bobs));
                assertTrue(taken.startsWith("SIP/2.0 200"), taken);
                assertEquals(Optional.of("bobU:" + ours), bindingRequest(bobs, 10_000),
                        "the engine checks the candidate bob trickled on the callee leg");
            } finally {
                alice.send(inDialog(aliceCall, "BYE", 2, "", null, ""));
            }
        } finally {
            alice.close();
            bob.close();
        }
    }
}
