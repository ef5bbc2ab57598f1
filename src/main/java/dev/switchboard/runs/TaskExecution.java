package dev.switchboard.runs;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import static dev.switchboard.runs.RunMessage.payload;

/** Executes a run's task (on a worker) and ends the run as the task ended. */
final class TaskExecution {
    /** The manager's logger, under which a failed task has always been logged. */
    private static final Logger LOG = Logger.getLogger(RunManager.class.getName());

    private final RunEnding ending;
    private final AtomicInteger active = new AtomicInteger();

    TaskExecution(RunEnding ending) {
        this.ending = ending;
    }

    void execute(Run run, RunTask.RunJob job) {
        active.incrementAndGet();
        try {
            Object result = job.run(new RunReporter(run));
            ending.end(run, Run.Status.COMPLETED, RunEvent.COMPLETED, payload("result", result));
        } catch (RunTask.RunFailure e) {
            ending.end(run, Run.Status.FAILED, RunEvent.FAILED, payload("error", e.getMessage(), "code", e.code()));
        } catch (InterruptedException e) {
            // Cancelled or timed out: whoever interrupted has written the terminal event already.
            ending.end(run, Run.Status.CANCELLED, RunEvent.CANCELLED, payload("reason", "interrupted"));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Run " + run.id() + " (" + run.task() + ") failed", e);
            ending.end(run, Run.Status.FAILED, RunEvent.FAILED, payload("error", "Internal error", "code", "internal_error"));
        } finally {
            active.decrementAndGet();
        }
    }

    /** Run tasks executing right now. */
    int active() {
        return active.get();
    }
}
