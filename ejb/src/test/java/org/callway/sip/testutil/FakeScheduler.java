package org.callway.sip.testutil;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import org.callway.sip.transaction.Scheduler;

/** A controllable clock: tasks run only when a test advances time, in due order. */
public final class FakeScheduler implements Scheduler {
    private final class Task implements Cancellable, Comparable<Task> {
        final long due;
        final long seq;
        final Runnable run;
        boolean cancelled;

        Task(long due, long seq, Runnable run) {
            this.due = due;
            this.seq = seq;
            this.run = run;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Task o) {
            return due != o.due ? Long.compare(due, o.due) : Long.compare(seq, o.seq);
        }
    }

    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long now;
    private long seq;

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        Task t = new Task(now + delay.toMillis(), seq++, task);
        queue.add(t);
        return t;
    }

    /** Milliseconds since the start. */
    public long now() {
        return now;
    }

    /** Moves time forward, running every task that falls due, at its due time. */
    public void advance(Duration d) {
        long until = now + d.toMillis();
        while (true) {
            Task t;
            synchronized (this) {
                t = queue.peek();
                if (t == null || t.due > until) break;
                queue.poll();
                now = t.due;
            }
            if (!t.cancelled) t.run.run();
        }
        now = until;
    }

    public void advanceMillis(long ms) {
        advance(Duration.ofMillis(ms));
    }

    /** Pending (not cancelled) tasks. */
    public synchronized List<Long> pendingDueTimes() {
        List<Long> out = new ArrayList<>();
        for (Task t : queue) if (!t.cancelled) out.add(t.due);
        out.sort(null);
        return out;
    }
}
