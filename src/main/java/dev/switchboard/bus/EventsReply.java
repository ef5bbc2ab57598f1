package dev.switchboard.bus;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** An answer to one bad frame, sent to its sender only. */
@JsonbPropertyOrder({"type", "code", "message"})
public record EventsReply(String type, String code, String message) {
    public static EventsReply error(String code, String message) {
        return new EventsReply("ErrorEvent", code, message);
    }
}
