package org.callway.metrics;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import org.callway.call.Cdr;
import org.callway.media.api.DropReason;
import org.callway.media.api.LegStats;

/**
 * Callway's meters. Components count where things happen and report here; gauges and counters
 * registered by a component read what it already keeps (the transport layer's counters, the
 * brute-force guard's) instead of copying it. The web module binds every meter to WildFly's
 * Micrometer registry (served in Prometheus format at {@code http://127.0.0.1:9990/metrics}):
 * WildFly gives its registry to the WAR, and ejb stays free of a metrics library.
 */
@ApplicationScoped
public class CallwayMetrics {

    /** A counter only ever increases; a gauge is read as it is (registrations, active calls). */
    public enum Kind { COUNTER, GAUGE }

    /** One time series: Prometheus name (dots become underscores), help text, label pairs, its value. */
    public record Meter(Kind kind, String name, String description, List<String> tags, DoubleSupplier value) {
    }

    private final List<Meter> meters = new CopyOnWriteArrayList<>();
    private final List<Consumer<Meter>> binders = new CopyOnWriteArrayList<>();
    private final LongAdder[] attempts = new LongAdder[Cdr.Disposition.values().length];
    private final LongAdder packetsIn = new LongAdder();
    private final LongAdder packetsOut = new LongAdder();
    private final LongAdder[] drops = new LongAdder[DropReason.values().length];
    private final LongAdder iceFailures = new LongAdder();
    private final LongAdder dtlsFailures = new LongAdder();
    private final LongAdder consentLost = new LongAdder();

    @PostConstruct
    void init() {
        // Every label value exists from the start at 0, so a scrape before the first call has the series.
        for (Cdr.Disposition d : Cdr.Disposition.values()) {
            attempts[d.ordinal()] = counter("callway.call.attempts", "call attempts by outcome, counted when they end",
                    "outcome", d.name().toLowerCase(Locale.ROOT));
        }
        String packets = "media packets of closed legs";
        counted("callway.media.packets", packets, packetsIn::sum, "direction", "in");
        counted("callway.media.packets", packets, packetsOut::sum, "direction", "out");
        for (DropReason r : DropReason.values()) {
            drops[r.ordinal()] = counter("callway.media.drops", "media packets dropped by closed legs, by reason",
                    "reason", r.name().toLowerCase(Locale.ROOT));
        }
        String failures = "ICE, DTLS and consent failures of media legs";
        counted("callway.media.failures", failures, iceFailures::sum, "kind", "ice");
        counted("callway.media.failures", failures, dtlsFailures::sum, "kind", "dtls");
        counted("callway.media.failures", failures, consentLost::sum, "kind", "consent");
    }

    private LongAdder counter(String name, String description, String... tags) {
        LongAdder adder = new LongAdder();
        counted(name, description, adder::sum, tags);
        return adder;
    }

    /** A value read when scraped. */
    public void gauge(String name, String description, DoubleSupplier value) {
        add(new Meter(Kind.GAUGE, name, description, List.of(), value));
    }

    /** A count something else keeps and only ever increases, read when scraped. */
    public void counted(String name, String description, DoubleSupplier count, String... tags) {
        add(new Meter(Kind.COUNTER, name, description, List.of(tags), count));
    }

    private void add(Meter meter) {
        meters.add(meter);
        binders.forEach(b -> b.accept(meter));
    }

    /** Hands {@code binder} every meter, those registered so far and those to come. */
    public void bind(Consumer<Meter> binder) {
        binders.add(binder);
        meters.forEach(binder);
    }

    /** One call attempt ended with this CDR disposition. */
    public void callAttempt(Cdr.Disposition outcome) {
        attempts[outcome.ordinal()].increment();
    }

    /** A media leg closed: its packets and its drops by reason join the totals. */
    public void legClosed(LegStats stats) {
        packetsIn.add(stats.packetsIn());
        packetsOut.add(stats.packetsOut());
        for (DropReason r : DropReason.values()) {
            drops[r.ordinal()].add(stats.dropped(r));
        }
    }

    public void iceFailed() {
        iceFailures.increment();
    }

    public void dtlsFailed() {
        dtlsFailures.increment();
    }

    public void consentLost() {
        consentLost.increment();
    }
}
