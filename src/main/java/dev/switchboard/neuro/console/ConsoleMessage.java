package dev.switchboard.neuro.console;

import dev.switchboard.neuro.decide.OperatorQueue;
import dev.switchboard.neuro.diagnostics.SessionLog;
import dev.switchboard.neuro.game.GameView;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbSubtype;
import jakarta.json.bind.annotation.JsonbTypeInfo;

import java.util.List;
import java.util.Map;

/** Server → operator console; {@code type} is written first. */
@JsonbTypeInfo(key = "type", value = {
        @JsonbSubtype(alias = "snapshot", type = ConsoleMessage.Snapshot.class),
        @JsonbSubtype(alias = "game", type = ConsoleMessage.GameUpdate.class),
        @JsonbSubtype(alias = "game_closed", type = ConsoleMessage.GameClosed.class),
        @JsonbSubtype(alias = "decider", type = ConsoleMessage.DeciderChanged.class),
        @JsonbSubtype(alias = "ack", type = ConsoleMessage.Ack.class),
        @JsonbSubtype(alias = "session_export", type = ConsoleMessage.SessionExport.class),
        @JsonbSubtype(alias = "error", type = ConsoleMessage.Error.class)
})
public sealed interface ConsoleMessage {
    /** {@code operator_queue}: the forces waiting for the operator, in the order to show them ({@link OperatorQueue}). */
    @JsonbPropertyOrder({"decider", "deciders", "games", "operatorQueue"})
    record Snapshot(String decider, @JsonbProperty("decider_by_priority") Map<String, String> deciderByPriority,
                    List<String> deciders, List<GameView> games,
                    @JsonbProperty("operator_queue") List<OperatorQueue.Waiting> operatorQueue) implements ConsoleMessage {
    }

    /**
     * The whole view of a game after one or more changes ({@link ConsoleUpdates} coalesces them):
     * {@code changes} are the last few, oldest first; {@code leftOut} counts the earlier ones not listed.
     */
    @JsonbPropertyOrder({"changes", "leftOut", "view"})
    record GameUpdate(List<Change> changes, @JsonbProperty("left_out") int leftOut, GameView view) implements ConsoleMessage {
    }

    /** One change of a game: {@code kind} (startup, actions, context, force, action, result, warning…) and what. */
    @JsonbPropertyOrder({"kind", "detail"})
    record Change(String kind, String detail) {
    }

    record GameClosed(@JsonbProperty("connection_id") String connectionId, String game) implements ConsoleMessage {
    }

    record DeciderChanged(String decider, @JsonbProperty("decider_by_priority") Map<String, String> deciderByPriority)
            implements ConsoleMessage {
    }

    @JsonbPropertyOrder({"requestId", "command", "actionId"})
    record Ack(@JsonbNillable @JsonbProperty("request_id") String requestId, String command,
               @JsonbProperty("action_id") String actionId) implements ConsoleMessage {
    }

    /** The answer to {@code export_session}: {@code jsonl} is the export (format in {@link SessionLog}). */
    @JsonbPropertyOrder({"requestId", "connectionId", "game", "jsonl"})
    record SessionExport(@JsonbNillable @JsonbProperty("request_id") String requestId,
                         @JsonbProperty("connection_id") String connectionId, @JsonbNillable String game, String jsonl)
            implements ConsoleMessage {
    }

    @JsonbPropertyOrder({"requestId", "code", "message", "problems"})
    record Error(@JsonbNillable @JsonbProperty("request_id") String requestId, String code, String message,
                 List<String> problems) implements ConsoleMessage {
    }
}
