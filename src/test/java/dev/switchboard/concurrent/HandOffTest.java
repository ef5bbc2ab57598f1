package dev.switchboard.concurrent;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HandOffTest {
    private final List<Integer> received = new ArrayList<>();

    @Test
    void handsOverInTheOrderItemsWereAddedUnderTheProducersLock() throws Exception {
        Object producerLock = new Object();
        int[] next = {0};
        HandOff<Integer> handOff = new HandOff<>(item -> {
            synchronized (received) {
                received.add(item); // only one thread at a time is in here
            }
        });
        ExecutorService producers = Executors.newFixedThreadPool(4);
        for (int p = 0; p < 4; p++) {
            producers.execute(() -> {
                for (int i = 0; i < 5000; i++) {
                    synchronized (producerLock) {
                        handOff.add(next[0]++);
                    }
                    handOff.drain();
                }
            });
        }
        producers.shutdown();
        assertTrue(producers.awaitTermination(20, TimeUnit.SECONDS));
        synchronized (received) {
            assertEquals(20_000, received.size());
            for (int i = 0; i < received.size(); i++) {
                assertEquals(i, received.get(i));
            }
        }
    }

    @Test
    void aFailingConsumerDoesNotStopTheItemsBehind() {
        HandOff<Integer> handOff = new HandOff<>(item -> {
            if (item == 1) {
                throw new IllegalStateException("boom");
            }
            received.add(item);
        });
        handOff.add(1);
        handOff.add(2);
        handOff.drain();
        assertEquals(List.of(2), received);
    }

    @Test
    void anErrorInTheConsumerGoesOutButTheItemsBehindAreHandedOverByTheNextDrain() {
        HandOff<Integer> handOff = new HandOff<>(item -> {
            if (item == 1) {
                throw new NoClassDefFoundError("boom");
            }
            received.add(item);
        });
        handOff.add(1);
        handOff.add(2);
        org.junit.jupiter.api.Assertions.assertThrows(NoClassDefFoundError.class, handOff::drain);
        handOff.drain();
        assertEquals(List.of(2), received);
    }

    @Test
    void drainLaterHandsOverOnThisThreadWhenTheExecutorRefuses() {
        HandOff<Integer> handOff = new HandOff<>(received::add);
        handOff.add(7);
        handOff.drainLater(task -> {
            throw new java.util.concurrent.RejectedExecutionException("saturated");
        });
        assertEquals(List.of(7), received, "late is better than lost");
    }
}
