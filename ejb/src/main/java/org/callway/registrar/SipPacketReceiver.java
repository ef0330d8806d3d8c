package org.callway.registrar;

import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import org.callway.config.Transport;
import org.callway.media.api.sip.SipPacket;
import org.callway.media.api.sip.SipPacketListener;
import org.callway.media.api.sip.SipSocket;
import org.callway.sip.transport.Flow;
import org.callway.sip.transport.FlowSender;
import org.callway.sip.transport.StreamFlow;
import org.callway.sip.transport.UdpFlow;
import org.jboss.ejb3.annotation.ResourceAdapter;

/**
 * The inbound end of the adapter's SIP sockets (JCA inbound contract): each datagram or stream
 * chunk becomes bytes plus a flow for the SIP stack. The adapter's reader threads call in, one
 * at a time per socket, so a TCP connection's chunks arrive in order.
 */
@MessageDriven(messageListenerInterface = SipPacketListener.class)
@ResourceAdapter("callway-media")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SipPacketReceiver implements SipPacketListener {

    /** Writes on the adapter's socket behind a flow. */
    private record SocketSender(SipSocket socket) implements FlowSender {
        @Override
        public boolean send(Flow flow, InetSocketAddress destination, byte[] bytes) {
            return socket.send(destination, bytes);
        }

        @Override
        public void close(Flow flow) {
            socket.close();
        }
    }

    @Inject
    SipEndpoints endpoints;

    @Override
    public void onPacket(SipPacket packet) {
        endpoints.receive(packet.bytes(), flow(packet.transport(), packet.connection(), packet.remote(), packet.local()));
    }

    @Override
    public void onClosed(SipSocket connection) {
        endpoints.closedConnection(connection.id());
    }

    private Flow flow(String transport, SipSocket socket, InetSocketAddress remote, InetSocketAddress local) {
        if ("UDP".equals(transport)) {
            // RFC 5626 §3: a UDP flow is the 5-tuple; answers leave from the socket it came in on.
            return new UdpFlow("udp-" + remote.getAddress().getHostAddress() + ":" + remote.getPort(), remote, local,
                    new SocketSender(socket));
        }
        return endpoints.connection(socket.id()).orElseGet(() -> {
            Flow flow = new StreamFlow(socket.id(), Transport.parse(transport), remote, local, new SocketSender(socket));
            endpoints.opened(flow);
            return flow;
        });
    }
}
