package org.callway.web.ws;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;

/**
 * Refuses a WebSocket handshake on {@code /ws} that does not offer the {@code sip}
 * subprotocol. JSR 356 would otherwise accept it with no subprotocol at all, and the
 * client would believe it speaks SIP to us (RFC 7118 §4.1: the server must not accept
 * without it; RFC 6455 §4.2.2 lets it fail the handshake with an HTTP error).
 */
@WebFilter(urlPatterns = "/ws", asyncSupported = true)
public class SipSubprotocolFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade")) && !offersSip(request)) {
            response.setHeader("Sec-WebSocket-Version", "13");
            response.sendError(HttpServletResponse.SC_BAD_REQUEST,
                    "WebSocket subprotocol 'sip' required (RFC 7118)");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean offersSip(HttpServletRequest request) {
        return Collections.list(request.getHeaders("Sec-WebSocket-Protocol")).stream()
                .flatMap(h -> Arrays.stream(h.split(",")))
                .anyMatch(p -> p.trim().equalsIgnoreCase(SipWebSocketEndpoint.SUBPROTOCOL));
    }
}
