package org.callway.sip.transaction;

import org.callway.sip.transport.TransportLayer;

/** What every transaction needs from the layer: the transport, the clock, the timer bases, the table. */
record TransactionContext(TransportLayer transport, Scheduler scheduler, TimerSettings timers,
                          java.util.function.Consumer<Object> removed) {
}
