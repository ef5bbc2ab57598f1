package dev.switchboard.websocket;

import jakarta.json.JsonException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonSupportTest {
    private static String nestedArrays(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    private static String nestedObjects(int depth) {
        return "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
    }

    @Test
    void nestingUpToTheLimitIsRead() {
        assertEquals(JsonSupport.MAX_DEPTH, depthOf(JsonSupport.readTree(nestedArrays(JsonSupport.MAX_DEPTH)).toString()));
        assertEquals(JsonSupport.MAX_DEPTH, depthOf(JsonSupport.readTree(nestedObjects(JsonSupport.MAX_DEPTH)).toString()));
    }

    @Test
    void deeperNestingIsAJsonErrorThatNamesTheLimit() {
        for (String text : new String[] {nestedArrays(JsonSupport.MAX_DEPTH + 1), nestedObjects(JsonSupport.MAX_DEPTH + 1),
                nestedArrays(1_000), nestedObjects(1_000), nestedArrays(200_000), "[".repeat(200_000)}) {
            JsonException e = assertThrows(JsonException.class, () -> JsonSupport.readTree(text));
            assertTrue(e.getMessage().contains("nested deeper than " + JsonSupport.MAX_DEPTH + " levels"), e.getMessage());
        }
    }

    @Test
    void readObjectAnswersTooDeepNestingAsInvalidJson() {
        JsonSupport.ObjectFrame frame = JsonSupport.readObject(nestedObjects(5_000), "A message");
        assertEquals("invalid_json", frame.code());
        assertTrue(frame.problem().contains("nested deeper than " + JsonSupport.MAX_DEPTH), frame.problem());
    }

    @Test
    void duplicateKeysAndTrailingContentAreJsonErrors() {
        assertThrows(JsonException.class, () -> JsonSupport.readTree("{\"a\":1,\"a\":2}"));
        assertThrows(JsonException.class, () -> JsonSupport.readTree("{} {}"));
        assertThrows(JsonException.class, () -> JsonSupport.readTree(""));
    }

    private static int depthOf(String json) {
        int depth = 0;
        int max = 0;
        for (char c : json.toCharArray()) {
            if (c == '[' || c == '{') {
                max = Math.max(max, ++depth);
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
        return max;
    }
}
