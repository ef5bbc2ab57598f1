package dev.switchboard.neuro.game;

import dev.switchboard.neuro.bounds.BoundedLog;
import dev.switchboard.neuro.bounds.Shorten;

import java.util.List;

/**
 * A game's context messages, oldest first, and those held while a result is pending (to be logged
 * after it, in order). Each is bounded by count and by size, dropping its oldest entries. Not
 * thread-safe: its session's lock guards it.
 */
final class ContextLog {
    private final BoundedLog<GameSession.ContextEntry> logged;
    private final BoundedLog<GameSession.ContextEntry> held;

    /** {@code remembered}: the game's context from an earlier connection. */
    ContextLog(int maxEntries, int maxBytes, List<GameSession.ContextEntry> remembered) {
        logged = newLog(maxEntries, maxBytes);
        held = newLog(maxEntries, maxBytes);
        remembered.forEach(logged::add);
    }

    private static BoundedLog<GameSession.ContextEntry> newLog(int maxEntries, int maxBytes) {
        return new BoundedLog<>(maxEntries, maxBytes, c -> Shorten.utf8Length(c.message()));
    }

    void log(GameSession.ContextEntry entry) {
        logged.add(entry);
    }

    /** Holds an entry until {@link #nextHeld()}; returns how many of the oldest held were dropped for it. */
    int hold(GameSession.ContextEntry entry) {
        return held.add(entry);
    }

    boolean hasHeld() {
        return !held.isEmpty();
    }

    GameSession.ContextEntry nextHeld() {
        return held.removeFirst();
    }

    /** Logs everything held, in order. */
    void logHeld() {
        while (!held.isEmpty()) {
            logged.add(held.removeFirst());
        }
    }

    List<GameSession.ContextEntry> list() {
        return logged.list();
    }
}
