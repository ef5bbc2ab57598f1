package dev.switchboard.rpc;

import dev.switchboard.calls.ErrorCode;
import dev.switchboard.websocket.JsonSupport;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.Decoder;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a JSON-RPC 2.0 message: a request object or a batch of them. Read as a JSON-P tree and checked
 * member by member (a JSON-B binding would coerce or ignore what the specification calls invalid);
 * every problem becomes an {@link RpcFrame.Invalid}, never an exception.
 */
public class RpcDecoder implements Decoder.Text<RpcFrame> {
    /** The longest id, as a string's characters or a number's digits. */
    static final int MAX_ID_LENGTH = 128;
    private static final Set<String> MEMBERS = Set.of("jsonrpc", "method", "params", "id");

    @Override
    public RpcFrame decode(String text) {
        JsonValue value;
        try {
            value = JsonSupport.readTree(text);
        } catch (JsonException e) {
            return new RpcFrame.Invalid(JsonValue.NULL, ErrorCode.INVALID_JSON, "Parse error: " + e.getMessage());
        }
        return switch (value.getValueType()) {
            case OBJECT -> request(value.asJsonObject());
            case ARRAY -> batch(value.asJsonArray());
            default -> invalid(JsonValue.NULL, "A request must be a JSON object, or an array of them for a batch");
        };
    }

    @Override
    public boolean willDecode(String text) {
        return true;
    }

    private static RpcFrame batch(JsonArray array) {
        List<RpcFrame> elements = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonValue element = array.get(i);
            elements.add(element.getValueType() == JsonValue.ValueType.OBJECT
                    ? request(element.asJsonObject())
                    : invalid(JsonValue.NULL, "Batch element " + i + " must be a request object"));
        }
        return new RpcFrame.Batch(List.copyOf(elements));
    }

    private static RpcFrame request(JsonObject object) {
        JsonValue id = object.get("id");
        if (id != null && !isValidId(id)) {
            return invalid(JsonValue.NULL, "'id' must be a string or a number of at most "
                    + MAX_ID_LENGTH + " characters, or null");
        }
        JsonValue answerTo = id == null ? JsonValue.NULL : id;
        for (String member : object.keySet()) {
            if (!MEMBERS.contains(member)) {
                return invalid(answerTo, "Unknown member '" + member + "' (a request has jsonrpc, method, params and id)");
            }
        }
        JsonValue version = object.get("jsonrpc");
        if (!(version instanceof JsonString string) || !string.getString().equals("2.0")) {
            return invalid(answerTo, "'jsonrpc' must be exactly \"2.0\"");
        }
        if (!(object.get("method") instanceof JsonString method)) {
            return invalid(answerTo, "'method' must be a string");
        }
        JsonValue params = object.get("params");
        if (params == JsonValue.NULL) {
            params = null; // what several clients send for "no params"; the specification would have it left out
        }
        if (params != null && params.getValueType() != JsonValue.ValueType.ARRAY
                && params.getValueType() != JsonValue.ValueType.OBJECT) {
            return invalid(answerTo, "'params' must be an array (by position) or an object (by name)");
        }
        return new RpcFrame.Request(id, method.getString(), params);
    }

    private static boolean isValidId(JsonValue id) {
        return switch (id.getValueType()) {
            case STRING -> ((JsonString) id).getString().length() <= MAX_ID_LENGTH;
            case NUMBER -> id.toString().length() <= MAX_ID_LENGTH;
            case NULL -> true;
            default -> false;
        };
    }

    private static RpcFrame.Invalid invalid(JsonValue id, String message) {
        return new RpcFrame.Invalid(id, ErrorCode.INVALID_REQUEST, message);
    }
}
