package org.callway.sip.ua;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import org.callway.sip.transport.Flow;

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

    private SipStack stack;

    @PostConstruct
    void init() {
        stack = new SipStack(SipStackConfig.DEFAULT, new ManagedScheduler(executor));
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
