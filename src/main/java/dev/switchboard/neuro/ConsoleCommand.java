package dev.switchboard.neuro;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbSubtype;
import jakarta.json.bind.annotation.JsonbTypeInfo;

/** Operator console → server on {@code /neuro/console}; every command may carry a {@code request_id}. */
@JsonbTypeInfo(key = "type", value = {
        @JsonbSubtype(alias = "send_action", type = ConsoleCommand.SendAction.class),
        @JsonbSubtype(alias = "answer_force", type = ConsoleCommand.AnswerForce.class),
        @JsonbSubtype(alias = "reregister_all", type = ConsoleCommand.ReregisterAll.class),
        @JsonbSubtype(alias = "shutdown_graceful", type = ConsoleCommand.ShutdownGraceful.class),
        @JsonbSubtype(alias = "shutdown_immediate", type = ConsoleCommand.ShutdownImmediate.class),
        @JsonbSubtype(alias = "set_decider", type = ConsoleCommand.SetDecider.class),
        @JsonbSubtype(alias = "snapshot", type = ConsoleCommand.Snapshot.class)
})
public sealed interface ConsoleCommand {
    String requestId();

    /** An action sent to a game outside any force. */
    record SendAction(@JsonbProperty("request_id") String requestId, @JsonbProperty("connection_id") String connectionId,
                      String game, String action, JsonObject data,
                      @JsonbProperty("send_anyway") boolean sendAnyway) implements ConsoleCommand {
    }

    /** The operator's choice for a game's pending force. */
    record AnswerForce(@JsonbProperty("request_id") String requestId, @JsonbProperty("connection_id") String connectionId,
                       String game, String action, JsonObject data,
                       @JsonbProperty("send_anyway") boolean sendAnyway) implements ConsoleCommand {
    }

    record ReregisterAll(@JsonbProperty("request_id") String requestId,
                         @JsonbProperty("connection_id") String connectionId) implements ConsoleCommand {
    }

    record ShutdownGraceful(@JsonbProperty("request_id") String requestId,
                            @JsonbProperty("connection_id") String connectionId,
                            @JsonbProperty("wants_shutdown") boolean wantsShutdown) implements ConsoleCommand {
    }

    record ShutdownImmediate(@JsonbProperty("request_id") String requestId,
                             @JsonbProperty("connection_id") String connectionId) implements ConsoleCommand {
    }

    record SetDecider(@JsonbProperty("request_id") String requestId, String decider) implements ConsoleCommand {
    }

    record Snapshot(@JsonbProperty("request_id") String requestId) implements ConsoleCommand {
    }

    /** Not on the wire: a frame that could not be read. */
    record Invalid(String requestId, String code, String message) implements ConsoleCommand {
    }
}
