package dev.switchboard.websocket;

import org.glassfish.tyrus.core.BaseContainer;
import org.glassfish.tyrus.core.TyrusSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The idle-timer workaround, against stand-ins with the shape of Payara's Tyrus classes. */
class TyrusIdleTimersTest {
    private final ScheduledThreadPoolExecutor managed = new ScheduledThreadPoolExecutor(1);

    @AfterEach
    void stop() {
        managed.shutdownNow();
    }

    @Test
    void idleTimersAreDroppedAndNeverQueued() {
        BaseContainer container = new BaseContainer(managed);
        IdleTimerFilter filter = TyrusIdleTimers.bypass(container);
        ScheduledExecutorService seen = container.getScheduledExecutorService();
        assertSame(filter, seen);
        for (int i = 0; i < 1000; i++) {
            ScheduledFuture<?> timer = seen.schedule(new TyrusSession.IdleTimeoutCommand(), 0, TimeUnit.MILLISECONDS);
            assertTrue(timer.isCancelled());
            assertFalse(timer.cancel(false));
        }
        seen.schedule(() -> { }, 1, TimeUnit.HOURS);
        assertEquals(1, managed.getQueue().size(), "only the other task reached the container's scheduler");
        assertEquals(1000, filter.dropped(), "every idle timer dropped is counted, nothing else");
    }

    @Test
    void otherTasksStillRunOnTheContainersScheduler() throws Exception {
        BaseContainer container = new BaseContainer(managed);
        assertNotNull(TyrusIdleTimers.bypass(container));
        CountDownLatch ran = new CountDownLatch(2);
        container.getScheduledExecutorService().schedule(ran::countDown, 1, TimeUnit.MILLISECONDS);
        container.getScheduledExecutorService().scheduleAtFixedRate(ran::countDown, 0, 1, TimeUnit.HOURS);
        assertTrue(ran.await(10, TimeUnit.SECONDS));
    }

    @Test
    void installingTwiceWrapsOnce() {
        BaseContainer container = new BaseContainer(managed);
        IdleTimerFilter first = TyrusIdleTimers.bypass(container);
        assertSame(first, container.getScheduledExecutorService());
        assertSame(first, TyrusIdleTimers.bypass(container));
        assertSame(first, container.getScheduledExecutorService());
        assertSame(managed, ((IdleTimerFilter) first).container());
    }

    @Test
    void anUnknownContainerIsLeftAlone() {
        Object somethingElse = new Object();
        assertNull(TyrusIdleTimers.bypass(somethingElse));
        assertNull(TyrusIdleTimers.bypass(null));
        assertNull(TyrusIdleTimers.bypass(new BaseContainer(null)), "no managed scheduler: nothing to avoid");
        assertFalse(TyrusIdleTimers.isTyrus(somethingElse));
        assertTrue(TyrusIdleTimers.isTyrus(new BaseContainer(null)), "Tyrus, changed: the workaround warns");
    }
}
