package dev.switchboard.websocket;

import dev.switchboard.concurrent.Workers;
import dev.switchboard.lifecycle.ShuttingDown;
import jakarta.websocket.CloseReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shutdown's closes: every session gets its 1001 "server shutdown" although one close blocks (a client
 * that does not read), and the shutdown waits for the closes only so long.
 */
class OutboxesShutdownTest {
    private static final CloseReason SHUTDOWN = new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "server shutdown");

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService shutdownThread = Executors.newSingleThreadExecutor();
    private final CountDownLatch release = new CountDownLatch(1);
    private ExecutorService pool;
    // 10,000 "websocket open" lines would drown the build's output.
    private final Logger log = Logger.getLogger(Outboxes.class.getName());
    private final Level level = log.getLevel();

    OutboxesShutdownTest() {
        log.setLevel(Level.WARNING);
    }

    @AfterEach
    void stop() {
        log.setLevel(level);
        release.countDown();
        shutdownThread.shutdownNow();
        scheduler.shutdownNow();
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private Outboxes outboxes(ExecutorService executor) {
        pool = executor;
        Outboxes outboxes = new Outboxes();
        outboxes.capacity = 100;
        outboxes.maxChars = 1 << 20;
        outboxes.sendTimeoutMillis = 1000;
        outboxes.messageBurst = 10;
        outboxes.closeAfterRefused = 10;
        outboxes.closeWaitMillis = 1000;
        outboxes.workers = Workers.using(executor, scheduler);
        return outboxes;
    }

    private static List<FakeSession> open(Outboxes outboxes, int count) {
        List<FakeSession> sessions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            FakeSession session = new FakeSession(String::valueOf);
            outboxes.open(session.session(), EndpointName.EVENTS);
            sessions.add(session);
        }
        return sessions;
    }

    /** Runs closeAll as the shutdown thread does, and returns when it returned. */
    private CompletableFuture<Long> closeAll(Outboxes outboxes) {
        return CompletableFuture.supplyAsync(() -> {
            long start = System.nanoTime();
            outboxes.closeAll(new ShuttingDown());
            return (System.nanoTime() - start) / 1_000_000;
        }, shutdownThread);
    }

    private void assertAllClosedButTheStuckOne(List<FakeSession> sessions, FakeSession stuck) throws Exception {
        for (FakeSession session : sessions) {
            if (session != stuck) {
                CloseReason reason = session.awaitClose();
                assertEquals(SHUTDOWN.getCloseCode(), reason.getCloseCode());
                assertEquals(SHUTDOWN.getReasonPhrase(), reason.getReasonPhrase());
            }
        }
        assertFalse(stuck.isClosed(), "the stuck close is still stuck: the others did not wait for it");
    }

    @Test
    void oneStuckCloseHoldsUpNoOtherAndTheShutdownWaitsForItOnlySoLong() throws Exception {
        // As the server's pool: no queue, threads made on demand.
        Outboxes outboxes = outboxes(new ThreadPoolExecutor(4, 512, 60, TimeUnit.SECONDS, new SynchronousQueue<>()));
        List<FakeSession> sessions = open(outboxes, 10_000);
        FakeSession stuck = sessions.get(4_321);
        stuck.blockCloseUntil(release);

        CompletableFuture<Long> returned = closeAll(outboxes);

        assertAllClosedButTheStuckOne(sessions, stuck);
        long tookMillis = returned.get(outboxes.closeWaitMillis + 5_000, TimeUnit.MILLISECONDS);
        assertTrue(tookMillis >= outboxes.closeWaitMillis, "closeAll waited " + tookMillis + " ms for the closes");
        assertFalse(stuck.isClosed());
        System.out.println("OutboxesShutdownTest: 9,999 closed around a stuck one; closeAll returned after " + tookMillis + " ms");
    }

    @Test
    void everySessionIsClosedWhenEveryHandOffIsRefused() throws Exception {
        ExecutorService refusing = Executors.newSingleThreadExecutor();
        refusing.shutdown(); // refuses every task
        Outboxes outboxes = outboxes(refusing);
        List<FakeSession> sessions = open(outboxes, 1_000);
        FakeSession stuck = sessions.get(0);
        stuck.blockCloseUntil(release);

        CompletableFuture<Long> returned = closeAll(outboxes);

        // One thread of its own closes them all; the shutdown still waits only so long for it.
        returned.get(outboxes.closeWaitMillis + 5_000, TimeUnit.MILLISECONDS);
        release.countDown();
        for (FakeSession session : sessions) {
            assertEquals(SHUTDOWN.getCloseCode(), session.awaitClose().getCloseCode());
        }
    }

    @Test
    void theClosersAcceptedCloseEverySessionAroundAStuckOneWhenTheOthersAreRefused() throws Exception {
        // Room for two closers: the rest of the hand-offs are refused.
        Outboxes outboxes = outboxes(new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS, new SynchronousQueue<>()));
        List<FakeSession> sessions = open(outboxes, 1_000);
        FakeSession stuck = sessions.get(500);
        stuck.blockCloseUntil(release);

        CompletableFuture<Long> returned = closeAll(outboxes);

        assertAllClosedButTheStuckOne(sessions, stuck);
        returned.get(outboxes.closeWaitMillis + 5_000, TimeUnit.MILLISECONDS);
    }

    @Test
    void withoutAStuckCloseTheShutdownDoesNotWaitTheBound() throws Exception {
        Outboxes outboxes = outboxes(new ThreadPoolExecutor(4, 512, 60, TimeUnit.SECONDS, new SynchronousQueue<>()));
        outboxes.closeWaitMillis = 60_000;
        List<FakeSession> sessions = open(outboxes, 10_000);

        long tookMillis = closeAll(outboxes).get(30, TimeUnit.SECONDS);

        for (FakeSession session : sessions) {
            assertTrue(session.isClosed());
        }
        assertEquals(0, outboxes.openCount());
        System.out.println("OutboxesShutdownTest: 10,000 closes took " + tookMillis + " ms");
    }
}
