package dev.switchboard.runs;

import dev.switchboard.concurrent.Workers;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static dev.switchboard.runs.RunMessage.payload;

/**
 * The timers of live runs: the maximum run time, after which a run fails with code {@code timeout}, and
 * the grace after its last watcher left, after which it is cancelled unless someone resumed it.
 */
final class RunTimers {
    /** The code of a run that took longer than {@code switchboard.runs.max-run-time-ms}. */
    static final String TIMEOUT = "timeout";

    private final Supplier<Workers> workers;
    private final LongSupplier maxRunTimeMillis;
    private final LongSupplier graceMillis;
    private final RunEnding ending;
    private final Predicate<Run> watchedElsewhere;

    /**
     * The workers and the times are read when used, so that a changed setting counts from then on. A run
     * that connections of other instances follow ({@code watchedElsewhere}) is not orphaned.
     */
    RunTimers(Supplier<Workers> workers, LongSupplier maxRunTimeMillis, LongSupplier graceMillis, RunEnding ending,
              Predicate<Run> watchedElsewhere) {
        this.workers = workers;
        this.watchedElsewhere = watchedElsewhere;
        this.maxRunTimeMillis = maxRunTimeMillis;
        this.graceMillis = graceMillis;
        this.ending = ending;
    }

    /**
     * Arms the run's maximum run time.
     *
     * @throws RejectedExecutionException if the scheduler is shutting down (the caller ends the run)
     */
    void armTimeout(Run run) {
        run.addTimer(workers.get().scheduler().schedule(() -> ending.end(run, Run.Status.FAILED, RunEvent.FAILED,
                payload("error", "The run took longer than " + maxRunTimeMillis.getAsLong() + " ms", "code", TIMEOUT)),
                maxRunTimeMillis.getAsLong(), TimeUnit.MILLISECONDS));
    }

    void startGraceIfOrphaned(Run run) {
        if (run.isOrphaned()) {
            startGrace(run);
        }
    }

    /** Nobody watches the live run: it ends unless someone resumes it within the grace period. */
    void startGrace(Run run) {
        try {
            run.startGrace(workers.get().scheduler().schedule(() -> {
                if (run.isOrphaned() && !watchedElsewhere.test(run)) {
                    ending.end(run, Run.Status.CANCELLED, RunEvent.CANCELLED, payload("reason", RunManager.DISCONNECTED));
                }
            }, graceMillis.getAsLong(), TimeUnit.MILLISECONDS));
        } catch (RejectedExecutionException e) {
            ending.end(run, Run.Status.CANCELLED, RunEvent.CANCELLED, payload("reason", RunManager.SERVER_SHUTDOWN));
        }
    }
}
