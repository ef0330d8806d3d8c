package org.callway.media.ra;

import jakarta.resource.spi.work.Work;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A long-lived Work that repeats one step until {@link #release()} (JCA 1.7 §11.4: release
 * asks the Work to end promptly; the container's thread is interrupted out of any wait). The
 * adapter's stop waits for {@link #awaitStopped} so undeploy leaves no thread behind.
 */
abstract class LoopWork implements Work {

    private final String name;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile Thread thread;

    LoopWork(String name) {
        this.name = name;
    }

    /** One turn of the loop; an interrupt ends the wait in it, and the loop then checks whether to go on. */
    abstract void step() throws InterruptedException;

    @Override
    public final void run() {
        WorkNames.run(name, () -> {
            thread = Thread.currentThread();
            try {
                while (running) {
                    try {
                        step();
                    } catch (InterruptedException e) {
                        // release() interrupts; the loop condition decides
                    }
                }
            } finally {
                stopped.countDown();
            }
        });
    }

    @Override
    public final void release() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    final boolean awaitStopped(long millis) throws InterruptedException {
        return stopped.await(millis, TimeUnit.MILLISECONDS);
    }
}
