package dev.switchboard.bus;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/** Gauges of the bus: events published since start, events kept for replay, subscribers. */
@ApplicationScoped
public class BusMetrics {
    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    @Inject
    EventBus bus;

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        registry.gauge("switchboard.bus.events.published", bus, EventBus::publishedCount);
        registry.gauge("switchboard.bus.history.size", bus, EventBus::historyCount);
        registry.gauge("switchboard.bus.subscribers", bus, EventBus::subscriberCount);
    }
}
