package dev.switchboard.health;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;

import java.util.logging.Logger;

/**
 * Knows when the server is shutting down: the first thing that happens at shutdown (before the
 * features end their runs and close their sessions), so readiness goes DOWN first and new handshakes
 * are refused from then on.
 */
@ApplicationScoped
public class Lifecycle {
    private static final Logger LOG = Logger.getLogger(Lifecycle.class.getName());
    private volatile boolean shuttingDown;

    void shutdown(@Observes @Priority(1) @BeforeDestroyed(ApplicationScoped.class) Object event) {
        shuttingDown = true;
        LOG.info("Shutting down: readiness DOWN, new WebSocket connections refused");
    }

    public boolean isShuttingDown() {
        return shuttingDown;
    }
}
