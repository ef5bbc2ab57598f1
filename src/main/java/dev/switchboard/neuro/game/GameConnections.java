package dev.switchboard.neuro.game;

import dev.switchboard.neuro.bounds.Shorten;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** Every open game connection, by id, and what looks across them: their sessions and shared action names. */
public final class GameConnections {
    private final Map<String, GameConnection> open = new ConcurrentHashMap<>();

    public void add(GameConnection connection) {
        open.put(connection.id(), connection);
    }

    public void remove(GameConnection connection) {
        open.remove(connection.id());
    }

    /** The open connection with this id ({@code id} may be null). */
    public Optional<GameConnection> find(String id) {
        return Optional.ofNullable(id == null ? null : open.get(id));
    }

    public int count() {
        return open.size();
    }

    /** Every session of every open connection. */
    public Stream<GameSession> sessions() {
        return open.values().stream().flatMap(connection -> connection.sessions().values().stream());
    }

    /**
     * Action names are shared by every game of the same character, so the same name twice is worth a
     * warning: one for the whole registration (the first few collisions and their count), or null.
     */
    public String collisions(GameConnection connection, String game, List<Action> registered) {
        Map<String, String> elsewhere = new HashMap<>(); // action name → where it is registered
        for (GameConnection other : open.values()) {
            for (GameSession session : other.sessions().values()) {
                if (other != connection || !session.game().equals(game)) {
                    session.actionNames().forEach(name -> elsewhere.putIfAbsent(name,
                            "'" + Shorten.name(session.game()) + "' on connection " + other.id()));
                }
            }
        }
        List<String> found = new ArrayList<>();
        int count = 0;
        for (Action action : registered) {
            String where = elsewhere.get(action.name());
            if (where != null && count++ < FrameWarning.SHOWN_PROBLEMS) {
                found.add("'" + Shorten.name(action.name()) + "' (also registered by " + where + ")");
            }
        }
        return count == 0 ? null : count + " action names collide with other games' actions: " + String.join(", ", found)
                + (count > found.size() ? " and " + (count - found.size()) + " more" : "");
    }
}
