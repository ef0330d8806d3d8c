package org.callway.web.ws;

import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * SIP over WebSocket (RFC 7118) at {@code /ws}, Asterisk's path. The handshake must
 * offer the {@code sip} subprotocol (RFC 7118 §4.1); {@link SipSubprotocolFilter}
 * refuses one that does not before it reaches here.
 */
@ServerEndpoint(value = "/ws", subprotocols = SipWebSocketEndpoint.SUBPROTOCOL)
public class SipWebSocketEndpoint {

    public static final String SUBPROTOCOL = "sip";

    /** A SIP message larger than this in one frame closes the connection (1009). */
    static final int MAX_FRAME = 64 * 1024;

    @OnOpen
    public void open(Session session) {
        session.setMaxTextMessageBufferSize(MAX_FRAME);
        session.setMaxBinaryMessageBufferSize(MAX_FRAME);
    }
}
