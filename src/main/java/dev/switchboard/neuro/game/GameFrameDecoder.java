package dev.switchboard.neuro.game;

import dev.switchboard.neuro.bounds.Shorten;
import dev.switchboard.neuro.diagnostics.DiagnosticCode;
import dev.switchboard.neuro.schema.ActionSchemas;
import dev.switchboard.websocket.JsonSupport;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a game's frame. The Neuro API's {@code data} differs by {@code command}, so the frame is read
 * as a JSON-P tree and each field is checked; nothing here ever fails: a frame that cannot be used is
 * an {@link GameFrame.Ignored} (the spec says to ignore it), and tolerated oddities become the frame's
 * one warning.
 */
public class GameFrameDecoder implements Decoder.Text<GameFrameDecoder.Received> {
    /** A frame as read, with its raw text (shown to the operator beside the warnings it caused). */
    public record Received(String raw, GameFrame frame) {
    }

    static final Pattern ACTION_NAME = Pattern.compile("[a-z0-9_-]+");
    private static final Set<String> ENVELOPE = Set.of("command", "game", "data");
    private static final Map<String, Set<String>> DATA_FIELDS = Map.of(
            "startup", Set.of(),
            "context", Set.of("message", "silent"),
            "actions/register", Set.of("actions"),
            "actions/unregister", Set.of("action_names"),
            "actions/force", Set.of("state", "query", "ephemeral_context", "priority", "action_names"),
            "action/result", Set.of("id", "success", "message"),
            "shutdown/ready", Set.of());
    private static final Set<String> ACTION_FIELDS = Set.of("name", "description", "schema");
    private static final Set<String> PRIORITIES = Set.of("low", "medium", "high", "critical");

    public static final String MAX_BYTES_KEY = "switchboard.neuro.max-message-bytes";
    public static final int DEFAULT_MAX_BYTES = 1_048_576;

    @Override
    public Received decode(String text) throws DecodeException {
        return new Received(text, read(text));
    }

    /** A binary frame: the Neuro API is text only (binary frames break the real Neuro), so it is ignored with a warning. */
    public static Received binary(int bytes) {
        return new Received("(a binary frame of " + bytes + " bytes)",
                new GameFrame.Ignored(null, DiagnosticCode.BINARY_FRAME, "ignored a binary frame: the Neuro API uses text frames only"));
    }

    public GameFrame read(String text) {
        JsonValue value;
        try {
            value = JsonSupport.readTree(text);
        } catch (JsonException e) {
            return new GameFrame.Ignored(null, DiagnosticCode.INVALID_JSON, "ignored a frame that is not JSON: " + e.getMessage());
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            return new GameFrame.Ignored(null, DiagnosticCode.INVALID_JSON, "ignored a frame that is not a JSON object");
        }
        JsonObject frame = value.asJsonObject();
        String game = frame.get("game") instanceof JsonString g ? g.getString() : null;
        if (!(frame.get("command") instanceof JsonString commandText)) {
            return new GameFrame.Ignored(game, DiagnosticCode.MISSING_FIELD, "ignored a frame without a string 'command'");
        }
        String command = commandText.getString();
        if (!DATA_FIELDS.containsKey(command)) {
            return new GameFrame.Ignored(game, DiagnosticCode.UNKNOWN_COMMAND, "ignored unknown command '" + Shorten.name(command) + "'");
        }
        if (game == null) {
            return new GameFrame.Ignored(null, DiagnosticCode.MISSING_FIELD, "ignored '" + command + "' without a string 'game'");
        }
        JsonValue dataValue = frame.getOrDefault("data", JsonValue.EMPTY_JSON_OBJECT);
        if (dataValue.getValueType() == JsonValue.ValueType.NULL) {
            dataValue = JsonValue.EMPTY_JSON_OBJECT;
        }
        if (dataValue.getValueType() != JsonValue.ValueType.OBJECT) {
            return new GameFrame.Ignored(game, DiagnosticCode.WRONG_FIELD_TYPE, "ignored '" + command + "': 'data' is not an object");
        }
        JsonObject data = dataValue.asJsonObject();
        FrameWarning warning = new FrameWarning();
        unknownFields(frame, ENVELOPE, "", warning);
        unknownFields(data, DATA_FIELDS.get(command), "data.", warning);
        try {
            return switch (command) {
                case "startup" -> new GameFrame.Startup(game, warning.found());
                case "context" -> new GameFrame.Context(game, string(data, "message"), bool(data, "silent"), warning.found());
                case "actions/register" -> register(game, data, warning);
                case "actions/unregister" -> new GameFrame.Unregister(game, strings(data, "action_names"), warning.found());
                case "actions/force" -> {
                    ForceRequest request = force(data, warning);
                    yield new GameFrame.Force(game, request, warning.found());
                }
                case "action/result" -> new GameFrame.Result(game, string(data, "id"), bool(data, "success"),
                        optionalString(data, "message"), warning.found());
                default -> new GameFrame.ShutdownReady(game, warning.found());
            };
        } catch (IllegalArgumentException wrongType) {
            return new GameFrame.Ignored(game, DiagnosticCode.WRONG_FIELD_TYPE, "ignored '" + command + "': " + wrongType.getMessage());
        }
    }

