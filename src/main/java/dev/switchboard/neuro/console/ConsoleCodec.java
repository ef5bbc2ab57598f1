package dev.switchboard.neuro.console;

import dev.switchboard.neuro.bounds.Shorten;
import dev.switchboard.websocket.JsonSupport;
import dev.switchboard.websocket.JsonbTextEncoder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The console's one decoder and one encoder. Commands are read as JSON-P trees and every field is
 * checked (JSON-B would read {@code "decider":123} as {@code "123"} and skip unknown fields): a wrong
 * type, a missing required field or an unknown field is an {@code invalid_request}.
 */
public final class ConsoleCodec {
    private static final String COMMON = "type request_id";
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "send_action", fields("connection_id game action data send_anyway"),
            "answer_force", fields("connection_id game action data send_anyway"),
            "reregister_all", fields("connection_id"),
            "shutdown_graceful", fields("connection_id wants_shutdown"),
            "shutdown_immediate", fields("connection_id"),
            "set_decider", fields("decider priority"),
            "export_session", fields("connection_id game"),
            "snapshot", fields(""));
    private static final String TYPES = String.join(", ", new TreeSet<>(FIELDS.keySet()));

    private ConsoleCodec() {
    }

    private static Set<String> fields(String own) {
        return Set.of((COMMON + " " + own).trim().split(" "));
    }

    public static class CommandDecoder implements Decoder.Text<ConsoleCommand> {
        public static final String MAX_BYTES_KEY = "switchboard.neuro.console-max-message-bytes";
        public static final int DEFAULT_MAX_BYTES = 65_536;

        @Override
        public ConsoleCommand decode(String text) throws DecodeException {
            JsonSupport.ObjectFrame frame = JsonSupport.readObject(text, "A command");
            if (!frame.isObject()) {
                return new ConsoleCommand.Invalid(null, frame.code(), frame.problem());
            }
            JsonObject json = frame.object();
            String requestId = json.get("request_id") instanceof JsonString s ? s.getString() : null;
            try {
                return read(new Fields(json));
            } catch (IllegalArgumentException invalid) {
                return new ConsoleCommand.Invalid(requestId, "invalid_request", invalid.getMessage());
            }
        }

        private static ConsoleCommand read(Fields f) {
            String type = f.required("type");
            Set<String> known = FIELDS.get(type);
            if (known == null) {
                throw new IllegalArgumentException("Unknown command type '" + Shorten.name(type) + "' (types: " + TYPES + ")");
            }
            f.onlyKnown(type, known);
            String requestId = f.optional("request_id");
            return switch (type) {
                case "send_action" -> new ConsoleCommand.SendAction(requestId, f.required("connection_id"),
                        f.required("game"), f.required("action"), f.optionalObject("data"), f.optionalFlag("send_anyway"));
                case "answer_force" -> new ConsoleCommand.AnswerForce(requestId, f.required("connection_id"),
                        f.required("game"), f.required("action"), f.optionalObject("data"), f.optionalFlag("send_anyway"));
                case "reregister_all" -> new ConsoleCommand.ReregisterAll(requestId, f.required("connection_id"));
                case "shutdown_graceful" -> new ConsoleCommand.ShutdownGraceful(requestId, f.required("connection_id"),
                        f.requiredFlag("wants_shutdown"));
                case "shutdown_immediate" -> new ConsoleCommand.ShutdownImmediate(requestId, f.required("connection_id"));
                case "export_session" -> new ConsoleCommand.ExportSession(requestId, f.required("connection_id"), f.optional("game"));
                case "set_decider" -> new ConsoleCommand.SetDecider(requestId, f.optional("priority"), f.required("decider"));
                default -> new ConsoleCommand.Snapshot(requestId);
            };
        }

        @Override
        public boolean willDecode(String text) {
            return true;
        }
    }

    /** A command's fields, each read as exactly its type; {@code null} counts as absent. */
    private record Fields(JsonObject json) {
        void onlyKnown(String type, Set<String> known) {
            List<String> unknown = json.keySet().stream().filter(k -> !known.contains(k)).toList();
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("Unknown field '" + Shorten.name(unknown.get(0)) + "'"
                        + (unknown.size() > 1 ? " (and " + (unknown.size() - 1) + " more)" : "")
                        + " in '" + type + "' (fields: " + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }

        String required(String name) {
            String value = optional(name);
            if (value == null) {
                throw new IllegalArgumentException("Field '" + name + "' is required (a string)");
            }
            return value;
        }

        String optional(String name) {
            JsonValue value = present(name);
            if (value == null || value instanceof JsonString) {
                return value == null ? null : ((JsonString) value).getString();
            }
            throw wrongType(name, "a string");
        }

        JsonObject optionalObject(String name) {
            JsonValue value = present(name);
            if (value == null || value instanceof JsonObject) {
                return (JsonObject) value;
            }
            throw wrongType(name, "an object");
        }

        boolean requiredFlag(String name) {
            if (present(name) == null) {
                throw new IllegalArgumentException("Field '" + name + "' is required (true or false)");
            }
            return optionalFlag(name);
        }

        boolean optionalFlag(String name) {
            JsonValue value = present(name);
            if (value == null || value == JsonValue.TRUE || value == JsonValue.FALSE) {
                return value == JsonValue.TRUE;
            }
            throw wrongType(name, "true or false");
        }

        private JsonValue present(String name) {
            JsonValue value = json.get(name);
            return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : value;
        }

        private IllegalArgumentException wrongType(String name, String expected) {
            return new IllegalArgumentException("Field '" + name + "' must be " + expected + ", not "
                    + json.get(name).getValueType().name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    public static class MessageEncoder extends JsonbTextEncoder<ConsoleMessage> {
    }
}
