package org.callway.sip.transport;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
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
    /** What {@link #keyInLane} appends: RFC 3261 §25.1 word characters. */
    private static final String KEY_CHARS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private final Executor executor;
    private final Lane[] lanes;
    private final int capacity;
    private final AtomicLong refused = new AtomicLong();

    /** @param lanes a power of two, so a key's lane is the low bits of its hash */
    public SerialLanes(Executor executor, int lanes, int capacity) {
        if (lanes < 1 || Integer.bitCount(lanes) != 1 || capacity < 1) {
            throw new IllegalArgumentException("lanes must be a power of two and capacity positive");
        }
        this.executor = executor;
        this.capacity = capacity;
        this.lanes = new Lane[lanes];
        for (int i = 0; i < lanes; i++) {
            this.lanes[i] = new Lane();
        }
    }

    /** The lane of a key: stable, so a B2BUA can pick a Call-ID for its other leg in the same lane. */
    public int laneOf(String key) {
        return key.hashCode() & (lanes.length - 1);
    }

    /**
     * {@code prefix} plus two letters or digits, chosen so the result is in {@code lane}. String
     * hashes are {@code h * 31 + c} per character, and the lane is the hash's low bits, so the
     * two characters are found by arithmetic, without making candidate strings.
     */
    public String keyInLane(String prefix, int lane) {
        int mask = lanes.length - 1;
        int h = prefix.hashCode() * 31 * 31;
        for (int i = 0; i < KEY_CHARS.length(); i++) {
            char c1 = KEY_CHARS.charAt(i);
            for (int j = 0; j < KEY_CHARS.length(); j++) {
                char c2 = KEY_CHARS.charAt(j);
                if (((h + c1 * 31 + c2) & mask) == lane) {
                    return prefix + c1 + c2;
                }
            }
        }
        throw new IllegalArgumentException("no lane " + lane + " of " + lanes.length);
    }

    public int lanes() {
        return lanes.length;
    }

    @Override
    public boolean run(String key, Runnable task) {
        if (lanes[laneOf(key)].offer(task)) {
            return true;
        }
        refused.incrementAndGet();
        return false;
    }

    /**
     * Runs {@code task} once every lane has run what it held when this was called: what arrived
     * before, say, a connection closed has been handled by then. Not refused when lanes are full.
     */
    public void afterQueued(Runnable task) {
        AtomicInteger left = new AtomicInteger(lanes.length);
        for (Lane lane : lanes) {
            lane.force(() -> {
                if (left.decrementAndGet() == 0) {
                    task.run();
                }
            });
        }
    }

    /** Tasks refused because their lane was full. */
    public long refused() {
        return refused.get();
    }

    private final class Lane implements Runnable {
        private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
        private boolean scheduled;

        boolean offer(Runnable task) {
            return enqueue(task, false);
        }

        void force(Runnable task) {
            enqueue(task, true);
        }

        private boolean enqueue(Runnable task, boolean always) {
            synchronized (this) {
                if (!always && queue.size() >= capacity) {
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