    private static ForceRequest force(JsonObject data, FrameWarning warning) {
        String priority = "low";
        if (data.containsKey("priority") && !data.isNull("priority")) {
            priority = string(data, "priority");
            if (!PRIORITIES.contains(priority)) {
                warning.problem(DiagnosticCode.UNKNOWN_PRIORITY, "unknown force priority '" + Shorten.name(priority)
                        + "' (low, medium, high, critical): treated as low");
                priority = "low";
            }
        }
        boolean ephemeral = data.containsKey("ephemeral_context") && !data.isNull("ephemeral_context")
                && bool(data, "ephemeral_context");
        String state = data.containsKey("state") && !data.isNull("state") ? string(data, "state") : null;
        return new ForceRequest(state, string(data, "query"), ephemeral, priority, strings(data, "action_names"));
    }

    private static GameFrame.Register register(String game, JsonObject data, FrameWarning warning) {
        if (!(data.get("actions") instanceof JsonArray array)) {
            throw new IllegalArgumentException("data.actions must be an array");
        }
        List<Action> actions = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (i == GameSession.MAX_ACTIONS) {
                warning.problem(DiagnosticCode.ACTIONS_KEPT_OUT, (array.size() - i) + " actions kept out unread: a game may have at most "
                        + GameSession.MAX_ACTIONS + " actions");
                break;
            }
            JsonValue element = array.get(i);
            if (!(element instanceof JsonObject action) || !(action.get("name") instanceof JsonString name)
                    || !(action.get("description") instanceof JsonString description)) {
                warning.problem(DiagnosticCode.ACTION_INVALID, "action " + i + " kept out: it needs a string 'name' and 'description'");
                continue;
            }
            unknownFields(action, ACTION_FIELDS, "data.actions[" + i + "].", warning);
            String shownName = Shorten.name(name.getString());
            if (!ACTION_NAME.matcher(name.getString()).matches()) {
                warning.problem(DiagnosticCode.ACTION_NAME_STYLE, "action name '" + shownName + "' should be lowercase words joined by _ or -");
            }
            JsonValue schema = action.get("schema");
            var problem = ActionSchemas.problem(schema);
            if (problem.isPresent()) {
                warning.problem(DiagnosticCode.SCHEMA_INVALID, "action '" + shownName + "' kept out: " + problem.get());
                continue;
            }
            ActionSchemas.review(schema).forEach(w -> warning.problem(w.startsWith(ActionSchemas.NOT_OBJECT)
                    ? DiagnosticCode.SCHEMA_NOT_OBJECT : DiagnosticCode.SCHEMA_KEYWORD, "action '" + shownName + "' schema " + w));
            actions.add(new Action(name.getString(), description.getString(),
                    ActionSchemas.isSchemaless(schema) ? null : schema));
        }
        return new GameFrame.Register(game, actions, warning.found());
    }

    private static void unknownFields(JsonObject object, Set<String> known, String prefix, FrameWarning warning) {
        for (String key : object.keySet()) {
            if (!known.contains(key)) {
                warning.unknownField(prefix + key);
            }
        }
    }

    private static String string(JsonObject data, String field) {
        if (data.get(field) instanceof JsonString s) {
            return s.getString();
        }
        throw new IllegalArgumentException("data." + field + " must be a string");
    }

    private static String optionalString(JsonObject data, String field) {
        return data.containsKey(field) && !data.isNull(field) ? string(data, field) : null;
    }

    private static boolean bool(JsonObject data, String field) {
        JsonValue value = data.get(field);
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value == JsonValue.TRUE;
        }
        throw new IllegalArgumentException("data." + field + " must be a boolean");
    }

    private static List<String> strings(JsonObject data, String field) {
        if (data.get(field) instanceof JsonArray array
                && array.stream().allMatch(v -> v.getValueType() == JsonValue.ValueType.STRING)) {
            return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        }
        throw new IllegalArgumentException("data." + field + " must be an array of strings");
    }

    @Override
    public boolean willDecode(String text) {
        return true;
    }
}
