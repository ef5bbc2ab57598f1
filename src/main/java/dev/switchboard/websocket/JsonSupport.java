package dev.switchboard.websocket;

import jakarta.json.Json;
import jakarta.json.JsonReaderFactory;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import java.util.Map;

/** The shared, thread-safe JSON-B and JSON-P instances (creating one per message costs ~0.5 ms). */
public final class JsonSupport {
    /** JSON-B for records in and out. */
    public static final Jsonb JSONB = JsonbBuilder.create();

    /** JSON-P trees, for wire formats without a discriminator; duplicate keys are an error, not "last wins". */
    public static final JsonReaderFactory READERS =
            Json.createReaderFactory(Map.of("org.eclipse.parsson.rejectDuplicateKeys", true));

    private JsonSupport() {
    }
}
