package dev.switchboard.runs;

import dev.switchboard.cluster.Grid;
import dev.switchboard.cluster.SharedLog;
import dev.switchboard.websocket.JsonSupport;
import jakarta.json.JsonObject;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import static dev.switchboard.runs.RunMessage.payload;

/**
 * The runs of members that left the cluster, which the coordinator takes care of: each one the directory
 * shows live ends with {@code run_failed} code {@code instance_lost}, appended to its log after its last
 * event, and every one of them (live or retained) is freed when its retention is over. It looks at every
 * entry whose member is no longer in the cluster, so a coordinator that takes over also finishes what
 * a lost coordinator had left.
 */
final class LostRuns {
    private static final Logger LOG = Logger.getLogger(LostRuns.class.getName());
    static final String INSTANCE_LOST = "instance_lost";
    /** How long the coordinator waits for the last event of a lost run's log. */
    private static final long READ_TIMEOUT_MILLIS = 10_000;

    private final Grid grid;
    private final RunDirectory directory;
    private final ScheduledExecutorService timers;
    /** Tells the other features (the bus's monitors) of a lost run's end, as of every run event. */
    private final BiConsumer<String, RunEvent> mirror;
    /** Keys whose freeing is scheduled here. */
    private final Set<String> freeing = ConcurrentHashMap.newKeySet();

    LostRuns(Grid grid, RunDirectory directory, ScheduledExecutorService timers, BiConsumer<String, RunEvent> mirror) {
        this.grid = grid;
        this.directory = directory;
        this.timers = timers;
        this.mirror = mirror;
    }

    /** A member left: if this one is the coordinator now, it ends and frees the runs of every member gone. */
    void memberLeft(String lost) {
        if (!grid.coordinator()) {
            return;
        }
        Set<String> members = Set.copyOf(grid.memberIds());
        for (RunEntry entry : directory.entries()) {
            if (entry != null && !members.contains(entry.member())) {
                try {
                    freeLater(entry.live() ? end(entry) : entry);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Could not end run " + entry.runId() + " of lost member " + entry.member(), e);
                }
            }
        }
    }

    /** Appends the terminal event (unless the log has one already) and marks the entry finished. */
    private RunEntry end(RunEntry entry) {
        SharedLog log = directory.log(entry.key());
        long tail = log.tail();
        long seq = 0;
        if (tail >= 0) {
            JsonObject last = lastEvent(log, tail);
            seq = last.getJsonNumber("seq").longValue() + 1;
            String type = last.getString("event_type");
            if (RunEvent.COMPLETED.equals(type) || RunEvent.FAILED.equals(type) || RunEvent.CANCELLED.equals(type)) {
                RunEntry ended = entry.finished(RunEntry.endedBy(type), seq - 1);
                directory.finished(ended);
                return ended; // it ended before its member was lost; only the directory had not heard
            }
        }
        RunEvent lost = RunEvent.now(entry.runId(), seq, RunEvent.FAILED, payload(
                "error", "The instance running this run was lost", "code", INSTANCE_LOST));
        log.append(JsonSupport.JSONB.toJson(lost));
        RunEntry ended = entry.finished(Run.Status.FAILED, seq);
        directory.finished(ended);
        LOG.info("Run " + entry.runId() + " of lost member " + entry.member() + " ended with " + INSTANCE_LOST);
        mirror.accept(entry.owner(), lost);
        return ended;
    }

    private static JsonObject lastEvent(SharedLog log, long tail) {
        try {
            SharedLog.Batch batch = log.read(tail, 1).toCompletableFuture().get(READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            return JsonSupport.readTree(batch.items().get(0)).asJsonObject();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not read the run's last event", e);
        }
    }

    /** Frees the run's entry and log when its retention is over, unless a later run has taken its key. */
    private void freeLater(RunEntry entry) {
        String key = RunDirectory.keyOf(entry.key());
        if (!freeing.add(key)) {
            return;
        }
        long delay = Math.max(0, entry.finishedAt() + directory.retentionMillis() - System.currentTimeMillis());
        try {
            timers.schedule(() -> free(key, entry), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            freeing.remove(key); // the entry's time to live frees it
        }
    }

    private void free(String key, RunEntry entry) {
        freeing.remove(key);
        if (entry.sameRun(directory.get(entry.key()))) {
            directory.free(entry.key());
        }
    }
}
