package dev.switchboard.neuro.console;

import dev.switchboard.concurrent.Workers;
import dev.switchboard.neuro.decide.DeciderChoice;
import dev.switchboard.neuro.decide.Deciders;
import dev.switchboard.neuro.decide.OperatorQueue;
import dev.switchboard.neuro.game.GameConnections;
import dev.switchboard.neuro.game.GameSession;
import dev.switchboard.neuro.game.GameView;
import dev.switchboard.websocket.Outbox;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The operator consoles as the hub feeds them: each gets a snapshot of every game and of the deciders
 * first, then the games' changes (coalesced per game by {@link ConsoleUpdates}), closed games and
 * decider changes.
 */
public final class Consoles {
    private final ConsoleFeed feed = new ConsoleFeed();
    private final ConsoleUpdates updates;
    private final Workers workers;
    private final GameConnections connections;
    private final Deciders deciders;
    private final GameMirror mirror;

    /**
     * {@code updateMillis}: the least time between two updates of one game; {@code mirror}: the other
     * instances' games ({@link GameMirror#NONE} on a single server).
     */
    public Consoles(Workers workers, long updateMillis, GameConnections connections, Deciders deciders, GameMirror mirror) {
        this.workers = workers;
        this.connections = connections;
        this.deciders = deciders;
        this.mirror = mirror;
        updates = new ConsoleUpdates(this::runAfter, System::nanoTime, TimeUnit.MILLISECONDS.toNanos(updateMillis),
                update -> {
                    feed.publish(update);
                    mirror.updated(update);
                });
    }

    /** A change of a game, called under the game's lock; nothing to do while no console is connected. */
    public void changed(GameSession session, String kind, String detail) {
        if (!feed.isEmpty() || mirror.active()) {
            updates.changed(session, kind, detail);
        }
    }

    /** The game's connection closed (call after {@link GameSession#close()}): nothing of it is kept. */
    public void forget(GameSession session) {
        updates.forget(session);
    }

    public void gameClosed(GameSession session) {
        ConsoleMessage.GameClosed closed = new ConsoleMessage.GameClosed(session.connectionId(), session.shownGame());
        feed.publish(closed);
        mirror.closed(closed);
    }

    /** An update or the end of a game of another instance, in that game's order. */
    public void showOther(ConsoleMessage message) {
        feed.publish(message);
    }

    public void deciderChanged(DeciderChoice changed) {
        feed.publish(new ConsoleMessage.DeciderChanged(changed.defaultDecider(), changed.byPriority()));
    }

    public void add(Outbox outbox) {
        feed.add(outbox, this::snapshot);
    }

    public void resendSnapshot(Outbox outbox) {
        feed.resend(outbox, this::snapshot);
    }

    public void remove(Outbox outbox) {
        feed.remove(outbox);
    }

    private ConsoleMessage.Snapshot snapshot() {
        DeciderChoice now = deciders.choice();
        List<GameView> views = connections.sessions()
                .sorted(Comparator.comparing(GameSession::connectionId).thenComparing(GameSession::game))
                .map(GameView::of).toList();
        List<GameView> others = mirror.otherGames();
        if (!others.isEmpty()) {
            views = java.util.stream.Stream.concat(views.stream(), others.stream())
                    .sorted(Comparator.comparing(GameView::connectionId)
                            .thenComparing(GameView::game, Comparator.nullsFirst(Comparator.naturalOrder())))
                    .toList();
        }
        return new ConsoleMessage.Snapshot(now.defaultDecider(), now.byPriority(), List.copyOf(deciders.names()), views,
                OperatorQueue.of(views, now));
    }

    /** For {@link ConsoleUpdates}: a worker runs the task (the caller's thread, if none is free). */
    private void runAfter(long delayNanos, Runnable task) {
        Runnable onWorker = () -> {
            try {
                workers.executor().execute(task);
            } catch (RejectedExecutionException saturated) {
                task.run(); // late is better than lost; this thread's locks are reentrant for it
            }
        };
        if (delayNanos > 0) {
            try {
                workers.scheduler().schedule(onWorker, delayNanos, TimeUnit.NANOSECONDS);
                return;
            } catch (RejectedExecutionException shuttingDown) {
                // sooner rather than never
            }
        }
        onWorker.run();
    }
}
