package dev.switchboard.websocket;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;

import java.io.StringReader;
import java.util.Map;

/** The shared, thread-safe JSON-B and JSON-P instances (creating one per message costs ~0.5 ms). */
public final class JsonSupport {
    /** JSON-B for records in and out. */
    public static final Jsonb JSONB = JsonbBuilder.create();

    /** The deepest nesting of arrays and objects any frame may have. */
    public static final int MAX_DEPTH = 64;

    /**
     * Duplicate keys are an error, not "last wins". Parsson refuses nesting at its {@code maxDepth}
     * (so it is one more than ours) with a plain RuntimeException, which {@link #readTree} translates.
     */
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of(
            "org.eclipse.parsson.rejectDuplicateKeys", true,
            "org.eclipse.parsson.maxDepth", MAX_DEPTH + 1));

    private JsonSupport() {
    }

    /** A frame that should be a JSON object: the object, or the error code and message that say why not. */
    public record ObjectFrame(JsonObject object, String code, String problem) {
        public boolean isObject() {
            return object != null;
        }
    }

    /** Reads a frame that must be a JSON object ({@code what} names it in the message). */
    public static ObjectFrame readObject(String text, String what) {
        try {
            JsonValue value = readTree(text);
            return value.getValueType() == JsonValue.ValueType.OBJECT
                    ? new ObjectFrame(value.asJsonObject(), null, null)
                    : new ObjectFrame(null, "invalid_request", what + " must be a JSON object");
        } catch (JsonException e) {
            return new ObjectFrame(null, "invalid_json", "Invalid JSON: " + e.getMessage());
        }
    }

    /**
     * Reads one JSON text into a JSON-P tree, for wire formats without a discriminator. Unlike
     * {@code JsonReader.readValue()}, anything after the value (trailing garbage) is an error.
     *
     * @throws jakarta.json.JsonException with the parser's description of what is wrong, including
     *         nesting deeper than {@link #MAX_DEPTH}
     */
    public static JsonValue readTree(String text) {
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            if (!parser.hasNext()) {
                throw new JsonParsingException("Empty input", parser.getLocation());
            }
            parser.next();
            JsonValue value = parser.getValue();
            if (parser.hasNext()) {
                throw new JsonParsingException("Unexpected content after the JSON value", parser.getLocation());
            }
            return value;
        } catch (JsonException e) {
            throw e;
        } catch (IllegalStateException duplicateKey) {
            throw new JsonException(duplicateKey.getMessage());
        } catch (RuntimeException other) {
            // Parsson refuses deep nesting with a bare RuntimeException ("Input is too deeply nested")
            boolean tooDeep = other.getClass() == RuntimeException.class
                    && String.valueOf(other.getMessage()).contains("nested");
            throw new JsonException(tooDeep
                    ? "Arrays and objects are nested deeper than " + MAX_DEPTH + " levels"
                    : String.valueOf(other.getMessage()), other);
        }
    }
}
