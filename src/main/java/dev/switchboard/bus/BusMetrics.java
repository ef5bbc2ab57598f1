package dev.switchboard.bus;

import dev.switchboard.observability.ApplicationRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/** Gauges of the bus: events published since start, events kept for replay, subscribers. */
@ApplicationScoped
public class BusMetrics {
    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    Instance<MetricRegistry> registries;

    @Inject
    EventBus bus;

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        ApplicationRegistry.of(registries, BusMetrics.class).ifPresent(this::registerIn);
    }

    void registerIn(MetricRegistry registry) {
        registry.gauge("switchboard.bus.events.published", bus, EventBus::publishedCount);
        registry.gauge("switchboard.bus.history.size", bus, EventBus::historyCount);
        registry.gauge("switchboard.bus.subscribers", bus, EventBus::subscriberCount);
    }
}
