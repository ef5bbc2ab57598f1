package dev.switchboard.runs;

import dev.switchboard.websocket.Outbox;

/**
 * A connection catching up with a run (a {@code resume}), on a worker thread: it is sent the run's kept
 * events from its cursor one at a time, paced by its outbox like a live stream, and becomes a live
 * watcher when it has caught up. Each step, and the switch to live, happen under the run's lock, and
 * the run sends a replaying connection nothing directly, so no event is lost or sent twice.
 */
final class Replay {
    private final Run run;
    private final RunsConnection connection;
    /** The seq to send next; guarded by the run's lock. */
    long next;

    Replay(Run run, RunsConnection connection, long next) {
        this.run = run;
        this.connection = connection;
        this.next = next;
    }

    RunsConnection connection() {
        return connection;
    }

    /** Replays until caught up (or stopped, or too far behind); returns how it ended. */
    Run.ReplayStep run() {
        Outbox outbox = connection.outbox();
        try {
            while (true) {
                Pacing.awaitRoom(outbox);
                Run.ReplayStep step = run.replayNext(this);
                if (step != Run.ReplayStep.SENT) {
                    return step;
                }
                outbox.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the workers are shutting down
            run.stopReplay(this);
            return Run.ReplayStep.STOPPED;
        }
    }
}
