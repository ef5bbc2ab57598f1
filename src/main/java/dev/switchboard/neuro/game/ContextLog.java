package dev.switchboard.neuro.game;

import dev.switchboard.neuro.bounds.BoundedLog;
import dev.switchboard.neuro.bounds.Shorten;
import dev.switchboard.neuro.diagnostics.DiagnosticCode;
import dev.switchboard.neuro.game.GameSession.ContextEntry;

import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A game's context log: a message is logged at once, or, while a result is pending, held (in order)
 * and logged after that result. The log and what is held are each bounded by count and by size,
 * dropping their oldest entries; a long message is kept shortened. It tells the session's port what it
 * logs and warns through the session. Not thread-safe: its session's lock guards it.
 */
final class ContextLog {
    private final GameSession session;
    private final GameSession.Port port;
    private final BooleanSupplier resultPending;
    private final BoundedLog<ContextEntry> logged = newLog();
    private final BoundedLog<ContextEntry> held = newLog();

    /** {@code remembered}: the game's context from an earlier connection. */
    ContextLog(GameSession session, GameSession.Port port, BooleanSupplier resultPending, List<ContextEntry> remembered) {
        this.session = session;
        this.port = port;
        this.resultPending = resultPending;
        remembered.forEach(logged::add);
    }

    private static BoundedLog<ContextEntry> newLog() {
        return new BoundedLog<>(GameSession.MAX_CONTEXT, GameSession.CONTEXT_BYTES, c -> Shorten.utf8Length(c.message()));
    }

    /** The game's {@code context}: a message over the size an entry keeps is a warning too. */
    void add(String message, boolean silent) {
        if (message != null && Shorten.utf8Length(message) > GameSession.CONTEXT_ENTRY_BYTES) {
            session.warn(DiagnosticCode.CONTEXT_OVERSIZED, "a context message of " + Shorten.utf8Length(message)
                    + " bytes was kept shortened to " + GameSession.CONTEXT_ENTRY_BYTES / 1024 + " KiB");
        }
        record(message, silent);
    }

    /** Logs context now, or holds it (in order, at most as much as the log keeps) until no result is pending. */
    void record(String message, boolean silent) {
        ContextEntry entry = new ContextEntry(Instant.now(), Shorten.toBytes(message, GameSession.CONTEXT_ENTRY_BYTES), silent);
        if (!resultPending.getAsBoolean()) {
            log(entry);
            return;
        }
        if (held.add(entry) > 0) {
            session.warn(DiagnosticCode.CONTEXT_DROPPED,
                    "more context arrived while a result was pending than the log keeps: the oldest was dropped");
        }
        port.changed(session, "context", "context held until the pending result arrives");
    }

    /** Logs what was held, once no result is pending. */
    void releaseHeld() {
        while (!resultPending.getAsBoolean() && !held.isEmpty()) {
            log(held.removeFirst());
        }
    }

    /** The connection closed: what was held is logged as it is, and told to no one. */
    void close() {
        while (!held.isEmpty()) {
            logged.add(held.removeFirst());
        }
    }

    List<ContextEntry> list() {
        return logged.list();
    }

    private void log(ContextEntry entry) {
        logged.add(entry);
        port.changed(session, "context", entry.message());
    }
}
