package org.callway.registrar;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.callway.sip.transport.Flow;
import org.callway.sip.ua.SipStackBean;

/**
 * What the real transports (the WebSocket endpoint, the adapter's listeners) talk to: bytes in,
 * connections opened and closed. A closed connection takes its registrations with it (RFC 5626
 * §5.2: nothing else can reach a WebSocket client).
 */
@ApplicationScoped
public class SipEndpoints {

    @Inject
    SipStackBean sip;

    @Inject
    LocationService location;

    private final Map<String, Flow> connections = new ConcurrentHashMap<>();

    public void opened(Flow flow) {
        connections.put(flow.id(), flow);
    }

    public void receive(byte[] bytes, Flow flow) {
        sip.receive(bytes, flow);
    }

    public void closed(Flow flow) {
        connections.remove(flow.id());
        sip.closed(flow);
        location.removeFlow(flow.id());
        // A REGISTER read from this connection just before it closed may still wait in its lane
        // and would bind the dead flow again: take its bindings once more when that has run.
        sip.afterQueued(() -> location.removeFlow(flow.id()));
    }

    /** A connection the adapter closed, known by its id only. */
    public void closedConnection(String flowId) {
        Flow flow = connections.get(flowId);
        if (flow != null) {
            closed(flow);
        }
    }

    /** A live connection-oriented flow by id, to send on or close. */
    public Optional<Flow> connection(String flowId) {
        return Optional.ofNullable(connections.get(flowId));
    }

    public int openConnections() {
        return connections.size();
    }
}
