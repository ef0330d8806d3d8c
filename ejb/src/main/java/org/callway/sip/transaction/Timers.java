package org.callway.sip.transaction;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/** The running timers of one transaction; a fired timer is fed back as an input. */
final class Timers {
    private final Scheduler scheduler;
    private final Consumer<Timer> fire;
    private final Map<Timer, Scheduler.Cancellable> running = new EnumMap<>(Timer.class);
    private final Map<Timer, Duration> intervals = new EnumMap<>(Timer.class);

    Timers(Scheduler scheduler, Consumer<Timer> fire) {
        this.scheduler = scheduler;
        this.fire = fire;
    }

    void start(Timer t, Duration d) {
        cancel(t);
        intervals.put(t, d);
        if (d.isZero()) {
            fire.accept(t); // reliable transports: D, I, J, K are zero — fire now, no scheduling
            return;
        }
        running.put(t, scheduler.schedule(d, () -> fire.accept(t)));
    }

    Duration interval(Timer t) {
        return intervals.get(t);
    }

    void cancel(Timer t) {
        Scheduler.Cancellable c = running.remove(t);
        if (c != null) c.cancel();
    }

    void cancelAll() {
        running.values().forEach(Scheduler.Cancellable::cancel);
        running.clear();
    }

    static Duration doubled(Duration d, Duration cap) {
        Duration x = d.multipliedBy(2);
        return cap != null && x.compareTo(cap) > 0 ? cap : x;
    }
}
