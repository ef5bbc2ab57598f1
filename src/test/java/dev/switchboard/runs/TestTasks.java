package dev.switchboard.runs;

import jakarta.json.JsonObject;

import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** Tasks the runs tests start: one that waits for the test, one that streams on the test's signal. */
final class TestTasks {
    private TestTasks() {
    }

    /** {@code block}: waits until {@code blocker} opens (or it is interrupted). */
    static RunTask blocking(CountDownLatch blocker) {
        return new RunTask() {
            @Override
            public String name() {
                return "block";
            }

            @Override
            public RunJob prepare(JsonObject input) {
                return context -> {
                    blocker.await();
                    return "unblocked";
                };
            }
        };
    }

    /** {@code stream}, {@code {"before":n,"after":m}}: n outputs, then (once {@code gate} opens) m more. */
    static RunTask streaming(CountDownLatch gate) {
        return new RunTask() {
            @Override
            public String name() {
                return "stream";
            }

            @Override
            public RunJob prepare(JsonObject input) throws InvalidRunInput {
                int before = TaskInput.integer(input, "before", 0, 0, 100_000);
                int after = TaskInput.integer(input, "after", 0, 0, 100_000);
                return context -> {
                    for (int i = 0; i < before; i++) {
                        context.output(Map.of("i", i));
                    }
                    gate.await();
                    for (int i = before; i < before + after; i++) {
                        context.output(Map.of("i", i));
                    }
                    return "streamed";
                };
            }
        };
    }
}
