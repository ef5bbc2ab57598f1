package dev.switchboard.bus;

import dev.switchboard.websocket.JsonbTextEncoder;

/** Writes sender-only replies; bus events reach outboxes already encoded (once per broadcast). */
public class EventsEncoder extends JsonbTextEncoder<EventsReply> {
}
