package org.callway.media.ra;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One of a fixed number of workers sharing a job queue: they run what must block
 * (Bouncy Castle's DTLS handshakes). With N workers at most N handshakes progress at once;
 * the rest wait their turn in the queue (their datagrams are queued per leg meanwhile).
 */
final class WorkerPoolWork extends LoopWork {

    private static final Logger LOG = Logger.getLogger(WorkerPoolWork.class.getName());

    private final BlockingQueue<Runnable> jobs;

    WorkerPoolWork(BlockingQueue<Runnable> jobs) {
        super("media dtls worker");
        this.jobs = jobs;
    }

    @Override
    void step() throws InterruptedException {
        Runnable job = jobs.poll(200, TimeUnit.MILLISECONDS);
        if (job != null) {
            try {
                job.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "media job failed", e);
            }
        }
    }
}
