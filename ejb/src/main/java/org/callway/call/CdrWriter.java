package org.callway.call;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes CDRs off the SIP path: a call's end queues its CDR and a pool thread commits what has
 * queued in batches, one transaction each (a commit per call on the SIP thread was a fifth of
 * call setup's cost). The queue is bounded; when it is full the caller writes itself, so a CDR
 * is late under overload but never lost. Readers call {@link #flush()} first and see every CDR
 * of the calls that ended before they asked.
 */
@ApplicationScoped
public class CdrWriter {

    private static final Logger LOG = Logger.getLogger(CdrWriter.class.getName());
    private static final int CAPACITY = 10_000;
    private static final int BATCH = 200;
    private static final long FLUSH_WAIT_MILLIS = 5_000;

    @Inject
    CdrRepository cdrs;

    @Resource
    ManagedExecutorService executor;

    private final BlockingQueue<Cdr> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicBoolean draining = new AtomicBoolean();
    private final Object progress = new Object();
    /** CDRs accepted, and CDRs finished (written, or failed and logged); guarded by progress. */
    private long accepted;
    private long finished;

    public void write(Cdr cdr) {
        boolean queued;
        synchronized (progress) {
            accepted++;
            queued = queue.offer(cdr);
        }
        if (queued) {
            kick();
        } else {
            save(List.of(cdr)); // full: this thread pays, nothing is dropped
        }
    }

    /** Waits (up to a few seconds) until every CDR accepted before this call is in the database. */
    public void flush() {
        long target;
        synchronized (progress) {
            target = accepted;
        }
        kick();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FLUSH_WAIT_MILLIS);
        synchronized (progress) {
            while (finished < target) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    LOG.warning("CDRs still queued after " + FLUSH_WAIT_MILLIS + " ms: " + (target - finished));
                    return;
                }
                try {
                    progress.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void kick() {
        if (queue.isEmpty() || !draining.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            draining.set(false);
            drainHere(); // shutting down: write on this thread
        }
    }

    private void drain() {
        try {
            drainHere();
        } finally {
            draining.set(false);
        }
        kick(); // a CDR queued after the last drainTo but before the flag dropped
    }

    private void drainHere() {
        List<Cdr> batch = new ArrayList<>(BATCH);
        while (queue.drainTo(batch, BATCH) > 0) {
            save(batch);
            batch.clear();
        }
    }

    private void save(List<Cdr> batch) {
        try {
            cdrs.saveAll(batch);
        } catch (RuntimeException e) {
            // One bad row must not take its batch with it: retry each on its own.
            for (Cdr cdr : batch) {
                try {
                    cdrs.saveAll(List.of(cdr));
                } catch (RuntimeException single) {
                    LOG.log(Level.WARNING, "could not write the CDR of " + cdr.getCallId(), single);
                }
            }
        } finally {
            synchronized (progress) {
                finished += batch.size();
                progress.notifyAll();
            }
        }
    }

    @PreDestroy
    void close() {
        drainHere(); // undeploy or shutdown: what is queued is written now
    }
}
