package dev.switchboard.neuro.game;

import dev.switchboard.neuro.diagnostics.Diagnostic;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/** A {@link GameSession.Port} that records what a session asks for; timers fire only if a test completes them. */
public class RecordingPort implements GameSession.Port {
    public final List<GameSession.Tally> tallies = new java.util.ArrayList<>();
    public record Sent(String id, String name, String data) {
    }

    public final List<Sent> sent = new ArrayList<>();
    public final List<GameSession.PendingForce> decisions = new ArrayList<>();
    public final List<CompletableFuture<?>> timers = new ArrayList<>();
    public final List<String> changes = new ArrayList<>();
    public final List<Diagnostic> diagnostics = new ArrayList<>();

    /** A session of this game on its own connection, with three retries and an empty context. */
    public GameSession session(String game) {
        return new GameSession("connection-of-" + game, game, this, 3, List.of());
    }

    public Sent lastSent() {
        return sent.get(sent.size() - 1);
    }

    @Override
    public void sendAction(GameSession session, String id, String name, String data) {
        sent.add(new Sent(id, name, data));
    }

    @Override
    public Future<?> scheduleTimeout(GameSession session, String actionId) {
        CompletableFuture<?> timer = new CompletableFuture<>();
        timers.add(timer);
        return timer;
    }

    @Override
    public void decide(GameSession session, GameSession.PendingForce force) {
        decisions.add(force);
    }

    @Override
    public void diagnosed(GameSession session, Diagnostic diagnostic) {
        diagnostics.add(diagnostic);
        changes.add("warning");
    }

    @Override
    public void tally(GameSession.Tally what) {
        tallies.add(what);
    }

    @Override
    public void changed(GameSession session, String kind, String detail) {
        changes.add(kind);
    }
}
