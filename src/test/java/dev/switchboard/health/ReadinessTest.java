package dev.switchboard.health;

import dev.switchboard.bus.EventBus;
import dev.switchboard.cluster.Cluster;
import dev.switchboard.cluster.LocalGrid;
import dev.switchboard.concurrent.Workers;
import dev.switchboard.lifecycle.Lifecycle;
import dev.switchboard.websocket.Outboxes;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadinessTest {
    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new SynchronousQueue<>());
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final Readiness readiness = new Readiness();
    private final Liveness liveness = new Liveness();

    ReadinessTest() {
        readiness.lifecycle = new Lifecycle();
        readiness.workers = Workers.using(pool, timers);
        readiness.bus = new EventBus();
        readiness.outboxes = new Outboxes();
        readiness.cluster = Cluster.off();
        liveness.lifecycle = readiness.lifecycle;
        liveness.workers = readiness.workers;
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
        timers.shutdownNow();
    }

    @Test
    void upWhileItTakesWorkWithTheBusSwitchedOff() {
        HealthCheckResponse response = readiness.call();
        assertEquals(HealthCheckResponse.Status.UP, response.getStatus());
        assertEquals("disabled", response.getData().orElseThrow().get("bus"));
    }

    @Test
    void dataHoldOnlyTheTypesMicroProfileHealthDefines() {
        readiness.call().getData().orElseThrow().forEach((name, value) -> assertTrue(
                value instanceof Long || value instanceof String || value instanceof Boolean,
                name + " is a " + value.getClass().getSimpleName() + ": WildFly's SmallRye Health drops it"));
    }

    @Test
    void withClusteringOnDownUntilTheClusterHasItsMinimumOfMembersAndAgainWhenThisOneIsOut() {
        LocalGrid.Space space = new LocalGrid.Space();
        readiness.cluster = Cluster.of(space.member("a", Runnable::run), 2);
        HealthCheckResponse alone = readiness.call();
        assertEquals(HealthCheckResponse.Status.DOWN, alone.getStatus());
        assertEquals(1L, alone.getData().orElseThrow().get("cluster-members"));
        assertEquals("a", alone.getData().orElseThrow().get("cluster-member"));
        space.member("b", Runnable::run);
        assertEquals(HealthCheckResponse.Status.UP, readiness.call().getStatus());
        space.lose("a");
        assertEquals(HealthCheckResponse.Status.DOWN, readiness.call().getStatus(), "a member that is out of the cluster");
    }

    @Test
    void downAsSoonAsShutdownBegins() {
        readiness.lifecycle.shutDown();
        assertEquals(HealthCheckResponse.Status.DOWN, readiness.call().getStatus());
        assertEquals(HealthCheckResponse.Status.UP, liveness.call().getStatus(), "shutting down is not dead");
    }

    @Test
    void downWhileEveryWorkerIsBusy() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(1);
        pool.execute(() -> {
            busy.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        busy.await();
        assertEquals(HealthCheckResponse.Status.DOWN, readiness.call().getStatus());
        release.countDown();
    }

    @Test
    void notLiveWhenThePoolsAreGoneOutsideShutdown() {
        pool.shutdown();
        assertEquals(HealthCheckResponse.Status.DOWN, liveness.call().getStatus());
    }
}
