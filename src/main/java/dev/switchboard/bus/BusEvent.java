package dev.switchboard.bus;

import jakarta.json.bind.annotation.JsonbCreator;
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
 * {@code offset} and {@code epoch} are given by the {@link EventBus} when the event is published (-1 and
 * none before): offsets count within an epoch, which changes whenever the bus's history may have been lost.
 */
@JsonbTypeInfo(key = "type", value = {
        @JsonbSubtype(alias = "InboundEvent", type = BusEvent.InboundEvent.class),
        @JsonbSubtype(alias = "OutboundEvent", type = BusEvent.OutboundEvent.class),
        @JsonbSubtype(alias = "RunEvent", type = BusEvent.RunActivity.class),
        @JsonbSubtype(alias = "NeuroEvent", type = BusEvent.NeuroActivity.class)
})
public sealed interface BusEvent {
    long offset();

    String epoch();

    /** The event as published: its offset in the bus's order, and the history's epoch. */
    BusEvent numbered(long offset, String epoch);

    /** A chat message from a client (or its retry for the agent). */
    @JsonbPropertyOrder({"sessionId", "source", "content", "timestamp", "retryCount", "offset", "epoch"})
    record InboundEvent(@JsonbProperty("session_id") String sessionId, String source, String content,
                        BigDecimal timestamp, @JsonbProperty("retry_count") int retryCount, long offset, String epoch)
            implements BusEvent {
        @JsonbCreator
        public InboundEvent {
        }

        /** Not published yet. */
        public InboundEvent(String sessionId, String source, String content, BigDecimal timestamp, int retryCount,
                            long offset) {
            this(sessionId, source, content, timestamp, retryCount, offset, null);
        }

        public InboundEvent numbered(long offset, String epoch) {
            return new InboundEvent(sessionId, source, content, timestamp, retryCount, offset, epoch);
        }

        /** The same message, handed to the agent once more. */
        public InboundEvent retry() {
            return new InboundEvent(sessionId, source, content, now(), retryCount + 1, -1);
        }
    }

    /** The agent's answer; {@code error} says what went wrong when there is no answer. */
    @JsonbPropertyOrder({"sessionId", "source", "content", "timestamp", "error", "offset", "epoch"})
    record OutboundEvent(@JsonbProperty("session_id") String sessionId, String source, String content,
                         BigDecimal timestamp, @JsonbNillable String error, long offset, String epoch)
            implements BusEvent {
        @JsonbCreator
        public OutboundEvent {
        }

        /** Not published yet. */
        public OutboundEvent(String sessionId, String source, String content, BigDecimal timestamp, String error,
                             long offset) {
            this(sessionId, source, content, timestamp, error, offset, null);
        }

        public OutboundEvent numbered(long offset, String epoch) {
            return new OutboundEvent(sessionId, source, content, timestamp, error, offset, epoch);
        }
    }

    /**
     * One event of a run of the runs feature, mirrored for monitors. {@code owner} is the principal whose
     * run it is (absent with authentication off); run ids are unique per owner only.
     */
    @JsonbPropertyOrder({"runId", "owner", "seq", "eventType", "payload", "timestamp", "offset", "epoch"})
    record RunActivity(@JsonbProperty("run_id") String runId, String owner, long seq,
                       @JsonbProperty("event_type") String eventType, Map<String, Object> payload,
                       BigDecimal timestamp, long offset, String epoch) implements BusEvent {
        @JsonbCreator
        public RunActivity {
        }

        /** Not published yet. */
        public RunActivity(String runId, String owner, long seq, String eventType, Map<String, Object> payload,
                           BigDecimal timestamp, long offset) {
            this(runId, owner, seq, eventType, payload, timestamp, offset, null);
        }

        public RunActivity numbered(long offset, String epoch) {
            return new RunActivity(runId, owner, seq, eventType, payload, timestamp, offset, epoch);
        }
    }

    /** Something that happened on the Neuro game API, mirrored for monitors. */
    @JsonbPropertyOrder({"connectionId", "game", "kind", "detail", "timestamp", "offset", "epoch"})
    record NeuroActivity(@JsonbProperty("connection_id") String connectionId, String game, String kind,
                         Map<String, Object> detail, BigDecimal timestamp, long offset, String epoch)
            implements BusEvent {
        @JsonbCreator
        public NeuroActivity {
        }

        /** Not published yet. */
        public NeuroActivity(String connectionId, String game, String kind, Map<String, Object> detail,
                             BigDecimal timestamp, long offset) {
            this(connectionId, game, kind, detail, timestamp, offset, null);
        }

        public NeuroActivity numbered(long offset, String epoch) {
            return new NeuroActivity(connectionId, game, kind, detail, timestamp, offset, epoch);
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
