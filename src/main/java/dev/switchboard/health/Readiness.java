package dev.switchboard.health;

import dev.switchboard.bus.EventBus;
import dev.switchboard.cluster.Cluster;
import dev.switchboard.concurrent.Workers;
import dev.switchboard.lifecycle.Lifecycle;
import dev.switchboard.websocket.Outboxes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /health/ready}: UP while the server takes new work. DOWN when it is shutting down, when every
 * worker thread is busy (blocking calls, runs and agent answers would be refused), or when the bus is
 * configured on but not available, or, with clustering on, until this instance has joined a cluster of
 * {@code switchboard.cluster.min-members}.
 */
@org.eclipse.microprofile.health.Readiness
@ApplicationScoped
public class Readiness implements HealthCheck {
    @Inject
    Lifecycle lifecycle;

    @Inject
    Workers workers;

    @Inject
    EventBus bus;

    @Inject
    Outboxes outboxes;

    @Inject
    Cluster cluster;

    @Override
    public HealthCheckResponse call() {
        boolean shuttingDown = lifecycle.isShuttingDown();
        boolean workersFree = workers.acceptsWork();
        boolean busUp = !bus.isEnabled() || bus.isAvailable();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("shutting-down", shuttingDown);
        // long, String or boolean only (the MicroProfile Health data types): WildFly's SmallRye drops an Integer.
        data.put("workers-busy", (long) workers.busyThreads());
        data.put("workers-max", (long) workers.maxThreads());
        data.put("bus", bus.isEnabled() ? (busUp ? "up" : "down") : "disabled");
        data.put("sessions", (long) outboxes.openCount());
        boolean clusterReady = cluster.ready();
        if (cluster.enabled()) {
            data.put("cluster-members", (long) cluster.memberCount());
            data.put("cluster-member", cluster.memberId());
        }
        boolean up = !shuttingDown && workersFree && busUp && clusterReady;
        return new HealthCheckResponse("switchboard", up ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
                Optional.of(data));
    }
}
