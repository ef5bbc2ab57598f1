package dev.switchboard.runs;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbSubtype;
import jakarta.json.bind.annotation.JsonbTypeInfo;

/** Client → server on {@code /runs}, discriminated by {@code type}. */
@JsonbTypeInfo(key = "type", value = {
        @JsonbSubtype(alias = "start_run", type = RunCommand.StartRun.class),
        @JsonbSubtype(alias = "cancel_run", type = RunCommand.CancelRun.class),
        @JsonbSubtype(alias = "resume", type = RunCommand.Resume.class),
        @JsonbSubtype(alias = "list_runs", type = RunCommand.ListRuns.class)
})
public sealed interface RunCommand {
    record StartRun(@JsonbProperty("run_id") String runId, String task, JsonObject input) implements RunCommand {
    }

    /** {@code owner}: whose run it is, for role admin (absent: the sender's own). */
    record CancelRun(@JsonbProperty("run_id") String runId, String reason, String owner) implements RunCommand {
    }

    /** {@code owner}: whose run it is, for role admin (absent: the sender's own). */
    record Resume(@JsonbProperty("run_id") String runId, @JsonbProperty("after_seq") Long afterSeq, String owner)
            implements RunCommand {
    }

    record ListRuns() implements RunCommand {
    }

    /** Not on the wire: a frame the decoder could not accept, with the error to answer. */
    record Invalid(String runId, String code, String message) implements RunCommand {
    }
}
