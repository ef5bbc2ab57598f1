package dev.switchboard.agent;

import dev.switchboard.calls.TestCalls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PickleTest {
    private final Pickle pickle = new Pickle();

    PickleTest() {
        pickle.calls = TestCalls.service();
        pickle.clock = Clock.fixed(Instant.parse("2026-11-22T09:41:00Z"), ZoneOffset.UTC);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            what is 6 times 7?            | *purrs* 6 times 7 is 42.
            What is 6 * 7                 | *purrs* 6 * 7 is 42.
            2.5 x 4                       | *purrs* 2.5 x 4 is 10.
            what's 10 divided by 4?       | *purrs* 10 divided by 4 is 2.5.
            1 plus 2                      | *purrs* 1 plus 2 is 3.
            3 minus 10                    | *purrs* 3 minus 10 is -7.
            2 to the power of 10          | *purrs* 2 to the power of 10 is 1024.
            square root of 16             | *purrs* the square root of 16 is 4.
            what is 1 / 0                 | *tilts head* I tried 1 / 0, but: Division by zero.
            sqrt(-4)                      | *tilts head* I tried the square root of -4, but: Square root of a negative number.
            What time is it?              | *glances at the sun patch* It's 09:41 UTC.
            """)
    void answersByCallingFunctionsAndTellingTheTime(String message, String reply) throws Exception {
        assertEquals(reply, pickle.reply(new Conversation(null, "s"), message));
    }

    @Test
    void greetsAndStaysInCharacterDeterministically() throws Exception {
        assertTrue(pickle.reply(new Conversation(null, "s"), "Hello, Pickle!").startsWith("*waves paws* Hello! I'm Pickle"));
        String musing = pickle.reply(new Conversation(null, "s"), "I like turtles");
        assertTrue(musing.startsWith("*"), musing);
        assertEquals(musing, pickle.reply(new Conversation(null, "other session"), "I like turtles"), "same message, same answer");
    }
}
