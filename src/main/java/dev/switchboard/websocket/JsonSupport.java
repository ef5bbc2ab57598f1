package dev.switchboard.websocket;

import jakarta.json.Json;
import jakarta.json.JsonException;
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

    /** Duplicate keys are an error, not "last wins". */
    private static final JsonParserFactory PARSERS =
            Json.createParserFactory(Map.of("org.eclipse.parsson.rejectDuplicateKeys", true));

    private JsonSupport() {
    }

    /**
     * Reads one JSON text into a JSON-P tree, for wire formats without a discriminator. Unlike
     * {@code JsonReader.readValue()}, anything after the value (trailing garbage) is an error.
     *
     * @throws jakarta.json.JsonException with the parser's description of what is wrong
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
        } catch (IllegalStateException duplicateKey) {
            throw new JsonException(duplicateKey.getMessage());
        }
    }
}
