package dev.switchboard.rpc;

import dev.switchboard.calls.CallException;
import dev.switchboard.calls.CallFunction;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request's params as the function's positional arguments: an array as it is, an object by the
 * names of the function's parameters. An object may also carry MCP's {@code _meta} with a
 * {@code progressToken}, the token its progress notifications then carry instead of the id.
 */
record RpcParams(List<JsonValue> positional, JsonValue progressToken) {
    private static final String META = "_meta";

    static RpcParams read(CallFunction function, JsonValue params) throws CallException {
        if (params == null) {
            return new RpcParams(List.of(), null);
        }
        if (!(params instanceof JsonObject object)) {
            return new RpcParams(List.copyOf(params.asJsonArray()), null);
        }
        Map<String, JsonValue> named = new LinkedHashMap<>(object);
        JsonValue meta = named.remove(META);
        JsonValue token = meta instanceof JsonObject metaObject ? metaObject.get("progressToken") : null;
        boolean tokenIsId = token != null && (token.getValueType() == JsonValue.ValueType.STRING
                || token.getValueType() == JsonValue.ValueType.NUMBER);
        return new RpcParams(function.signature().byName(function.name(), named), tokenIsId ? token : null);
    }
}
