package dev.switchboard.cluster;

import dev.switchboard.observability.ApplicationRegistry;
import dev.switchboard.observability.HistogramGauges;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * With clustering on: the cluster's size, this instance's member id (a gauge of 1 tagged {@code member}),
 * and how long publishing onto the grid takes.
 */
@ApplicationScoped
public class ClusterMetrics {
    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    Instance<MetricRegistry> registries;

    @Inject
    Cluster cluster;

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (cluster.enabled()) {
            ApplicationRegistry.of(registries, ClusterMetrics.class).ifPresent(this::registerIn);
        }
    }

    void registerIn(MetricRegistry registry) {
        registry.gauge("switchboard.cluster.members", cluster, Cluster::memberCount);
        registry.gauge("switchboard.cluster.member", cluster, c -> 1, new Tag("member", cluster.memberId()));
        HistogramGauges.register(registry, "switchboard.cluster.publish.seconds", cluster.publishLatency());
    }
}
