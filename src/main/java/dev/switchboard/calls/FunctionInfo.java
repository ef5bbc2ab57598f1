package dev.switchboard.calls;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** One catalog entry, as {@code functions} answers it. */
@JsonbPropertyOrder({"name", "description", "params", "streaming"})
public record FunctionInfo(String name, String description, JsonObject params, boolean streaming) {
    static FunctionInfo of(CallFunction function) {
        return new FunctionInfo(function.name(), function.description(),
                function.signature().schema(), function.streaming());
    }
}
