package org.callway.registrar;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Brute-force guard, fail2ban's rule built in: after {@code limit} failed authentications from
 * one source address within {@code window}, that address gets 403 for {@code cooldown}.
 */
public final class AuthFailureLimiter {

    private final int limit;
    private final Duration window;
    private final Duration cooldown;
    private final Clock clock;
    private final Map<InetAddress, Deque<Long>> failures = new ConcurrentHashMap<>();
    private final Map<InetAddress, Long> blockedUntil = new ConcurrentHashMap<>();
    private final AtomicLong failureCount = new AtomicLong();
    private final AtomicLong blockedCount = new AtomicLong();

    public AuthFailureLimiter(int limit, Duration window, Duration cooldown, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.cooldown = cooldown;
        this.clock = clock;
    }

    /** Whether requests from {@code source} are refused now (and counts the refusal). */
    public boolean blocked(InetAddress source) {
        Long until = blockedUntil.get(source);
        if (until == null) {
            return false;
        }
        if (until <= clock.millis()) {
            blockedUntil.remove(source, until);
            return false;
        }
        blockedCount.incrementAndGet();
        return true;
    }

    /** Records a failure; returns whether {@code source} is now blocked. */
    public boolean failed(InetAddress source) {
        failureCount.incrementAndGet();
        long now = clock.millis();
        Deque<Long> times = failures.computeIfAbsent(source, s -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(now);
            while (!times.isEmpty() && times.peekFirst() <= now - window.toMillis()) {
                times.removeFirst();
            }
            if (times.size() >= limit) {
                times.clear();
                blockedUntil.put(source, now + cooldown.toMillis());
                return true;
            }
        }
        return false;
    }

    /** Forgets sources with nothing recent; called from the registrar's sweep. */
    public void sweep() {
        long now = clock.millis();
        failures.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return e.getValue().isEmpty() || e.getValue().peekLast() <= now - window.toMillis();
            }
        });
        blockedUntil.values().removeIf(until -> until <= now);
    }

    public long failures() {
        return failureCount.get();
    }

    public long refusals() {
        return blockedCount.get();
    }
}
