package dev.switchboard.neuro;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbSubtype;
import jakarta.json.bind.annotation.JsonbTypeInfo;

import java.util.List;

/** Server → operator console; {@code type} is written first. */
@JsonbTypeInfo(key = "type", value = {
        @JsonbSubtype(alias = "snapshot", type = ConsoleMessage.Snapshot.class),
        @JsonbSubtype(alias = "game", type = ConsoleMessage.GameUpdate.class),
        @JsonbSubtype(alias = "game_closed", type = ConsoleMessage.GameClosed.class),
        @JsonbSubtype(alias = "decider", type = ConsoleMessage.DeciderChanged.class),
        @JsonbSubtype(alias = "ack", type = ConsoleMessage.Ack.class),
        @JsonbSubtype(alias = "error", type = ConsoleMessage.Error.class)
})
public sealed interface ConsoleMessage {
    @JsonbPropertyOrder({"decider", "deciders", "games"})
    record Snapshot(String decider, List<String> deciders, List<GameView> games) implements ConsoleMessage {
    }

    /** The whole view of a game after any change; {@code kind}/{@code detail} say what changed. */
    @JsonbPropertyOrder({"kind", "detail", "view"})
    record GameUpdate(String kind, String detail, GameView view) implements ConsoleMessage {
    }

    record GameClosed(@JsonbProperty("connection_id") String connectionId, String game) implements ConsoleMessage {
    }

    record DeciderChanged(String decider) implements ConsoleMessage {
    }

    @JsonbPropertyOrder({"requestId", "command", "actionId"})
    record Ack(@JsonbNillable @JsonbProperty("request_id") String requestId, String command,
               @JsonbProperty("action_id") String actionId) implements ConsoleMessage {
    }

    @JsonbPropertyOrder({"requestId", "code", "message", "problems"})
    record Error(@JsonbNillable @JsonbProperty("request_id") String requestId, String code, String message,
                 List<String> problems) implements ConsoleMessage {
    }
}
