package dev.switchboard.runs;

import dev.switchboard.websocket.Outbox;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** One {@code /runs} connection: where its events go, and the live runs it started. */
final class RunsConnection {
    private final Outbox outbox;
    private final Set<Run> started = ConcurrentHashMap.newKeySet();
    private final Set<Run> watching = ConcurrentHashMap.newKeySet();

    RunsConnection(Outbox outbox) {
        this.outbox = outbox;
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
