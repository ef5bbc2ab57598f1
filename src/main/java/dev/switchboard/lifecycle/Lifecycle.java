package dev.switchboard.lifecycle;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The server's graceful shutdown: readiness goes DOWN, new handshakes are refused, the features end
 * their work ({@link ShuttingDown}), then every session is closed with 1001.
 * <p>
 * It starts at the JVM's shutdown (SIGTERM, Ctrl-C), from a shutdown hook, not only when the application
 * is undeployed: Payara Micro tears the network connections down in parallel with the undeployment,
 * and measured with runs going, the sessions then lost that race and saw 1006 instead of 1001 (6 of
 * 6 connections, 3 tries). The undeployment waits for a shutdown in progress, so beans are not
 * destroyed under it.
 */
@ApplicationScoped
public class Lifecycle {
    private static final Logger LOG = Logger.getLogger(Lifecycle.class.getName());
    private static final long MAX_SHUTDOWN_SECONDS = 10;

    @Inject
    Event<ShuttingDown> shuttingDownEvent;

    private final AtomicBoolean shuttingDown = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    private Thread hook;

    void started(@Observes @Initialized(ApplicationScoped.class) Object event) {
        hook = new Thread(this::shutDown, "switchboard-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    void undeployed(@Observes @Priority(1) @BeforeDestroyed(ApplicationScoped.class) Object event) {
        shutDown();
        try {
            done.await(MAX_SHUTDOWN_SECONDS, TimeUnit.SECONDS); // a shutdown the hook began
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException jvmShuttingDown) {
                // the hook is running or has run
            }
        }
    }

    /** Begins the graceful shutdown, once; later calls return at once. */
    public void shutDown() {
        if (!shuttingDown.compareAndSet(false, true)) {
            return;
        }
        LOG.info("Shutting down: readiness DOWN, new WebSocket connections refused, runs cancelled, sessions closed");
        try {
            if (shuttingDownEvent != null) {
                shuttingDownEvent.fire(new ShuttingDown());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Graceful shutdown did not complete", e);
        } finally {
            done.countDown();
        }
    }

    public boolean isShuttingDown() {
        return shuttingDown.get();
    }
}
