package dev.switchboard.runs;

import dev.switchboard.websocket.JsonSupport;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a {@code /runs} command with JSON-B's polymorphism, after a JSON-P look at the frame so that
 * each failure gets the contract's code and a message fit for clients (JSON-B's are not).
 */
public class RunsDecoder implements Decoder.Text<RunCommand> {
    static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    private static final Set<String> TYPES = Set.of("start_run", "cancel_run", "resume", "list_runs");

    public static final String MAX_BYTES_KEY = "switchboard.runs.max-message-bytes";
    public static final int DEFAULT_MAX_BYTES = 65_536;

    @Override
    public RunCommand decode(String text) throws DecodeException {
        JsonSupport.ObjectFrame frame = JsonSupport.readObject(text, "A command");
        if (!frame.isObject()) {
            return invalid(null, frame.code(), frame.problem());
        }
        JsonObject object = frame.object();
        String runId = object.get("run_id") instanceof JsonString s ? s.getString() : null;
        if (!(object.get("type") instanceof JsonString type)) {
            return invalid(runId, "invalid_request", "Field 'type' must be one of " + String.join(", ", TYPES.stream().sorted().toList()));
        }
        if (!TYPES.contains(type.getString())) {
            return invalid(runId, "invalid_request", "Unknown type '" + type.getString() + "'");
        }
        RunCommand command;
        try {
            command = JsonSupport.JSONB.fromJson(text, RunCommand.class);
        } catch (JsonbException e) {
            return invalid(runId, "invalid_request", "Fields of " + type.getString() + " have the wrong types");
        }
        return validate(command, object);
    }

    private static RunCommand validate(RunCommand command, JsonObject object) {
        String runId = object.get("run_id") instanceof JsonString s ? s.getString() : null;
        if (command instanceof RunCommand.ListRuns) {
            return command;
        }
        if (!(object.get("run_id") instanceof JsonString) || !RUN_ID.matcher(runId).matches()) {
            return invalid(runId, "invalid_request", "Field 'run_id' must be 1 to 64 characters of A-Z a-z 0-9 _ . : -");
        }
        if (command instanceof RunCommand.StartRun && object.containsKey("input")
                && object.get("input").getValueType() != JsonValue.ValueType.OBJECT) {
            return invalid(runId, "invalid_request", "Field 'input' must be an object");
        }
        if (command instanceof RunCommand.StartRun && object.containsKey("task")
                && !(object.get("task") instanceof JsonString)) {
            return invalid(runId, "invalid_request", "Field 'task' must be a string");
        }
        if ((command instanceof RunCommand.CancelRun || command instanceof RunCommand.Resume)
                && object.containsKey("owner") && !(object.get("owner") instanceof JsonString)) {
            return invalid(runId, "invalid_request", "Field 'owner' must be a string (the principal that started the run)");
        }
        if (command instanceof RunCommand.Resume resume) {
            if (resume.afterSeq() == null) {
                return new RunCommand.Resume(runId, -1L, resume.owner());
            }
            if (resume.afterSeq() < -1) {
                return invalid(runId, "invalid_request", "Field 'after_seq' must be an integer >= -1 (-1 replays from the start)");
            }
        }
        return command;
    }

    @Override
    public boolean willDecode(String text) {
        return true;
    }

    private static RunCommand.Invalid invalid(String runId, String code, String message) {
        return new RunCommand.Invalid(runId, code, message);
    }
}
