package dev.switchboard.neuro.game;

import dev.switchboard.neuro.diagnostics.SessionLog;
import dev.switchboard.websocket.JsonSupport;
import dev.switchboard.websocket.Outbox;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** One game connection: its outbox and a {@link GameSession} per game name it used. */
public final class GameConnection {
    private final String id = UUID.randomUUID().toString();
    private final Outbox outbox;
    private final Map<String, GameSession> sessions = new ConcurrentHashMap<>();
    private final SessionLog log = new SessionLog();

    public GameConnection(Outbox outbox) {
        this.outbox = outbox;
    }

    public String id() {
        return id;
    }

    /** Queued for a worker to send: callers hold their game's lock. */
    public void send(GameCommand command) {
        log.out(JsonSupport.JSONB.toJson(command));
        outbox.post(command);
    }

    /** Every frame of this connection, both ways (bounded), for the session export. */
    public SessionLog log() {
        return log;
    }

    public Map<String, GameSession> sessions() {
        return sessions;
    }
}
