package dev.switchboard.health;

import dev.switchboard.concurrent.Workers;
import dev.switchboard.lifecycle.Lifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import java.util.Optional;

/**
 * {@code /health/live}: DOWN only when the application cannot recover by itself (its worker pools are
 * gone while the server is not shutting down); a busy server is alive, just not ready.
 */
@org.eclipse.microprofile.health.Liveness
@ApplicationScoped
public class Liveness implements HealthCheck {
    @Inject
    Lifecycle lifecycle;

    @Inject
    Workers workers;

    @Override
    public HealthCheckResponse call() {
        boolean poolsGone = workers.executor().isShutdown() || workers.scheduler().isShutdown();
        boolean up = lifecycle.isShuttingDown() || !poolsGone;
        return new HealthCheckResponse("switchboard", up ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
                Optional.empty());
    }
}
