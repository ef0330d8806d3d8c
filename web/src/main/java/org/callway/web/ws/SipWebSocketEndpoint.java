package org.callway.web.ws;

import io.undertow.websockets.jsr.UndertowSession;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.callway.config.Transport;
import org.callway.registrar.SipEndpoints;
import org.callway.sip.transport.WebSocketFlow;

/**
 * SIP over WebSocket (RFC 7118) at {@code /ws}, Asterisk's path: each text or binary frame is
 * one SIP message, handed to the SIP stack with the connection as its flow. The handshake must
 * offer the {@code sip} subprotocol (RFC 7118 §4.1); {@link SipSubprotocolFilter} refuses one
 * that does not before it reaches here. No thread of our own: Undertow's I/O workers deliver.
 */
@ServerEndpoint(value = "/ws", subprotocols = SipWebSocketEndpoint.SUBPROTOCOL)
public class SipWebSocketEndpoint {

    private static final Logger LOG = Logger.getLogger(SipWebSocketEndpoint.class.getName());
    public static final String SUBPROTOCOL = "sip";
    private static final String FLOW = WebSocketFlow.class.getName();
    private static final String PENDING = SipWebSocketEndpoint.class.getName() + ".pending";

    /** A frame larger than this closes the connection with 1009 (RFC 6455 §7.4.1); SIP needs far less. */
    static final int MAX_FRAME = 64 * 1024;

    @Inject
    SipEndpoints sip;

    @OnOpen
    public void open(Session session) {
        var channel = ((UndertowSession) session).getWebSocketChannel();
        WebSocketFlow flow = new WebSocketFlow("ws-" + session.getId(),
                session.isSecure() ? Transport.WSS : Transport.WS,
                (InetSocketAddress) channel.getSourceAddress(),
                (InetSocketAddress) channel.getDestinationAddress(),
                new WebSocketSender(session));
        session.getUserProperties().put(FLOW, flow);
        sip.opened(flow);
    }

    /**
     * Frames arrive in parts as Undertow reads them, so an oversized message is refused after
     * {@value #MAX_FRAME} bytes instead of being buffered whole (RFC 6455 §7.4.1: 1009).
     */
    @OnMessage
    public void text(String part, boolean last, Session session) throws IOException {
        receive(part.getBytes(StandardCharsets.UTF_8), last, session);
    }

    @OnMessage
    public void binary(ByteBuffer part, boolean last, Session session) throws IOException {
        byte[] bytes = new byte[part.remaining()];
        part.get(bytes);
        receive(bytes, last, session);
    }

    private void receive(byte[] part, boolean last, Session session) throws IOException {
        ByteArrayOutputStream pending = (ByteArrayOutputStream) session.getUserProperties().get(PENDING);
        if (last && pending == null) {
            if (part.length > MAX_FRAME) {
                tooBig(session);
            } else {
                sip.receive(part, flow(session));
            }
            return;
        }
        if (pending == null) {
            pending = new ByteArrayOutputStream();
            session.getUserProperties().put(PENDING, pending);
        }
        if (pending.size() + part.length > MAX_FRAME) {
            session.getUserProperties().remove(PENDING);
            tooBig(session);
            return;
        }
        pending.write(part);
        if (last) {
            session.getUserProperties().remove(PENDING);
            sip.receive(pending.toByteArray(), flow(session));
        }
    }

    private static void tooBig(Session session) throws IOException {
        session.close(new CloseReason(CloseReason.CloseCodes.TOO_BIG, "SIP message over " + MAX_FRAME + " bytes"));
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        WebSocketFlow flow = flow(session);
        if (flow != null) {
            sip.closed(flow);
        }
    }

    @OnError
    public void error(Session session, Throwable error) {
        LOG.log(Level.FINE, "WebSocket " + session.getId() + " failed", error);
    }

    private static WebSocketFlow flow(Session session) {
        return (WebSocketFlow) session.getUserProperties().get(FLOW);
    }
}
