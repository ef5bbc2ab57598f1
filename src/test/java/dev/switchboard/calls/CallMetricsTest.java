package dev.switchboard.calls;

import dev.switchboard.observability.LatencyHistogram;
import dev.switchboard.websocket.EndpointName;
import dev.switchboard.websocket.ErrorReplies;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the call metrics count: each call's duration under its function, and error replies by code. */
class CallMetricsTest {
    private final TestCalls calls = new TestCalls();

    @AfterEach
    void stop() {
        calls.close();
    }

    @Test
    void everyCallIsTimedUnderItsFunction() throws Exception {
        calls.call("{\"func\":\"add\",\"args\":[1,2]}");
        calls.call("{\"id\":1,\"func\":\"sleep\",\"args\":[50]}");
        calls.call("{\"func\":\"add\",\"args\":[1]}"); // wrong arguments: still a call of add
        calls.call("{\"func\":\"nosuch\"}"); // no function: not timed
        LatencyHistogram add = calls.service.durations("add");
        LatencyHistogram sleep = calls.service.durations("sleep");
        assertEquals(2, add.count());
        assertEquals(1, sleep.count());
        assertTrue(sleep.sumSeconds() >= 0.05, "the sleep took its 50 ms: " + sleep.sumSeconds());
        assertEquals(0, sleep.countAtMost(indexOf(0.025)), "not within 25 ms");
        assertEquals(1, sleep.countAtMost(indexOf(30)));
        assertEquals(0, calls.service.durations("nosuch").count());
    }

    @Test
    void errorRepliesAreCountedByCode() throws Exception {
        long before = ErrorReplies.countOf(EndpointName.WS, "unknown_function");
        calls.call("{\"func\":\"nosuch\"}");
        calls.call("[{\"func\":\"nosuch\"},{\"func\":\"alsonot\"}]");
        assertEquals(before + 3, ErrorReplies.countOf(EndpointName.WS, "unknown_function"), "each failed batch element too");
    }

    private static int indexOf(double bound) {
        for (int i = 0; i < LatencyHistogram.BOUNDS_SECONDS.length; i++) {
            if (LatencyHistogram.BOUNDS_SECONDS[i] == bound) {
                return i;
            }
        }
        throw new AssertionError(bound);
    }
}
