package dev.switchboard.bus;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * Tells one subscriber that the bus cannot replay everything after its {@code after_offset}: the
 * history's epoch changed, the events are no longer kept, or the offset was never given. What is
 * still kept follows it, from {@code oldest_offset} on.
 */
@JsonbPropertyOrder({"type", "reason", "epoch", "afterOffset", "oldestOffset"})
public record ReplayGap(String type, String reason, String epoch, @JsonbProperty("after_offset") long afterOffset,
                 @JsonbProperty("oldest_offset") long oldestOffset) {
    static final String TYPE = "ReplayGapEvent";
    static final String EPOCH_CHANGED = "epoch_changed";
    static final String TOO_OLD = "too_old";
    static final String UNKNOWN_OFFSET = "unknown_offset";

    ReplayGap(String reason, String epoch, long afterOffset, long oldestOffset) {
        this(TYPE, reason, epoch, afterOffset, oldestOffset);
    }
}
