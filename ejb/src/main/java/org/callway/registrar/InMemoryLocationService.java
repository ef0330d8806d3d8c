package org.callway.registrar;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** The location service of a single server: a concurrent map from AOR to its bindings. */
@ApplicationScoped
public class InMemoryLocationService implements LocationService {

    private final Map<String, List<Binding>> byAor = new ConcurrentHashMap<>();

    @Override
    public List<Binding> bindings(String aor) {
        return byAor.getOrDefault(aor, List.of());
    }

    @Override
    public List<Binding> all() {
        List<Binding> all = new ArrayList<>();
        byAor.values().forEach(all::addAll);
        return all;
    }

    @Override
    public List<Binding> update(String aor, UnaryOperator<List<Binding>> update) {
        List<Binding> result = byAor.compute(aor, (key, current) -> {
            List<Binding> next = List.copyOf(update.apply(current == null ? List.of() : current));
            return next.isEmpty() ? null : next;
        });
        return result == null ? List.of() : result;
    }

    @Override
    public List<Binding> removeFlow(String flowId) {
        return removeIf(b -> b.flowId().equals(flowId));
    }

    @Override
    public List<Binding> expire(Instant now) {
        return removeIf(b -> !b.expires().isAfter(now));
    }

    private List<Binding> removeIf(java.util.function.Predicate<Binding> gone) {
        List<Binding> removed = new ArrayList<>();
        for (String aor : List.copyOf(byAor.keySet())) {
            byAor.computeIfPresent(aor, (key, current) -> {
                List<Binding> keep = new ArrayList<>(current.size());
                for (Binding b : current) {
                    if (gone.test(b)) {
                        removed.add(b);
                    } else {
                        keep.add(b);
                    }
                }
                return keep.isEmpty() ? null : List.copyOf(keep);
            });
        }
        return removed;
    }
}
