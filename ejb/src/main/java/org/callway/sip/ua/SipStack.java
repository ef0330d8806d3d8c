package org.callway.sip.ua;

import org.callway.sip.dialog.DialogLayer;
import org.callway.sip.parser.SipParser;
import org.callway.sip.transaction.Scheduler;
import org.callway.sip.transaction.TransactionLayer;
import org.callway.sip.transport.Flow;
import org.callway.sip.transport.Lanes;
import org.callway.sip.transport.TransportLayer;
import org.callway.sip.transport.TransportStats;

/**
 * The assembled stack: parser, transport, transaction, dialog and UA core layers. Plain Java, so
 * tests build it with a fake {@link Scheduler}; in the container {@link SipStackBean} builds it on
 * the managed executor.
 *
 * <p>Transports call {@link #receive(byte[], Flow)} for every datagram, WebSocket frame or stream
 * chunk, and {@link #closed(Flow)} when a connection goes away. Upper layers register per-method
 * handlers with {@link #register(String, RequestHandler)}.
 */
public final class SipStack {
    private final TransportLayer transport;
    private final TransactionLayer transactions;
    private final DialogLayer dialogs;
    private final UaCore ua;

    public SipStack(SipStackConfig config, Scheduler scheduler) {
        this(config, scheduler, Lanes.DIRECT);
    }

    /** @param lanes where messages are handled once parsed, in order per Call-ID */
    public SipStack(SipStackConfig config, Scheduler scheduler, Lanes lanes) {
        this.transport = new TransportLayer(new SipParser(config.limits()), config.forceRport(), lanes);
        this.transactions = new TransactionLayer(transport, scheduler, config.timers());
        this.dialogs = new DialogLayer(transactions);
        this.ua = new UaCore(dialogs, config.ua(), scheduler, config.timers());
    }

    /** The single entry point for real transports: bytes read from {@code flow}. */
    public void receive(byte[] bytes, Flow flow) {
        transport.receive(bytes, flow);
    }

    /** A connection flow closed: drop its partial stream state. */
    public void closed(Flow flow) {
        transport.closed(flow);
    }

    /** Runs {@code task} once every message received so far has been handled. */
    public void afterQueued(Runnable task) {
        transport.afterQueued(task);
    }

    public void register(String method, RequestHandler handler) {
        ua.register(method, handler);
    }

    public UaCore ua() {
        return ua;
    }

    /** For the call service: dialogs, and sending requests in client transactions. */
    public DialogLayer dialogs() {
        return dialogs;
    }

    public TransportStats stats() {
        return transport.stats();
    }
}
