package dev.switchboard.websocket;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenBucketTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final TokenBucket bucket = new TokenBucket(5, 3, now::get);

    @Test
    void aBurstIsAllowedThenTheRate() {
        for (int i = 0; i < 3; i++) {
            assertTrue(bucket.tryTake(), "burst " + i);
        }
        assertFalse(bucket.tryTake());
        now.addAndGet(199_000_000L);
        assertFalse(bucket.tryTake(), "5 per second: not one yet after 199 ms");
        now.addAndGet(1_000_000L);
        assertTrue(bucket.tryTake(), "one after 200 ms");
        assertFalse(bucket.tryTake());
    }

    @Test
    void idleTimeRefillsNoMoreThanTheBurst() {
        now.addAndGet(60_000_000_000L);
        int taken = 0;
        while (bucket.tryTake()) {
            taken++;
        }
        assertEquals(3, taken);
    }
}
