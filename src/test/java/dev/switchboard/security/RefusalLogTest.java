package dev.switchboard.security;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A client refused in a loop cannot flood the log. */
class RefusalLogTest {
    private static final Handshake HANDSHAKE = new Handshake("/ws", null, "http", "h", "10.0.0.9", null, null);
    private static final Gate.Refused REFUSED = new Gate.Refused(401, Gate.Reason.AUTH, "unauthorized", "Invalid credential", null);

    @Test
    void aFloodOfRefusalsWritesTheBurstThenSaysHowManyItLeftOut() {
        AtomicLong clock = new AtomicLong();
        List<String> lines = new ArrayList<>();
        RefusalLog log = new RefusalLog(lines::add, clock::get);
        for (int i = 0; i < 10_000; i++) {
            log.log(HANDSHAKE, REFUSED);
        }
        assertEquals(RefusalLog.BURST, lines.size());
        assertFalse(lines.get(RefusalLog.BURST - 1).contains("not logged"), lines.get(RefusalLog.BURST - 1));

        clock.addAndGet(TimeUnit.SECONDS.toNanos(1));
        log.log(HANDSHAKE, REFUSED);
        String next = lines.get(lines.size() - 1);
        assertEquals(RefusalLog.BURST + 1, lines.size());
        assertTrue(next.endsWith("(" + (10_000 - RefusalLog.BURST) + " earlier refusal(s) not logged)"), next);
        log.log(HANDSHAKE, REFUSED);
        assertFalse(lines.get(lines.size() - 1).contains("not logged"), "counted once: " + lines.get(lines.size() - 1));
    }
}
