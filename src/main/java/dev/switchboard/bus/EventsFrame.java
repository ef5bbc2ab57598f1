package dev.switchboard.bus;

import java.util.Set;

/** What one text frame on {@code /events} asks for. */
public sealed interface EventsFrame {
    record Chat(String source, String content) implements EventsFrame {
    }

    /**
     * {@code types} empty = every type; {@code afterOffset} null = no replay; {@code epoch} null = the
     * current one (the client does not say which history its offset belongs to).
     */
    record Subscribe(Set<String> types, Long afterOffset, String epoch) implements EventsFrame {
    }

    record Invalid(String code, String message) implements EventsFrame {
    }
}
