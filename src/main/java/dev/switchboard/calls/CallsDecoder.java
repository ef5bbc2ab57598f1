package dev.switchboard.calls;

import dev.switchboard.websocket.JsonSupport;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a {@code /ws} frame. The wire has no discriminator and {@code id}/{@code args} are
 * polymorphic, so the frame is read as a JSON-P tree and checked field by field; every problem
 * becomes a {@link CallFrame.Invalid} with the contract's code, never an exception.
 */
public class CallsDecoder implements Decoder.Text<CallFrame> {
    static final int MAX_ID_LENGTH = 128;
    private static final Set<String> REQUEST_FIELDS = Set.of("id", "func", "args");
    public static final String MAX_BYTES_KEY = "switchboard.calls.max-message-bytes";
    public static final int DEFAULT_MAX_BYTES = 65_536;

    @Override
    public CallFrame decode(String text) throws DecodeException {
        JsonValue value;
        try {
            value = JsonSupport.readTree(text);
        } catch (JsonException e) {
            return new CallFrame.Invalid(null, ErrorCode.INVALID_JSON, "Invalid JSON: " + e.getMessage());
        }
        return switch (value.getValueType()) {
            case OBJECT -> readObject(value.asJsonObject());
            case ARRAY -> readBatch(value.asJsonArray());
            default -> invalid(null, "A request must be a JSON object, or an array of objects for a batch");
        };
    }

    @Override
    public boolean willDecode(String text) {
        return true;
    }

    private static CallFrame readBatch(JsonArray array) {
        List<CallFrame> elements = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonValue element = array.get(i);
            if (element.getValueType() != JsonValue.ValueType.OBJECT) {
                elements.add(invalid(null, "Batch element " + i + " must be a JSON object"));
            } else if (element.asJsonObject().containsKey("cancel")) {
                elements.add(invalid(null, "Batch element " + i + ": cancel is not allowed inside a batch"));
            } else {
                elements.add(readRequest(element.asJsonObject()));
            }
        }
        return new CallFrame.Batch(List.copyOf(elements));
    }

    private static CallFrame readObject(JsonObject object) {
        if (!object.containsKey("cancel")) {
            return readRequest(object);
        }
        if (object.size() != 1) {
            return invalid(null, "A cancel message has the single field 'cancel'");
        }
        try {
            return new CallFrame.Cancel(readId(object.get("cancel"), "cancel"));
        } catch (IllegalArgumentException e) {
            return invalid(null, e.getMessage());
        }
    }

    private static CallFrame readRequest(JsonObject object) {
        Object id = null;
        if (object.containsKey("id")) {
            try {
                id = readId(object.get("id"), "id");
            } catch (IllegalArgumentException e) {
                return invalid(null, e.getMessage());
            }
        }
        for (String field : object.keySet()) {
            if (!REQUEST_FIELDS.contains(field)) {
                return invalid(id, "Unknown field '" + field + "' (a request has func, args and id)");
            }
        }
        JsonValue func = object.get("func");
        if (func == null) {
            return invalid(id, "Missing field 'func'");
        }
        if (!(func instanceof JsonString name)) {
            return invalid(id, "Field 'func' must be a string");
        }
        JsonValue args = object.getOrDefault("args", JsonValue.EMPTY_JSON_ARRAY);
        if (args.getValueType() != JsonValue.ValueType.ARRAY) {
            return invalid(id, "Field 'args' must be an array");
        }
        return new CallFrame.Single(new CallRequest(id, name.getString(), List.copyOf(args.asJsonArray())));
    }

    /** An id is a non-empty string of at most 128 characters, or an integer that fits in 64 bits. */
    private static Object readId(JsonValue value, String field) {
        if (value instanceof JsonString string) {
            String id = string.getString();
            if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
                throw new IllegalArgumentException(
                        "Field '" + field + "' must be 1 to " + MAX_ID_LENGTH + " characters long");
            }
            return id;
        }
        if (value instanceof JsonNumber number && number.isIntegral()) {
            try {
                return number.bigIntegerValueExact().longValueExact();
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("Field '" + field + "' is out of the 64-bit integer range");
            }
        }
        throw new IllegalArgumentException("Field '" + field + "' must be a string or an integer");
    }

    private static CallFrame.Invalid invalid(Object id, String message) {
        return new CallFrame.Invalid(id, ErrorCode.INVALID_REQUEST, message);
    }
}
