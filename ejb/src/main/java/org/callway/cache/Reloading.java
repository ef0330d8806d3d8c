package org.callway.cache;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A value read from the database once and kept until a write invalidates it: what the call path
 * reads on every INVITE (peers, the dial plan) changes only through the admin API. Invalidate
 * after the writing transaction completes; a load that raced the write is tagged with the older
 * generation and is replaced on the next read.
 */
public final class Reloading<T> {

    private record Loaded<T>(long generation, T value) {
    }

    private final Supplier<T> loader;
    private final AtomicLong generation = new AtomicLong();
    private volatile Loaded<T> loaded;

    public Reloading(Supplier<T> loader) {
        this.loader = loader;
    }

    public T get() {
        Loaded<T> l = loaded;
        long current = generation.get();
        if (l == null || l.generation() != current) {
            l = new Loaded<>(current, loader.get());
            loaded = l;
        }
        return l.value();
    }

    public void invalidate() {
        generation.incrementAndGet();
    }
}
