package org.callway.it;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.callway.media.MediaService;
import org.callway.media.api.IceCandidate;
import org.callway.media.api.IceRole;
import org.callway.media.api.LegId;
import org.callway.media.api.LegKind;
import org.callway.media.api.LocalParameters;
import org.callway.media.api.PayloadFormat;
import org.callway.media.api.RemoteParameters;
import org.callway.media.api.Setup;

/**
 * For {@link EngineEchoIT}, inside the EAR: a test-only signalling hop between a page and the
 * media engine, no SIP. POST a complete offer (all candidates gathered) and get the answer of a
 * WebRTC leg that echoes; the page's audio goes round ICE, DTLS-SRTP and the engine's echo.
 * Only what the test's own Chromium offer needs is read: one audio section with Opus, BUNDLE
 * and rtcp-mux (RFC 8829 §5.2), so the answer is written here by hand, deliberately not by
 * Callway's SDP module, which the SIP ITs test.
 */
@WebServlet("/engine-echo")
public class EngineEchoServlet extends HttpServlet {
    @Inject
    MediaService media;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String offer = new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String ufrag = null;
        String pwd = null;
        String fingerprint = null;
        Setup setup = Setup.ACTPASS;
        String mid = "0";
        int opus = -1;
        List<IceCandidate> candidates = new ArrayList<>();
        for (String line : offer.split("\r?\n")) {
            if (line.startsWith("a=ice-ufrag:")) {
                ufrag = line.substring(12);
            } else if (line.startsWith("a=ice-pwd:")) {
                pwd = line.substring(10);
            } else if (line.startsWith("a=fingerprint:sha-256 ")) {
                fingerprint = line.substring(22);
            } else if (line.startsWith("a=setup:")) {
                setup = Setup.fromSdp(line.substring(8));
            } else if (line.startsWith("a=mid:")) {
                mid = line.substring(6);
            } else if (line.startsWith("a=candidate:")) {
                IceCandidate c = IceCandidate.parse(line);
                if (c.isUdp() && c.component() == 1) {
                    candidates.add(c);
                }
            } else if (line.startsWith("a=rtpmap:") && line.toLowerCase().contains(" opus/48000") && opus < 0) {
                opus = Integer.parseInt(line.substring(9, line.indexOf(' ')));
            }
        }
        if (ufrag == null || pwd == null || fingerprint == null || opus < 0) {
            resp.sendError(400, "offer lacks ICE credentials, a sha-256 fingerprint or Opus");
            return;
        }
        // The browser offers, so it is controlling and Callway controlled (RFC 8445 §6.1.1).
        LegId leg = media.allocate(LegKind.WEBRTC, IceRole.CONTROLLED, null);
        media.remoteParameters(leg, RemoteParameters.webRtc(ufrag, pwd, candidates, fingerprint, setup));
        media.formats(leg, List.of(PayloadFormat.audio(opus, "opus", 48000, 2)));
        media.echo(leg);
        LocalParameters local = media.localParameters(leg);
        int port = local.candidates().isEmpty() ? 9 : local.candidates().get(0).port();
        String address = local.candidates().isEmpty() ? "0.0.0.0" : local.candidates().get(0).address();
        StringBuilder answer = new StringBuilder()
                .append("v=0\r\n")
                .append("o=- 1 1 IN IP4 127.0.0.1\r\n")
                .append("s=-\r\n")
                .append("t=0 0\r\n")
                .append("a=group:BUNDLE ").append(mid).append("\r\n")
                .append("m=audio ").append(port).append(" UDP/TLS/RTP/SAVPF ").append(opus).append("\r\n")
                .append("c=IN IP4 ").append(address).append("\r\n")
                .append("a=mid:").append(mid).append("\r\n")
                .append("a=ice-ufrag:").append(local.iceUfrag()).append("\r\n")
                .append("a=ice-pwd:").append(local.icePwd()).append("\r\n")
                .append("a=fingerprint:sha-256 ").append(local.fingerprint()).append("\r\n")
                .append("a=setup:").append(local.setup().sdp()).append("\r\n")
                .append("a=rtcp-mux\r\n")
                .append("a=sendrecv\r\n")
                .append("a=rtpmap:").append(opus).append(" opus/48000/2\r\n");
        for (IceCandidate c : local.candidates()) {
            answer.append("a=").append(c.toSdp()).append("\r\n");
        }
        answer.append("a=end-of-candidates\r\n");
        resp.setContentType("application/sdp");
        resp.setHeader("Callway-Leg", leg.toString());
        resp.getWriter().print(answer);
    }
}
