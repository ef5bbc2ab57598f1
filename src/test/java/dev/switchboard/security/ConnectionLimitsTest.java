package dev.switchboard.security;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class ConnectionLimitsTest {
    @Test
    void perAddressThenTotal() {
        ConnectionLimits limits = new ConnectionLimits(2, 3);
        ConnectionLimits.Slot a1 = assertInstanceOf(ConnectionLimits.Slot.class, limits.reserve("a"));
        assertInstanceOf(ConnectionLimits.Slot.class, limits.reserve("a"));
        assertEquals(new ConnectionLimits.Refused(ConnectionLimits.Over.ADDRESS, 2), limits.reserve("a"));
        assertInstanceOf(ConnectionLimits.Slot.class, limits.reserve("b"));
        assertEquals(new ConnectionLimits.Refused(ConnectionLimits.Over.TOTAL, 3), limits.reserve("c"));
        a1.release();
        a1.release();
        assertEquals(2, limits.total(), "a second release gives nothing back twice");
        assertEquals(1, limits.from("a"));
        assertInstanceOf(ConnectionLimits.Slot.class, limits.reserve("c"));
    }

    @Test
    void aSlotHandedToAnUpgradeThatNeverOpensIsGivenBackAfterTheDeadline() {
        ConnectionLimits limits = new ConnectionLimits(2, 0);
        ConnectionLimits.Slot neverOpens = assertInstanceOf(ConnectionLimits.Slot.class, limits.reserve("a"));
        ConnectionLimits.Slot opens = assertInstanceOf(ConnectionLimits.Slot.class, limits.reserve("a"));
        neverOpens.handedOver(1_000);
        opens.handedOver(1_000);
        opens.opened();
        assertEquals(0, limits.releaseUnopened(1_000), "not before the deadline");
        assertEquals(1, limits.releaseUnopened(2_000));
        assertEquals(1, limits.from("a"), "the open connection keeps its slot");
        assertEquals(0, limits.releaseUnopened(3_000));
        opens.release();
        assertEquals(0, limits.total());
    }

    @Test
    void zeroMeansNoLimit() {
        ConnectionLimits limits = new ConnectionLimits(0, 0);
        for (int i = 0; i < 10_000; i++) {
            assertInstanceOf(ConnectionLimits.Slot.class, limits.reserve("a"));
        }
    }

    @Test
    void concurrentReservationsNeverExceedTheLimit() throws Exception {
        ConnectionLimits limits = new ConnectionLimits(50, 0);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<ConnectionLimits.Reservation>> tries = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                tries.add(pool.submit(() -> limits.reserve("a")));
            }
            int slots = 0;
            for (Future<ConnectionLimits.Reservation> attempt : tries) {
                if (attempt.get(10, TimeUnit.SECONDS) instanceof ConnectionLimits.Slot) {
                    slots++;
                }
            }
            assertEquals(50, slots);
            assertEquals(50, limits.from("a"));
        } finally {
            pool.shutdownNow();
        }
    }
}
