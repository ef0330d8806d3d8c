package org.callway.sip.ua;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.callway.sip.transaction.Scheduler;

/** Transaction timers on the container's managed executor (no threads of our own, ARCHITECTURE.md). */
final class ManagedScheduler implements Scheduler {
    private final ManagedScheduledExecutorService executor;

    ManagedScheduler(ManagedScheduledExecutorService executor) {
        this.executor = executor;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> f = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }
}
