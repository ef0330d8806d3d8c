package org.callway.media.ra;

import jakarta.resource.spi.work.Work;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The engine's one timer thread: every tick it paces ICE checks (Ta), retransmissions,
 * nomination and consent freshness for all legs. One thread whatever the number of legs.
 */
final class TickerWork implements Work {

    private static final Logger LOG = Logger.getLogger(TickerWork.class.getName());

    private final Runnable tick;
    private final long periodMillis;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile Thread thread;

    TickerWork(Runnable tick, long periodMillis) {
        this.tick = tick;
        this.periodMillis = periodMillis;
    }

    @Override
    public void run() {
        WorkNames.run("media ticker", this::loop);
    }

    private void loop() {
        thread = Thread.currentThread();
        try {
            while (running) {
                try {
                    tick.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "media tick failed", e);
                }
                try {
                    Thread.sleep(periodMillis);
                } catch (InterruptedException e) {
                    if (!running) {
                        break;
                    }
                }
            }
        } finally {
            stopped.countDown();
        }
    }

    @Override
    public void release() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    boolean awaitStopped(long millis) throws InterruptedException {
        return stopped.await(millis, TimeUnit.MILLISECONDS);
    }
}
