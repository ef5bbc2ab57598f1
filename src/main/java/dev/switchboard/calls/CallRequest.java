package dev.switchboard.calls;

import jakarta.json.JsonValue;

import java.util.List;

/** One well-formed call: {@code id} is a String, a Long or null (no id). */
public record CallRequest(Object id, String func, List<JsonValue> args) {
    public boolean hasId() {
        return id != null;
    }
}
