package dev.switchboard.bus;

import dev.switchboard.websocket.EndpointName;
import dev.switchboard.websocket.ErrorReplies;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** An answer to one bad frame, sent to its sender only. */
@JsonbPropertyOrder({"type", "code", "message"})
public record EventsReply(String type, String code, String message) {
    /** The one place error replies of {@code /events} are built, so they are counted here. */
    public static EventsReply error(String code, String message) {
        ErrorReplies.count(EndpointName.EVENTS, code);
        return new EventsReply("ErrorEvent", code, message);
    }
}
