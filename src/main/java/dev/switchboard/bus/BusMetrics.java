package dev.switchboard.bus;

import dev.switchboard.cluster.Cluster;
import dev.switchboard.observability.ApplicationRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Gauges of the bus: events published since start, events kept for replay, subscribers; with clustering
 * on, the events of the cluster's log this instance skipped because they were overwritten before it read them.
 */
@ApplicationScoped
public class BusMetrics {
    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    Instance<MetricRegistry> registries;

    @Inject
    EventBus bus;

    @Inject
    Cluster cluster;

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        ApplicationRegistry.of(registries, BusMetrics.class).ifPresent(this::registerIn);
    }

    void registerIn(MetricRegistry registry) {
        registry.gauge("switchboard.bus.events.published", bus, EventBus::publishedCount);
        registry.gauge("switchboard.bus.history.size", bus, EventBus::historyCount);
        registry.gauge("switchboard.bus.subscribers", bus, EventBus::subscriberCount);
        if (cluster.enabled()) {
            registry.gauge("switchboard.bus.reader.skipped", bus, EventBus::skippedCount);
        }
    }
}
