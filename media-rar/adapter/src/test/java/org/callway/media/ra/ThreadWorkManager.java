package org.callway.media.ra;

import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands in for WildFly's WorkManager outside the container: one named thread per Work, all recorded. */
final class ThreadWorkManager implements WorkManager {

    final List<Thread> threads = new CopyOnWriteArrayList<>();

    @Override
    public void doWork(Work work) {
        work.run();
    }

    @Override
    public void doWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener) {
        work.run();
    }

    @Override
    public long startWork(Work work) {
        scheduleWork(work);
        return 0;
    }

    @Override
    public long startWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener) {
        scheduleWork(work);
        return 0;
    }

    @Override
    public void scheduleWork(Work work) {
        Thread thread = new Thread(work, "test-work-" + threads.size() + "-" + work.getClass().getSimpleName());
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    @Override
    public void scheduleWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener) {
        scheduleWork(work);
    }

    long alive() {
        return threads.stream().filter(Thread::isAlive).count();
    }
}
