package org.callway.sip.ua;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.callway.metrics.CallwayMetrics;
import org.callway.sip.transport.Flow;
import org.callway.sip.transport.TransportStats;

/**
 * CDI wiring of the SIP stack: one per application, timers on the default
 * ManagedScheduledExecutorService. The WebSocket endpoint and the resource adapter's inbound
 * listener inject this bean and call {@link #receive(byte[], Flow)}; the registrar and call
 * service register their handlers in their own {@code @PostConstruct}.
 */
@ApplicationScoped
public class SipStackBean {

    @Resource
    ManagedScheduledExecutorService executor;

    @Inject
    CallwayMetrics metrics;

    private SipStack stack;

    @PostConstruct
    void init() {
        stack = new SipStack(SipStackConfig.DEFAULT, new ManagedScheduler(executor));
        TransportStats stats = stack.stats();
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

    public void receive(byte[] bytes, Flow flow) {
        stack.receive(bytes, flow);
    }

    public void closed(Flow flow) {
        stack.closed(flow);
    }

    public void register(String method, RequestHandler handler) {
        stack.register(method, handler);
    }
}
