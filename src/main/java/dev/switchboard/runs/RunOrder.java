package dev.switchboard.runs;

import jakarta.json.bind.annotation.JsonbProperty;

/**
 * What one instance asks of the instance that runs a run, as JSON text on the grid's orders topic:
 * {@code cancel} it (answered with a {@link RunOrderAnswer}), or know that a connection {@code from}
 * that member {@code watch}es it or no longer does ({@code unwatch}).
 */
public record RunOrder(String kind, @JsonbProperty("request_id") String requestId, String from, String to,
                       String owner, @JsonbProperty("run_id") String runId, String reason) {
    static final String CANCEL = "cancel";
    static final String WATCH = "watch";
    static final String UNWATCH = "unwatch";

    RunKey key() {
        return new RunKey(owner, runId);
    }
}
