package org.callway.sip.transaction;

import java.time.Duration;

/**
 * Runs a task after a delay. In the container: Jakarta Concurrency's
 * ManagedScheduledExecutorService (no threads of our own); in tests: a fake clock.
 */
public interface Scheduler {

    /** A scheduled task that can still be cancelled. */
    interface Cancellable {
        void cancel();
    }

    Cancellable schedule(Duration delay, Runnable task);
}
