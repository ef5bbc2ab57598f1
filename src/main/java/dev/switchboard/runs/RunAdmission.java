package dev.switchboard.runs;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import static dev.switchboard.runs.RunMessage.error;

/**
 * The caps a run must pass to start: runs going per connection, and live runs on the server. A live
 * place is reserved before the run is created, so that the server-wide cap holds under races.
 */
final class RunAdmission {
    private final IntSupplier maxPerConnection;
    private final IntSupplier maxLive;
    private final AtomicInteger live = new AtomicInteger();

    /** The caps are read at each start, so that a changed setting counts from the next one. */
    RunAdmission(IntSupplier maxPerConnection, IntSupplier maxLive) {
        this.maxPerConnection = maxPerConnection;
        this.maxLive = maxLive;
    }

    /**
     * Reserves a live place for the run {@code runId} that the connection starts; if a cap is reached,
     * returns the {@code too_many_runs} error for the connection (and reserves nothing), else null.
     */
    RunMessage.RunError admit(RunsConnection connection, String runId) {
        int perConnection = maxPerConnection.getAsInt();
        if (connection.started().size() >= perConnection) {
            return error(runId, "too_many_runs", "This connection already has " + perConnection + " runs going");
        }
        int liveCap = maxLive.getAsInt();
        if (live.incrementAndGet() > liveCap) {
            live.decrementAndGet();
            return error(runId, "too_many_runs", "The server already has " + liveCap + " runs going");
        }
        return null;
    }

    /** Gives back the place of a run that ended, or that was admitted but never started. */
    void release() {
        live.decrementAndGet();
    }

    /** Live runs on the server. */
    int live() {
        return live.get();
    }
}
