package dev.switchboard.neuro.console;

import jakarta.json.JsonObject;

/**
 * Operator console → server on {@code /neuro/console}; every command may carry a {@code request_id}.
 * Read field by field by {@link ConsoleCodec.CommandDecoder} (the wire names are in its table).
 */
public sealed interface ConsoleCommand {
    String requestId();

    /** An action sent to a game outside any force. */
    record SendAction(String requestId, String connectionId, String game, String action, JsonObject data,
                      boolean sendAnyway) implements ConsoleCommand {
    }

    /** The operator's choice for a game's pending force. */
    record AnswerForce(String requestId, String connectionId, String game, String action, JsonObject data,
                       boolean sendAnyway) implements ConsoleCommand {
    }

    record ReregisterAll(String requestId, String connectionId) implements ConsoleCommand {
    }

    record ShutdownGraceful(String requestId, String connectionId, boolean wantsShutdown) implements ConsoleCommand {
    }

    record ShutdownImmediate(String requestId, String connectionId) implements ConsoleCommand {
    }

    /** {@code priority} null sets the default decider. */
    record SetDecider(String requestId, String priority, String decider) implements ConsoleCommand {
    }

    /** The frames of a connection both ways (of one of its games, with {@code game}), as JSON Lines. */
    record ExportSession(String requestId, String connectionId, String game) implements ConsoleCommand {
    }

    record Snapshot(String requestId) implements ConsoleCommand {
    }

    /** Not on the wire: a frame that could not be read. */
    record Invalid(String requestId, String code, String message) implements ConsoleCommand {
    }
}
