package dev.switchboard.runs;

import dev.switchboard.websocket.EndpointName;
import dev.switchboard.websocket.ErrorReplies;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbSubtype;
import jakarta.json.bind.annotation.JsonbTypeInfo;

import java.util.List;
import java.util.Map;

/** Server → client on {@code /runs}; the discriminator {@code type} is written first. */
@JsonbTypeInfo(key = "type", value = {
        @JsonbSubtype(alias = "run_event", type = RunEvent.class),
        @JsonbSubtype(alias = "runs", type = RunMessage.RunList.class),
        @JsonbSubtype(alias = "error", type = RunMessage.RunError.class)
})
public sealed interface RunMessage permits RunEvent, RunMessage.RunList, RunMessage.RunError {

    record RunList(List<RunSummary> runs) implements RunMessage {
    }

    /** {@code owner}: the principal that started the run (absent with authentication off). */
    @JsonbPropertyOrder({"runId", "status", "task", "lastSeq", "owner"})
    record RunSummary(@JsonbProperty("run_id") String runId, String task, String status,
                      @JsonbProperty("last_seq") long lastSeq, String owner) {
    }

    /** An answer to one command, sent to its sender only; {@code run_id} is null when unknown. */
    @JsonbPropertyOrder({"runId", "code", "message"})
    record RunError(@JsonbNillable @JsonbProperty("run_id") String runId, String code, String message)
            implements RunMessage {
    }

    /** The one place error replies of {@code /runs} are built, so they are counted here. */
    static RunError error(String runId, String code, String message) {
        ErrorReplies.count(EndpointName.RUNS, code);
        return new RunError(runId, code, message);
    }

    /** Counts an error built elsewhere, as it is sent. */
    static RunError counted(RunError error) {
        return error == null ? null : error(error.runId(), error.code(), error.message());
    }

    static Map<String, Object> payload(Object... keysAndValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
