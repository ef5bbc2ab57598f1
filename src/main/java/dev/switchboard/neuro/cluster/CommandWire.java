package dev.switchboard.neuro.cluster;

import dev.switchboard.neuro.console.ConsoleCommand;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * The operator commands about one game connection, written back in the console's own wire format, so
 * the instance the game is on reads them with the console's decoder and carries them out exactly as a
 * command of its own console.
 */
public final class CommandWire {
    private CommandWire() {
    }

    /** The game connection a command is about; null for commands about no connection. */
    public static String connectionId(ConsoleCommand command) {
        if (command instanceof ConsoleCommand.SendAction c) {
            return c.connectionId();
        } else if (command instanceof ConsoleCommand.AnswerForce c) {
            return c.connectionId();
        } else if (command instanceof ConsoleCommand.ReregisterAll c) {
            return c.connectionId();
        } else if (command instanceof ConsoleCommand.ShutdownGraceful c) {
            return c.connectionId();
        } else if (command instanceof ConsoleCommand.ShutdownImmediate c) {
            return c.connectionId();
        } else if (command instanceof ConsoleCommand.ExportSession c) {
            return c.connectionId();
        }
        return null;
    }

    /** A command about a connection ({@link #connectionId} not null) as its console sent it. */
    static JsonObject of(ConsoleCommand command) {
        JsonObjectBuilder json = Json.createObjectBuilder();
        if (command instanceof ConsoleCommand.SendAction c) {
            action(json.add("type", "send_action"), c.connectionId(), c.game(), c.action(), c.data(), c.sendAnyway());
        } else if (command instanceof ConsoleCommand.AnswerForce c) {
            action(json.add("type", "answer_force"), c.connectionId(), c.game(), c.action(), c.data(), c.sendAnyway());
        } else if (command instanceof ConsoleCommand.ReregisterAll c) {
            json.add("type", "reregister_all").add("connection_id", c.connectionId());
        } else if (command instanceof ConsoleCommand.ShutdownGraceful c) {
            json.add("type", "shutdown_graceful").add("connection_id", c.connectionId()).add("wants_shutdown", c.wantsShutdown());
        } else if (command instanceof ConsoleCommand.ShutdownImmediate c) {
            json.add("type", "shutdown_immediate").add("connection_id", c.connectionId());
        } else if (command instanceof ConsoleCommand.ExportSession c) {
            json.add("type", "export_session").add("connection_id", c.connectionId());
            if (c.game() != null) {
                json.add("game", c.game());
            }
        } else {
            throw new IllegalArgumentException("Not a command about a game connection: " + command);
        }
        if (command.requestId() != null) {
            json.add("request_id", command.requestId());
        }
        return json.build();
    }

    private static void action(JsonObjectBuilder json, String connectionId, String game, String action, JsonObject data,
                               boolean sendAnyway) {
        json.add("connection_id", connectionId).add("game", game).add("action", action).add("send_anyway", sendAnyway);
        if (data != null) {
            json.add("data", data);
        }
    }
}
