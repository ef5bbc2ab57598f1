package dev.switchboard.neuro.console;

import dev.switchboard.neuro.game.GameSession;
import dev.switchboard.neuro.game.GameView;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Coalesces a game's changes into console updates: the first change after a quiet spell goes out at
 * once, later ones wait until {@code interval} has passed since the previous update, and then go out
 * together as one {@link ConsoleMessage.GameUpdate} with the game's view as it is then. So a burst of
 * changes to one game yields at most one update per interval, each listing its last
 * {@link #SHOWN_CHANGES} changes and how many more there were.
 */
final class ConsoleUpdates {
    static final int SHOWN_CHANGES = 20;

    /** Runs a task after a delay (0: now) on a thread that holds no lock. */
    interface Scheduler {
        void after(long delayNanos, Runnable task);
    }

    private static final class Pending {
        final ArrayDeque<ConsoleMessage.Change> changes = new ArrayDeque<>();
        int leftOut;
        boolean scheduled;
        long nextAllowedNanos;
    }

    private final Scheduler scheduler;
    private final LongSupplier clock;
    private final long intervalNanos;
    private final Consumer<ConsoleMessage.GameUpdate> publish;
    /** Guarded by this; taken inside a game's lock, never the other way round. */
    private final Map<GameSession, Pending> pending = new HashMap<>();

    ConsoleUpdates(Scheduler scheduler, LongSupplier clock, long intervalNanos, Consumer<ConsoleMessage.GameUpdate> publish) {
        this.scheduler = scheduler;
        this.clock = clock;
        this.intervalNanos = intervalNanos;
        this.publish = publish;
    }

    /** Called with the game's lock held (every change happens under it). */
    void changed(GameSession session, String kind, String detail) {
        if (session.isClosed()) {
            return;
        }
        long delay;
        synchronized (this) {
            Pending p = pending.computeIfAbsent(session, s -> new Pending());
            p.changes.addLast(new ConsoleMessage.Change(kind, detail));
            if (p.changes.size() > SHOWN_CHANGES) {
                p.changes.removeFirst();
                p.leftOut++;
            }
            if (p.scheduled) {
                return;
            }
            p.scheduled = true;
            delay = Math.max(0, p.nextAllowedNanos - clock.getAsLong());
        }
        scheduler.after(delay, () -> flush(session));
    }

    /**
     * Publishes the game's pending changes with its view, inside the game's lock (so updates keep the
     * game's order, and none follows its {@code game_closed}: a closed game's changes are dropped).
     */
    private void flush(GameSession session) {
        session.whileLocked(() -> {
            List<ConsoleMessage.Change> changes;
            int leftOut;
            synchronized (this) {
                Pending p = pending.remove(session);
                if (p == null) {
                    return;
                }
                changes = List.copyOf(p.changes);
                leftOut = p.leftOut;
                if (!session.isClosed()) {
                    Pending next = new Pending();
                    next.nextAllowedNanos = clock.getAsLong() + intervalNanos;
                    pending.put(session, next);
                }
            }
            if (!session.isClosed()) {
                publish.accept(new ConsoleMessage.GameUpdate(changes, leftOut, GameView.of(session)));
            }
        });
    }

    /** The game's connection closed (call after {@link GameSession#close()}): nothing of it is kept. */
    synchronized void forget(GameSession session) {
        pending.remove(session);
    }

    /** How many games have state here. */
    synchronized int games() {
        return pending.size();
    }
}
