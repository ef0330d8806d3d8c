package org.callway.media.ra;

import jakarta.resource.spi.work.Work;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One of a fixed number of workers sharing a job queue: they run what must block
 * (Bouncy Castle's DTLS handshakes). With N workers at most N handshakes progress at once;
 * the rest wait their turn in the queue (their datagrams are queued per leg meanwhile).
 */
final class WorkerPoolWork implements Work {

    private static final Logger LOG = Logger.getLogger(WorkerPoolWork.class.getName());

    private final BlockingQueue<Runnable> jobs;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile Thread thread;

    WorkerPoolWork(BlockingQueue<Runnable> jobs) {
        this.jobs = jobs;
    }

    @Override
    public void run() {
        WorkNames.run("media dtls worker", this::loop);
    }

    private void loop() {
        thread = Thread.currentThread();
        try {
            while (running) {
                Runnable job;
                try {
                    job = jobs.poll(200, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    continue;
                }
                if (job != null) {
                    try {
                        job.run();
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "media job failed", e);
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
