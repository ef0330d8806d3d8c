package org.callway.web.ws;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.callway.sip.transport.Flow;
import org.callway.sip.transport.FlowSender;

/** Writes SIP messages as text frames on one WebSocket, without blocking the caller. */
final class WebSocketSender implements FlowSender {

    private static final Logger LOG = Logger.getLogger(WebSocketSender.class.getName());
    private final Session session;

    WebSocketSender(Session session) {
        this.session = session;
    }

    @Override
    public boolean send(Flow flow, InetSocketAddress destination, byte[] bytes) {
        if (!session.isOpen()) {
            return false;
        }
        session.getAsyncRemote().sendText(new String(bytes, StandardCharsets.UTF_8), result -> {
            if (!result.isOK()) {
                LOG.log(Level.FINE, "send on " + flow.id() + " failed", result.getException());
            }
        });
        return true;
    }

    /** Closes the connection: the stack could not frame its bytes, or an administrator asked. */
    @Override
    public void close(Flow flow) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "closed by server"));
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing " + flow.id(), e);
        }
    }
}
