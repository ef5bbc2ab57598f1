package dev.switchboard.bus;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbSubtype;
import jakarta.json.bind.annotation.JsonbTypeInfo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Map;

/**
 * What travels on the bus and reaches {@code /events} clients; {@code type} is written first.
 * {@code offset} is given by the {@link EventBus} when the event is published (-1 before).
 */
@JsonbTypeInfo(key = "type", value = {
        @JsonbSubtype(alias = "InboundEvent", type = BusEvent.InboundEvent.class),
        @JsonbSubtype(alias = "OutboundEvent", type = BusEvent.OutboundEvent.class),
        @JsonbSubtype(alias = "RunEvent", type = BusEvent.RunActivity.class),
        @JsonbSubtype(alias = "NeuroEvent", type = BusEvent.NeuroActivity.class)
})
public sealed interface BusEvent {
    long offset();

    BusEvent withOffset(long offset);

    /** A chat message from a client (or its retry for the agent). */
    @JsonbPropertyOrder({"sessionId", "source", "content", "timestamp", "retryCount", "offset"})
    record InboundEvent(@JsonbProperty("session_id") String sessionId, String source, String content,
                        BigDecimal timestamp, @JsonbProperty("retry_count") int retryCount, long offset)
            implements BusEvent {
        public InboundEvent withOffset(long offset) {
            return new InboundEvent(sessionId, source, content, timestamp, retryCount, offset);
        }

        /** The same message, handed to the agent once more. */
        public InboundEvent retry() {
            return new InboundEvent(sessionId, source, content, now(), retryCount + 1, -1);
        }
    }

    /** The agent's answer; {@code error} says what went wrong when there is no answer. */
    @JsonbPropertyOrder({"sessionId", "source", "content", "timestamp", "error", "offset"})
    record OutboundEvent(@JsonbProperty("session_id") String sessionId, String source, String content,
                         BigDecimal timestamp, @JsonbNillable String error, long offset) implements BusEvent {
        public OutboundEvent withOffset(long offset) {
            return new OutboundEvent(sessionId, source, content, timestamp, error, offset);
        }
    }

    /**
     * One event of a run of the runs feature, mirrored for monitors. {@code owner} is the principal whose
     * run it is (absent with authentication off); run ids are unique per owner only.
     */
    @JsonbPropertyOrder({"runId", "owner", "seq", "eventType", "payload", "timestamp", "offset"})
    record RunActivity(@JsonbProperty("run_id") String runId, String owner, long seq,
                       @JsonbProperty("event_type") String eventType, Map<String, Object> payload,
                       BigDecimal timestamp, long offset) implements BusEvent {
        public RunActivity withOffset(long offset) {
            return new RunActivity(runId, owner, seq, eventType, payload, timestamp, offset);
        }
    }

    /** Something that happened on the Neuro game API, mirrored for monitors. */
    @JsonbPropertyOrder({"connectionId", "game", "kind", "detail", "timestamp", "offset"})
    record NeuroActivity(@JsonbProperty("connection_id") String connectionId, String game, String kind,
                         Map<String, Object> detail, BigDecimal timestamp, long offset) implements BusEvent {
        public NeuroActivity withOffset(long offset) {
            return new NeuroActivity(connectionId, game, kind, detail, timestamp, offset);
        }
    }

    /** Epoch seconds with microseconds, as the seed writes them. */
    static BigDecimal now() {
        Instant now = Instant.now();
        return BigDecimal.valueOf(now.getEpochSecond())
                .add(BigDecimal.valueOf(now.getNano(), 9))
                .setScale(6, RoundingMode.DOWN);
    }
}
