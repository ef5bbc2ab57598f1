package dev.switchboard.bus;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code subscribe}'s {@code epoch}: optional, a non-empty string, checked like every other field. */
class EventsDecoderTest {
    private final EventsDecoder decoder = new EventsDecoder();

    @Test
    void aSubscribeMayNameTheEpochOfItsOffset() throws Exception {
        assertEquals(new EventsFrame.Subscribe(Set.of(), 41L, "3f1c"),
                decoder.decode("{\"type\":\"subscribe\",\"after_offset\":41,\"epoch\":\"3f1c\"}"));
        assertEquals(new EventsFrame.Subscribe(Set.of(), 41L, null),
                decoder.decode("{\"type\":\"subscribe\",\"after_offset\":41}"));
    }

    @Test
    void anEpochThatIsNotANonEmptyStringIsAnInvalidRequest() throws Exception {
        for (String epoch : new String[]{"7", "\"\"", "null", "[\"a\"]", "\"" + "e".repeat(65) + "\""}) {
            EventsFrame frame = decoder.decode("{\"type\":\"subscribe\",\"after_offset\":1,\"epoch\":" + epoch + "}");
            assertEquals(new EventsFrame.Invalid("invalid_request", "Field 'epoch' must be a string of 1 to 64"
                    + " characters (the epoch of the events the client saw)"), frame, epoch);
        }
    }
}
