package org.callway.sip.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SerialLanesTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void tasksOfOneKeyRunInOrderAndNeverAtOnce() throws Exception {
        SerialLanes lanes = new SerialLanes(pool, 8, 10_000);
        Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        int keys = 20;
        int perKey = 300;
        CountDownLatch done = new CountDownLatch(keys * perKey);
        for (int i = 0; i < perKey; i++) {
            for (int k = 0; k < keys; k++) {
                String key = "call-" + k;
                int n = i;
                assertTrue(lanes.run(key, () -> {
                    if (running.computeIfAbsent(key, x -> new AtomicInteger()).incrementAndGet() > 1) {
                        overlaps.incrementAndGet();
                    }
                    seen.computeIfAbsent(key, x -> Collections.synchronizedList(new ArrayList<>())).add(n);
                    running.get(key).decrementAndGet();
                    done.countDown();
                }));
            }
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(0, overlaps.get(), "a key's tasks overlapped");
        for (int k = 0; k < keys; k++) {
            List<Integer> order = seen.get("call-" + k);
            for (int i = 0; i < perKey; i++) {
                assertEquals(i, order.get(i), "order of call-" + k);
            }
        }
    }

    @Test
    void differentLanesRunInParallel() throws Exception {
        SerialLanes lanes = new SerialLanes(pool, 64, 10);
        String a = "a";
        String b = "b";
        while (lanes.laneOf(b) == lanes.laneOf(a)) {
            b += "b";
        }
        CountDownLatch bothIn = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        Runnable meet = () -> {
            bothIn.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        lanes.run(a, meet);
        lanes.run(b, meet);
        assertTrue(bothIn.await(5, TimeUnit.SECONDS), "two calls were handled at the same time");
        release.countDown();
    }

    @Test
    void aFullLaneRefusesAndCountsAndTheOthersStillRun() throws Exception {
        SerialLanes lanes = new SerialLanes(pool, 2, 3);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        String key = "busy";
        lanes.run(key, () -> {
            started.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(started.await(5, TimeUnit.SECONDS));
        for (int i = 0; i < 3; i++) {
            assertTrue(lanes.run(key, () -> { }), "waiting task " + i);
        }
        assertFalse(lanes.run(key, () -> { }), "the fourth waiting task is refused");
        assertEquals(1, lanes.refused());
        String other = "x";
        while (lanes.laneOf(other) == lanes.laneOf(key)) {
            other += "x";
        }
        CountDownLatch ran = new CountDownLatch(1);
        assertTrue(lanes.run(other, ran::countDown));
        assertTrue(ran.await(5, TimeUnit.SECONDS), "the other lane is not held up");
        release.countDown();
    }

    @Test
    void aKeyCanBeMadeForEveryLaneAndLandsThere() {
        SerialLanes lanes = new SerialLanes(pool, 64, 1);
        for (int lane = 0; lane < 64; lane++) {
            for (String prefix : new String[] {"cw-", "cw-0f8fad5b-d9cb-469f-a165-70867728950e-", ""}) {
                String key = lanes.keyInLane(prefix, lane);
                assertEquals(lane, lanes.laneOf(key), key);
                assertTrue(key.startsWith(prefix) && key.length() == prefix.length() + 2, key);
                assertTrue(key.substring(prefix.length()).chars().allMatch(Character::isLetterOrDigit),
                        "RFC 3261 §25.1: a Call-ID is word characters: " + key);
            }
        }
    }

    @Test
    void laneCountsThatAreNoPowerOfTwoAreRefused() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new SerialLanes(pool, 48, 10));
    }

    @Test
    void afterQueuedRunsOnceEveryLaneHasHandledWhatItHeld() throws Exception {
        SerialLanes lanes = new SerialLanes(pool, 4, 1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        String key = "held";
        CountDownLatch running = new CountDownLatch(1);
        assertTrue(lanes.run(key, () -> {
            running.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            order.add("queued before");
        }));
        assertTrue(running.await(5, TimeUnit.SECONDS));
        assertTrue(lanes.run(key, () -> order.add("waiting")), "the lane holds one waiting task");
        CountDownLatch done = new CountDownLatch(1);
        lanes.afterQueued(() -> {
            order.add("after");
            done.countDown();
        });
        Thread.sleep(100);
        assertEquals(List.of(), order, "nothing runs ahead of the held lane");
        release.countDown();
        assertTrue(done.await(5, TimeUnit.SECONDS), "not refused though the lane was full");
        assertEquals(List.of("queued before", "waiting", "after"), order);
    }
}
