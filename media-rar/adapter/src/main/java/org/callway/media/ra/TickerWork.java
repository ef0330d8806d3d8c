package org.callway.media.ra;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The engine's one timer thread: every tick it paces ICE checks (Ta), retransmissions,
 * nomination and consent freshness for all legs. One thread whatever the number of legs.
 */
final class TickerWork extends LoopWork {

    private static final Logger LOG = Logger.getLogger(TickerWork.class.getName());

    private final Runnable tick;
    private final long periodMillis;

    TickerWork(Runnable tick, long periodMillis) {
        super("media ticker");
        this.tick = tick;
        this.periodMillis = periodMillis;
    }

    @Override
    void step() throws InterruptedException {
        try {
            tick.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "media tick failed", e);
        }
        Thread.sleep(periodMillis);
    }
}
