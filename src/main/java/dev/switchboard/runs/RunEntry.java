package dev.switchboard.runs;

import jakarta.json.bind.annotation.JsonbProperty;

import java.util.Locale;

/**
 * A run's entry in the cluster's directory ({@link RunDirectory}), as JSON text on the grid: whose run it
 * is, its task and status, the member that runs it, when it started and, once it has, when it finished and
 * its last {@code seq}. Times are epoch milliseconds.
 */
public record RunEntry(String owner, @JsonbProperty("run_id") String runId, String task, String status,
                       String member, @JsonbProperty("started_at") long startedAt,
                       @JsonbProperty("finished_at") Long finishedAt, @JsonbProperty("last_seq") Long lastSeq) {

    static RunEntry started(RunKey key, String task, String member) {
        return new RunEntry(key.owner(), key.runId(), task, wire(Run.Status.RUNNING), member,
                System.currentTimeMillis(), null, null);
    }

    RunKey key() {
        return new RunKey(owner, runId);
    }

    boolean live() {
        return wire(Run.Status.RUNNING).equals(status);
    }

    RunEntry finished(Run.Status end, long lastSeq) {
        return new RunEntry(owner, runId, task, wire(end), member, startedAt, System.currentTimeMillis(), lastSeq);
    }

    /** The same run (not a later one under the same key). */
    boolean sameRun(RunEntry other) {
        return other != null && member.equals(other.member) && startedAt == other.startedAt;
    }

    static String wire(Run.Status status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    /** The status a terminal event gives its run. */
    static Run.Status endedBy(String eventType) {
        return switch (eventType) {
            case RunEvent.COMPLETED -> Run.Status.COMPLETED;
            case RunEvent.CANCELLED -> Run.Status.CANCELLED;
            default -> Run.Status.FAILED;
        };
    }
}
