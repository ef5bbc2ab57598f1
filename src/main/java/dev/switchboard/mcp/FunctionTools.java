package dev.switchboard.mcp;

import dev.switchboard.calls.CallFunction;
import dev.switchboard.calls.Param;
import dev.switchboard.calls.Signature;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.util.Locale;

/**
 * The tool of each function of the catalog: its arguments by the catalog's parameter names (a variadic
 * function takes the one array {@value Signature#VARIADIC_NAME}), its result as {@code {"result": …}}.
 */
final class FunctionTools {
    /** The one member of a function tool's structured result. */
    static final String RESULT = "result";

    private FunctionTools() {
    }

    static ToolSpec of(CallFunction function) {
        String description = function.streaming()
                ? function.description() + ". Over MCP its partial results come as progress notifications when the "
                        + "request has a progressToken (the notification's message is the partial result)"
                : function.description();
        return new ToolSpec(function.name(), title(function.name()), description, inputSchema(function.signature()),
                outputSchema(function.resultSchema()), function.pure(), false, function.pure(), function.pure());
    }

    /** An object with one property per parameter; only what is not optional is required; nothing else is allowed. */
    static JsonObject inputSchema(Signature signature) {
        JsonObjectBuilder properties = Json.createObjectBuilder();
        JsonArrayBuilder required = Json.createArrayBuilder();
        if (signature.isVariadic()) {
            properties.add(Signature.VARIADIC_NAME, Json.createObjectBuilder(signature.variadicSchema())
                    .add("title", Signature.VARIADIC_NAME).add("description", "the numbers"));
            if (signature.variadicMin() > 0) {
                required.add(Signature.VARIADIC_NAME);
            }
        } else {
            for (Param param : signature.params()) {
                properties.add(param.name(), param.schema());
                if (!param.optional()) {
                    required.add(param.name());
                }
            }
        }
        return Json.createObjectBuilder().add("type", "object").add("properties", properties)
                .add("required", required).add("additionalProperties", false).build();
    }

    /** {@code {"result": <the function's result schema>}}. */
    static JsonObject outputSchema(JsonObject resultSchema) {
        return Json.createObjectBuilder().add("type", "object")
                .add("properties", Json.createObjectBuilder().add(RESULT, resultSchema))
                .add("required", Json.createArrayBuilder().add(RESULT))
                .add("additionalProperties", false).build();
    }

    /** {@code sqrt} → {@code Sqrt}, {@code start_run} → {@code Start run}. */
    static String title(String name) {
        String words = name.replace('_', ' ');
        return words.isEmpty() ? words : words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }
}
