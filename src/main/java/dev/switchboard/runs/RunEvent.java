package dev.switchboard.runs;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTransient;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** One event of a run; {@code seq} counts from 0 without gaps per run. */
@JsonbPropertyOrder({"runId", "seq", "eventType", "timestamp", "payload"})
public record RunEvent(@JsonbProperty("run_id") String runId, long seq,
                       @JsonbProperty("event_type") String eventType, String timestamp,
                       Map<String, Object> payload) implements RunMessage {

    private static final DateTimeFormatter MILLIS_UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    public static final String STARTED = "run_started";
    public static final String STEP = "step";
    public static final String OUTPUT = "output";
    public static final String COMPLETED = "run_completed";
    public static final String FAILED = "run_failed";
    public static final String CANCELLED = "run_cancelled";

    static RunEvent now(String runId, long seq, String eventType, Map<String, Object> payload) {
        return new RunEvent(runId, seq, eventType, MILLIS_UTC.format(Instant.now()), payload);
    }

    @JsonbTransient
    public boolean isTerminal() {
        return COMPLETED.equals(eventType) || FAILED.equals(eventType) || CANCELLED.equals(eventType);
    }
}
