package dev.switchboard.neuro.game;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** Server → game: {@code {"command", "data"?}}; a null {@code data} is left out. */
@JsonbPropertyOrder({"command", "data"})
public record GameCommand(String command, Object data) {

    public record Session(String sessionId, String characterId, String displayName) {
    }

    public record StartupAck(Session session) {
    }

    /** {@code data} is the JSON text of the arguments; null (left out) for a schemaless action. */
    @JsonbPropertyOrder({"id", "name", "data"})
    public record ActionData(String id, String name, String data) {
    }

    public record Graceful(@JsonbProperty("wants_shutdown") boolean wantsShutdown) {
    }

    public static GameCommand startup(Session session) {
        return new GameCommand("startup", new StartupAck(session));
    }

    public static GameCommand action(String id, String name, String data) {
        return new GameCommand("action", new ActionData(id, name, data));
    }

    public static GameCommand reregisterAll() {
        return new GameCommand("actions/reregister_all", null);
    }

    public static GameCommand graceful(boolean wantsShutdown) {
        return new GameCommand("shutdown/graceful", new Graceful(wantsShutdown));
    }

    public static GameCommand immediate() {
        return new GameCommand("shutdown/immediate", null);
    }

}
