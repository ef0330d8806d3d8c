package org.callway.sip.ua;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.callway.metrics.CallwayMetrics;
import org.callway.sip.transport.Flow;
import org.callway.sip.transport.SerialLanes;
import org.callway.sip.transport.TransportStats;

/**
 * CDI wiring of the SIP stack: one per application, timers on the default
 * ManagedScheduledExecutorService. The WebSocket endpoint and the resource adapter's inbound
 * listener inject this bean and call {@link #receive(byte[], Flow)}; the registrar and call
 * service register their handlers in their own {@code @PostConstruct}.
 */
@ApplicationScoped
public class SipStackBean {

    /** Lanes for parsed messages: enough that calls rarely share one, each bounded. */
    static final int LANES = 64;
    static final int LANE_CAPACITY = 500;

    @Resource
    ManagedScheduledExecutorService executor;

    /** Runs the lanes: the default pool, sized by WildFly for the cores. */
    @Resource
    ManagedExecutorService workers;

    @Inject
    CallwayMetrics metrics;

    private SipStack stack;
    private SerialLanes lanes;

    @PostConstruct
    void init() {
        lanes = new SerialLanes(workers, LANES, LANE_CAPACITY);
        stack = new SipStack(SipStackConfig.DEFAULT, new ManagedScheduler(executor), lanes);
        TransportStats stats = stack.stats();
        metrics.counted("callway.sip.overloaded", "SIP messages refused because their lane was full",
                stats::overloaded);
        // Dialogs end with their BYE (RFC 3261 §15): more dialogs than twice the calls is a leak.
        metrics.gauge("callway.sip.dialogs", "SIP dialogs open", stack.dialogs()::size);
        metrics.counted("callway.sip.messages", "well-formed SIP messages received", stats::messages);
        // Parse failures: answered with 400/505/513 (rejected) or unanswerable (dropped).
        metrics.counted("callway.sip.parse.failures", "malformed SIP messages", stats::rejected,
                "handling", "rejected");
        metrics.counted("callway.sip.parse.failures", "malformed SIP messages", stats::dropped,
                "handling", "dropped");
    }

    public SipStack stack() {
        return stack;
    }

    /**
     * A fresh Call-ID for a leg we start on behalf of {@code callId}, in the same lane: both legs
     * of a B2BUA call are then handled one message at a time, never racing each other.
     */
    public String callIdBeside(String callId) {
        return lanes.keyInLane("cw-" + java.util.UUID.randomUUID() + "-", lanes.laneOf(callId));
    }

    public void receive(byte[] bytes, Flow flow) {
        stack.receive(bytes, flow);
    }

    public void closed(Flow flow) {
        stack.closed(flow);
    }

    public void afterQueued(Runnable task) {
        stack.afterQueued(task);
    }

    public void register(String method, RequestHandler handler) {
        stack.register(method, handler);
    }
}
