package dev.switchboard.rpc;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.Optional;
import java.util.Set;

/** The methods of {@code /rpc} that are the protocol's own rather than a function's. */
final class RpcMethods {
    /** Answers the OpenRPC document of every function. */
    static final String DISCOVER = "rpc.discover";
    /** Cancels a call, as in the Language Server Protocol: params {@code {"id": …}}. */
    static final String CANCEL_REQUEST = "$/cancelRequest";
    /** Cancels a call, as in MCP: params {@code {"requestId": …, "reason": …}}. */
    static final String CANCELLED = "notifications/cancelled";
    /** The notification that carries a streaming function's partial results. */
    static final String PROGRESS = "notifications/progress";

    private static final Set<String> PROTOCOL_METHODS = Set.of(DISCOVER, CANCEL_REQUEST, CANCELLED);

    private RpcMethods() {
    }

    static boolean isProtocolMethod(String method) {
        return PROTOCOL_METHODS.contains(method);
    }

    /** The id a cancellation names, if its params have the method's shape (by name, or the id alone by position). */
    static Optional<JsonValue> cancelTarget(String method, JsonValue params) {
        JsonValue target = null;
        if (params instanceof JsonObject object) {
            target = object.get(CANCEL_REQUEST.equals(method) ? "id" : "requestId");
        } else if (params instanceof JsonArray array && array.size() == 1) {
            target = array.get(0);
        }
        boolean isId = target != null && (target.getValueType() == JsonValue.ValueType.STRING
                || target.getValueType() == JsonValue.ValueType.NUMBER);
        return isId ? Optional.of(target) : Optional.empty();
    }

    static String cancelShape(String method) {
        return CANCEL_REQUEST.equals(method)
                ? CANCEL_REQUEST + " takes params {\"id\": <the call's id>}"
                : CANCELLED + " takes params {\"requestId\": <the call's id>, \"reason\": <optional text>}";
    }
}
