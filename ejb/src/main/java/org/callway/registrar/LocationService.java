package org.callway.registrar;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Where registered contacts live (RFC 3261 §10: the location service). An interface so a
 * clustered store can replace the in-memory one without touching the registrar.
 */
public interface LocationService {

    /** The live bindings of an address-of-record. */
    List<Binding> bindings(String aor);

    /** Every live binding, for the admin API. */
    List<Binding> all();

    /**
     * Replaces the bindings of {@code aor} with what {@code update} makes of the current ones,
     * atomically per AOR (two REGISTERs for one AOR never interleave, §10.3 step 6).
     */
    List<Binding> update(String aor, UnaryOperator<List<Binding>> update);

    /** A connection closed: its bindings can no longer be reached (RFC 5626 §5.2). */
    List<Binding> removeFlow(String flowId);

    /** Drops bindings whose expiry has passed; returns them. */
    List<Binding> expire(Instant now);
}
