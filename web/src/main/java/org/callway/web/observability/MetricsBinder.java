package org.callway.web.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.function.DoubleSupplier;
import org.callway.metrics.CallwayMetrics;

/**
 * Binds ejb's {@link CallwayMetrics} to the Micrometer registry WildFly's micrometer subsystem
 * gives this WAR; its Prometheus registry serves them at {@code http://127.0.0.1:9990/metrics}
 * ({@code callway.call.attempts} becomes {@code callway_call_attempts_total}).
 */
@ApplicationScoped
public class MetricsBinder {

    @Inject
    MeterRegistry registry;

    @Inject
    CallwayMetrics metrics;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        metrics.bind(this::register);
    }

    /**
     * Through the registry's own methods, not the meter builders: WildFly's per-deployment
     * registry forwards these to the server's registries, while a builder's register() would
     * keep the meter in the deployment's local registry, never scraped. Micrometer holds the
     * supplier weakly; CallwayMetrics keeps it for the application's life.
     */
    private void register(CallwayMetrics.Meter meter) {
        Tags tags = Tags.of(meter.tags().toArray(String[]::new));
        if (meter.kind() == CallwayMetrics.Kind.GAUGE) {
            registry.gauge(meter.name(), tags, meter.value(), DoubleSupplier::getAsDouble);
        } else {
            registry.more().counter(meter.name(), tags, meter.value(), DoubleSupplier::getAsDouble);
        }
    }
}
