package dev.switchboard.calls;

import dev.switchboard.websocket.JsonSupport;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import jakarta.websocket.Encoder;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * Writes {@link CallReply}s. The replies are tiny and the hot path of {@code /ws}, so they are written
 * with a JSON-P generator rather than bound by JSON-B (a fifth of a call's CPU, measured); a value that
 * is not a number or a string (the catalog) is still written by JSON-B. The endpoint sends the text
 * itself ({@link #text}), which also spares the container its search for an encoder per message.
 */
public class CallsEncoder implements Encoder.Text<CallReply> {
    private static final JsonGeneratorFactory GENERATORS = Json.createGeneratorFactory(Map.of());

    @Override
    public String encode(CallReply reply) {
        return text(reply);
    }

    public static String text(CallReply reply) {
        StringWriter out = new StringWriter(64);
        try (JsonGenerator json = GENERATORS.createGenerator(out)) {
            write(json, reply);
        }
        return out.toString();
    }

    private static void write(JsonGenerator json, CallReply reply) {
        if (reply instanceof CallReply.Batch batch) {
            json.writeStartArray();
            batch.replies().forEach(element -> write(json, element));
            json.writeEnd();
            return;
        }
        json.writeStartObject();
        if (reply instanceof CallReply.Result result) {
            id(json, result.id());
            value(json, "result", result.result());
        } else if (reply instanceof CallReply.Partial partial) {
            id(json, partial.id());
            value(json, "partial", partial.partial());
        } else if (reply instanceof CallReply.Failure failure) {
            id(json, failure.id());
            json.write("error", failure.error());
            json.write("code", failure.code());
        }
        json.writeEnd();
    }

    private static void id(JsonGenerator json, Object id) {
        if (id != null) {
            value(json, "id", id);
        }
    }

    private static void value(JsonGenerator json, String name, Object value) {
        if (value instanceof BigDecimal decimal) {
            json.write(name, decimal);
        } else if (value instanceof BigInteger integer) {
            json.write(name, integer);
        } else if (value instanceof Long || value instanceof Integer) {
            json.write(name, ((Number) value).longValue());
        } else if (value instanceof String text) {
            json.write(name, text);
        } else {
            json.write(name, JsonSupport.readTree(JsonSupport.JSONB.toJson(value)));
        }
    }
}
