package org.callway.it;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.callway.media.MediaService;
import org.callway.media.api.IceRole;
import org.callway.media.api.LegId;
import org.callway.media.api.LegKind;
import org.callway.media.api.RemoteParameters;

/**
 * For {@link AdapterUndeployArquillianIT}, inside the EAR: two plain RTP legs toward the
 * given ports, bridged; answers the media port.
 */
@WebServlet("/bridge")
public class UndeployBridgeServlet extends HttpServlet {
    @Inject
    MediaService media;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            LegId a = media.allocate(LegKind.RTP_AVP, IceRole.CONTROLLED, null);
            LegId b = media.allocate(LegKind.RTP_AVP, IceRole.CONTROLLED, null);
            media.remoteParameters(a, RemoteParameters.plainRtp("127.0.0.1", Integer.parseInt(req.getParameter("a"))));
            media.remoteParameters(b, RemoteParameters.plainRtp("127.0.0.1", Integer.parseInt(req.getParameter("b"))));
            media.bridge(a, b);
            resp.getWriter().print(media.mediaAddresses().get(0).getPort());
        } catch (jakarta.resource.ResourceException e) {
            throw new IOException(e);
        }
    }
}
