package dev.switchboard.runs;

import dev.switchboard.security.Caller;
import dev.switchboard.websocket.Outbox;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** One {@code /runs} connection: where its events go, who opened it, and the live runs it started. */
final class RunsConnection {
    private final Outbox outbox;
    /** Null when authentication is off. */
    private final Caller caller;
    private final Set<Run> started = ConcurrentHashMap.newKeySet();
    private final Set<Run> watching = ConcurrentHashMap.newKeySet();

    RunsConnection(Outbox outbox) {
        this(outbox, null);
    }

    RunsConnection(Outbox outbox, Caller caller) {
        this.outbox = outbox;
        this.caller = caller;
    }

    Caller caller() {
        return caller;
    }

    /** Whether this connection may cancel or resume a run: authentication off, its starter, or role admin. */
    boolean mayControl(Run run) {
        return caller == null || caller.mayControl(run.owner());
    }

    Outbox outbox() {
        return outbox;
    }

    void send(RunMessage message) {
        outbox.send(message);
    }

    Set<Run> started() {
        return started;
    }

    Set<Run> watching() {
        return watching;
    }
}
