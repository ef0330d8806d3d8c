package org.callway.sip.transport;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fixed number of serial lanes over a shared executor: a key always maps to the same lane, a
 * lane runs its tasks one after another on whatever executor thread picks it up, and no lane
 * holds more than {@code capacity} waiting tasks. No thread per call or per connection: the
 * executor's pool does the work, the lanes only order it.
 */
public final class SerialLanes implements Lanes {

    private static final System.Logger LOG = System.getLogger(SerialLanes.class.getName());
    /** Tasks a lane runs before yielding its thread, so one busy call cannot starve the rest. */
    private static final int BATCH = 64;

    private final Executor executor;
    private final Lane[] lanes;
    private final int capacity;
    private final AtomicLong refused = new AtomicLong();

    public SerialLanes(Executor executor, int lanes, int capacity) {
        if (lanes < 1 || capacity < 1) {
            throw new IllegalArgumentException("lanes and capacity must be positive");
        }
        this.executor = executor;
        this.capacity = capacity;
        this.lanes = new Lane[lanes];
        for (int i = 0; i < lanes; i++) {
            this.lanes[i] = new Lane();
        }
    }

    /** The lane of a key: stable, so a B2BUA can pick a Call-ID for its other leg in the same lane. */
    public static int laneOf(String key, int lanes) {
        return Math.floorMod(key.hashCode(), lanes);
    }

    public int lanes() {
        return lanes.length;
    }

    @Override
    public boolean run(String key, Runnable task) {
        if (lanes[laneOf(key, lanes.length)].offer(task)) {
            return true;
        }
        refused.incrementAndGet();
        return false;
    }

    /** Tasks refused because their lane was full. */
    public long refused() {
        return refused.get();
    }

    /** Tasks waiting in all lanes. */
    public int waiting() {
        int n = 0;
        for (Lane l : lanes) {
            n += l.size();
        }
        return n;
    }

    private final class Lane implements Runnable {
        private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
        private boolean scheduled;

        synchronized int size() {
            return queue.size();
        }

        boolean offer(Runnable task) {
            synchronized (this) {
                if (queue.size() >= capacity) {
                    return false;
                }
                queue.add(task);
                if (scheduled) {
                    return true;
                }
                scheduled = true;
            }
            schedule();
            return true;
        }

        private void schedule() {
            try {
                executor.execute(this);
            } catch (RejectedExecutionException e) {
                // shutting down: what waits is dropped, as a datagram would be
                synchronized (this) {
                    queue.clear();
                    scheduled = false;
                }
            }
        }

        @Override
        public void run() {
            for (int i = 0; i < BATCH; i++) {
                Runnable task;
                synchronized (this) {
                    task = queue.poll();
                    if (task == null) {
                        scheduled = false;
                        return;
                    }
                }
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "SIP task failed", e);
                }
            }
            schedule(); // more waits: back of the executor's queue, behind the other lanes
        }
    }
}
