package dev.switchboard.observability;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LatencyHistogramTest {
    @Test
    void bucketsAreCumulativeWithInclusiveUpperBounds() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(TimeUnit.MICROSECONDS.toNanos(100)); // exactly the first bound
        histogram.record(TimeUnit.MICROSECONDS.toNanos(101));
        histogram.record(TimeUnit.MILLISECONDS.toNanos(3));
        histogram.record(TimeUnit.SECONDS.toNanos(60)); // over every bound: +Inf only
        assertEquals(1, histogram.countAtMost(0));
        assertEquals(2, histogram.countAtMost(1));
        assertEquals(2, histogram.countAtMost(4), "2.5 ms");
        assertEquals(3, histogram.countAtMost(5), "5 ms");
        assertEquals(3, histogram.countAtMost(LatencyHistogram.BOUNDS_SECONDS.length - 1));
        assertEquals(4, histogram.count());
        assertEquals(60.003201, histogram.sumSeconds(), 1e-9);
    }

    /**
     * Not a proof, a measure for the README: what recording one call's duration costs (two System.nanoTime
     * calls included, as CallService pays them). Printed, never asserted: timings vary with the machine.
     */
    @Test
    void costOfOneRecord() {
        LatencyHistogram histogram = new LatencyHistogram();
        int n = 1_000_000;
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                long began = System.nanoTime();
                histogram.record(System.nanoTime() - began);
            }
            best = Math.min(best, (System.nanoTime() - start) / (double) n);
        }
        double recordOnly = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                histogram.record(i & 0xFFFFF);
            }
            recordOnly = Math.min(recordOnly, (System.nanoTime() - start) / (double) n);
        }
        System.out.printf("LatencyHistogram: %.1f ns per timed call (nanoTime twice + record), %.1f ns per record alone;"
                + " best of 5 x %d%n", best, recordOnly, n);
        assertEquals(10L * n, histogram.count());
    }
}
