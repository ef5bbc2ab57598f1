package dev.switchboard.websocket;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static dev.switchboard.websocket.MessageRate.Admission.ADMITTED;
import static dev.switchboard.websocket.MessageRate.Admission.CLOSING;
import static dev.switchboard.websocket.MessageRate.Admission.REFUSED;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MessageRateTest {
    private final AtomicLong now = new AtomicLong();
    private final MessageRate rate = new MessageRate(new TokenBucket(10, 5, now::get), 3);

    @Test
    void aBurstIsAdmittedThenRefusedThenClosedIfTheClientGoesOn() {
        for (int i = 0; i < 5; i++) {
            assertEquals(ADMITTED, rate.admit());
        }
        assertEquals(REFUSED, rate.admit());
        assertEquals(REFUSED, rate.admit());
        assertEquals(REFUSED, rate.admit());
        assertEquals(CLOSING, rate.admit(), "the fourth refusal in a row");
    }

    @Test
    void aClientThatKeepsGoingIsClosedEvenIfAMessageGetsThroughNowAndThen() {
        for (int i = 0; i < 5; i++) {
            rate.admit();
        }
        assertEquals(REFUSED, rate.admit());
        assertEquals(REFUSED, rate.admit());
        now.addAndGet(100_000_000L); // one token at 10 per second
        assertEquals(ADMITTED, rate.admit());
        assertEquals(REFUSED, rate.admit());
        assertEquals(CLOSING, rate.admit(), "the fourth refusal since the client last calmed down");
    }

    @Test
    void aClientThatCalmsDownUntilItsBurstIsBackStartsOver() {
        for (int i = 0; i < 5; i++) {
            rate.admit();
        }
        assertEquals(REFUSED, rate.admit());
        assertEquals(REFUSED, rate.admit());
        assertEquals(REFUSED, rate.admit());
        now.addAndGet(500_000_000L); // the whole burst of 5 is back
        for (int i = 0; i < 5; i++) {
            assertEquals(ADMITTED, rate.admit());
        }
        assertEquals(REFUSED, rate.admit());
        assertEquals(REFUSED, rate.admit());
        assertEquals(REFUSED, rate.admit());
        assertEquals(CLOSING, rate.admit());
    }

    @Test
    void zeroPerSecondMeansNoLimit() {
        MessageRate unlimited = new MessageRate(0, 0, 0);
        for (int i = 0; i < 100_000; i++) {
            assertEquals(ADMITTED, unlimited.admit());
        }
    }
}
