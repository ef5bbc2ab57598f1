package dev.switchboard.runs;

import dev.switchboard.security.Caller;
import dev.switchboard.websocket.Outbox;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@code /runs} connection: where its events go, who opened it, and the live runs it started. A
 * detached one (MCP's, {@link DetachedStarters}) has no outbox: it starts and names runs, and never watches one.
 */
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

    /** A connection of {@code caller} with no outbox: it starts runs that nobody watches. */
    static RunsConnection detached(Caller caller) {
        return new RunsConnection(null, caller);
    }

    boolean isDetached() {
        return outbox == null;
    }

    Caller caller() {
        return caller;
    }

    /** The namespace of the runs this connection starts: its principal's name (null with authentication off). */
    String principal() {
        return caller == null ? null : caller.getName();
    }

    /** Whether {@code list_runs} shows every principal's runs: role admin (or authentication off, one namespace). */
    boolean listsEveryRun() {
        return caller == null || caller.hasRole(Caller.ADMIN);
    }

    /**
     * The run a command names: in the sender's own namespace, or in {@code owner}'s if the sender has role
     * admin. Null if the sender may not name that owner, which the caller answers like an unknown run id.
     * With authentication off there is one namespace, and {@code owner} is ignored.
     */
    RunKey runNamed(String runId, String owner) {
        if (caller == null || owner == null || owner.equals(caller.getName())) {
            return new RunKey(principal(), runId);
        }
        return caller.hasRole(Caller.ADMIN) ? new RunKey(owner, runId) : null;
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
