package dev.switchboard.runs;

import dev.switchboard.concurrent.Workers;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import static dev.switchboard.runs.RunMessage.error;

/**
 * The replays of resuming connections, each on a worker. A replay holds its worker thread while its
 * client reads, so only so many run at once.
 */
final class Replays {
    private final Supplier<Workers> workers;
    private final IntSupplier maxReplays;
    private final RunTimers timers;
    private final AtomicInteger inProgress = new AtomicInteger();

    /** The workers and the cap are read at each resume, so that a changed setting counts from the next one. */
    Replays(Supplier<Workers> workers, IntSupplier maxReplays, RunTimers timers) {
        this.workers = workers;
        this.maxReplays = maxReplays;
        this.timers = timers;
    }

    /** Replays the run's kept events after {@code afterSeq} to the connection, then keeps it watching; or says why not. */
    void start(RunsConnection connection, Run run, long afterSeq) {
        RunMessage.RunError overCap = reserve(run.id());
        if (overCap != null) {
            connection.send(overCap);
            return;
        }
        Replay replay = run.resume(connection, afterSeq);
        if (replay == null) {
            inProgress.decrementAndGet();
            connection.send(notKept(run));
            return;
        }
        try {
            workers.get().executor().execute(() -> replay(run, replay));
        } catch (RejectedExecutionException e) {
            inProgress.decrementAndGet();
            run.stopReplay(replay);
            connection.send(error(run.id(), "too_many_runs", "No worker is free to replay run '" + run.id()
                    + "'; resume again later"));
            timers.startGraceIfOrphaned(run);
        }
    }

    /** Takes a place for a replay of run {@code runId}; or, if none is free, the error that says so. */
    RunMessage.RunError reserve(String runId) {
        int max = maxReplays.getAsInt();
        if (inProgress.incrementAndGet() > max) {
            inProgress.decrementAndGet();
            return error(runId, "too_many_runs", "The server is already replaying " + max
                    + " runs; resume again later");
        }
        return null;
    }

    /** Gives back a replay's place. */
    void release() {
        inProgress.decrementAndGet();
    }

    /** On a worker: a replay paces itself on its client's outbox, so it never blocks the I/O thread. */
    private void replay(Run run, Replay replay) {
        try {
            if (replay.run() == Run.ReplayStep.LOST) {
                replay.connection().send(notKept(run));
                timers.startGraceIfOrphaned(run);
            }
        } finally {
            inProgress.decrementAndGet();
        }
    }

    private static RunMessage.RunError notKept(Run run) {
        return error(run.id(), "invalid_request", "Events before seq " + run.oldestKeptSeq()
                + " of run '" + run.id() + "' are no longer kept");
    }

    /** Replays in progress. */
    int count() {
        return inProgress.get();
    }
}
