package dev.switchboard.runs;

import jakarta.json.JsonObject;

import dev.switchboard.concurrent.Workers;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

/**
 * What the runs tests build a {@link RunManager} from: the settings of a test's manager, its tasks (one that
 * waits for the test, one that streams on the test's signal).
 */
final class TestTasks {
    private TestTasks() {
    }

    /** A manager with roomy limits (60 s grace and retention), on {@code workers}; no publisher, no tasks yet. */
    static RunManager manager(Workers workers) {
        RunManager manager = new RunManager();
        manager.workers = workers;
        manager.maxPerConnection = 16;
        manager.maxLive = 256;
        manager.maxRunTimeMillis = 60_000;
        manager.maxEvents = 10_000;
        manager.graceMillis = 60_000;
        manager.retentionMillis = 60_000;
        manager.maxFinished = 1000;
        manager.maxFinishedBytes = 64 << 20;
        manager.maxReplays = 64;
        manager.cancelTimeoutMillis = 5_000;
        return manager;
    }

    /** The manager's tasks, as its startup would find them. */
    static void setTasks(RunManager manager, RunTask... tasks) {
        Map<String, RunTask> byName = new TreeMap<>();
        for (RunTask task : tasks) {
            byName.put(task.name(), task);
        }
        try {
            var field = RunManager.class.getDeclaredField("tasks");
            field.setAccessible(true);
            field.set(manager, Map.copyOf(byName));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
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
