package dev.switchboard.websocket;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One pass of the sweep: what it closes, pings and counts, and which sessions it takes off the open ones. */
class IdleSweepTest {
    private static final long SECOND = 1_000_000_000L;

    private final List<Outbox> open = new ArrayList<>();
    private final List<Outbox> forgotten = new ArrayList<>();
    private final IdleSweep sweep = new IdleSweep(open, forgotten::add);

    private Outbox watched(FakeSession session, long idleTimeoutMillis, Executor worker) {
        Outbox outbox = new Outbox(session.session(), new Outbox.Settings(10, Long.MAX_VALUE, 1000, idleTimeoutMillis),
                worker, failure -> { }, JsonSupport.JSONB::toJson);
        open.add(outbox);
        return outbox;
    }

    @Test
    void closesTheIdleAndPingsTheQuietThenClosesAnUnansweredPing() throws Exception {
        FakeSession idle = new FakeSession(String::valueOf);
        FakeSession quiet = new FakeSession(String::valueOf);
        Outbox idleOutbox = watched(idle, 1000, Runnable::run);
        Outbox quietOutbox = watched(quiet, 0, Runnable::run);
        long now = System.nanoTime() + 10 * SECOND;

        sweep.sweep(now, SECOND, 5 * SECOND);
        assertEquals(Outbox.IDLE, idle.awaitClose());
        assertEquals(0, idle.pings.get(), "an idle session is closed, not pinged");
        assertEquals(1, quiet.pings.get());
        assertFalse(quiet.isClosed());
        assertEquals(List.of(idleOutbox), forgotten);
        assertEquals(1, sweep.idleClosed());
        assertEquals(1, sweep.pingsSent());

        open.remove(idleOutbox);
        sweep.sweep(now + 5 * SECOND, SECOND, 5 * SECOND);
        assertEquals(Outbox.PING_UNANSWERED, quiet.awaitClose());
        assertEquals(List.of(idleOutbox, quietOutbox), forgotten);
        assertEquals(1, sweep.pingUnansweredClosed());
        assertEquals(1, sweep.pingsSent(), "closed rather than pinged again");
    }

    @Test
    void oneSessionsFailureDoesNotStopTheSweep() throws Exception {
        Logger log = Logger.getLogger(Outboxes.class.getName());
        Level level = log.getLevel();
        log.setLevel(Level.OFF); // the WARNING is expected
        try {
            FakeSession broken = new FakeSession(String::valueOf);
            FakeSession next = new FakeSession(String::valueOf);
            watched(broken, 1000, task -> {
                throw new IllegalStateException("a worker pool that fails");
            });
            Outbox nextOutbox = watched(next, 1000, Runnable::run);

            sweep.sweep(System.nanoTime() + 10 * SECOND, 0, 0);

            assertEquals(Outbox.IDLE, next.awaitClose(), "the session after the failed one is still checked");
            assertTrue(forgotten.contains(nextOutbox));
            assertEquals(1, sweep.idleClosed(), "the failed close is not counted");
        } finally {
            log.setLevel(level);
        }
    }
}
