package dev.switchboard.websocket;

import dev.switchboard.concurrent.Workers;
import jakarta.websocket.CloseReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The per-endpoint counts that Outboxes keeps: sessions open, messages in and out, the largest queue. */
class EndpointStatsTest {
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final Outboxes outboxes = new Outboxes();

    EndpointStatsTest() {
        outboxes.capacity = 100;
        outboxes.maxChars = 1 << 20;
        outboxes.sendTimeoutMillis = 1000;
        outboxes.messageBurst = 10;
        outboxes.closeAfterRefused = 10;
        outboxes.workers = Workers.using(executor, scheduler);
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
        scheduler.shutdownNow();
    }

    @Test
    void sessionsAreCountedPerEndpointAndEachCloseOnce() {
        FakeSession a = new FakeSession(String::valueOf);
        FakeSession b = new FakeSession(String::valueOf);
        outboxes.open(a.session(), EndpointName.RUNS);
        outboxes.open(b.session(), EndpointName.RUNS, 1);
        assertEquals(2, outboxes.stats(EndpointName.RUNS).sessions());
        assertEquals(0, outboxes.stats(EndpointName.WS).sessions());

        outboxes.close(a.session(), new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, ""));
        outboxes.close(a.session(), new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, ""));
        assertEquals(1, outboxes.stats(EndpointName.RUNS).sessions(), "a second close of the same session is not counted");

        outboxes.closeIdle(); // b's 1 ms idle timeout: the sweep closes it, then its endpoint sees the close
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (outboxes.stats(EndpointName.RUNS).sessions() != 0 && System.nanoTime() < deadline) {
            outboxes.closeIdle();
        }
        outboxes.close(b.session(), Outbox.IDLE);
        assertEquals(0, outboxes.stats(EndpointName.RUNS).sessions());
    }

    @Test
    void messagesInAreCountedAsAdmittedAndOutAsSent() throws Exception {
        FakeSession session = new FakeSession(String::valueOf);
        Outbox outbox = outboxes.open(session.session(), EndpointName.EVENTS);
        for (int i = 0; i < 3; i++) {
            outboxes.admit(session.session());
        }
        outbox.send("one");
        outbox.send("two");
        session.next();
        session.next();
        EndpointStats stats = outboxes.stats(EndpointName.EVENTS);
        assertEquals(3, stats.receivedCount());
        assertEquals(2, stats.sentCount());
        assertEquals(0, outboxes.stats(EndpointName.WS).receivedCount(), "other endpoints count nothing");
    }

    @Test
    void theDeepestQueueIsTheMaximumOverSessions() {
        FakeSession stuck = new FakeSession(String::valueOf);
        FakeSession other = new FakeSession(String::valueOf);
        stuck.stall();
        other.stall();
        Outbox deep = outboxes.open(stuck.session(), EndpointName.WS);
        Outbox shallow = outboxes.open(other.session(), EndpointName.WS);
        for (int i = 0; i < 6; i++) {
            deep.send("m" + i);
        }
        shallow.send("x");
        shallow.send("y");
        assertEquals(5, outboxes.maxDepth(), "one message is in transmit, five wait");
        assertEquals(6, outboxes.totalDepth());
    }
}
