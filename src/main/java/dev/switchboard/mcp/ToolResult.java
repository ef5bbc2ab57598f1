package dev.switchboard.mcp;

import dev.switchboard.calls.CallOutcome;
import dev.switchboard.calls.ErrorCode;
import jakarta.json.Json;
import jakarta.json.JsonValue;

import java.util.Map;

/**
 * What a tool call answers, in neither SDK era's types: the structured result (an object matching the
 * tool's output schema; null for an error), the text that goes in its one {@code text} content block,
 * and whether it is a tool execution error ({@code isError}), which a model may read and correct.
 */
record ToolResult(Map<String, Object> structured, String text, boolean isError) {

    /** A successful result: its structured content, and the text of its content block. */
    static ToolResult of(Map<String, Object> structured, JsonValue asJson) {
        return new ToolResult(structured, asJson.toString(), false);
    }

    /** A tool execution error: the machine code Switchboard's other endpoints use, then the message. */
    static ToolResult error(ErrorCode code, String message) {
        return error(code.wireName(), message);
    }

    static ToolResult error(String code, String message) {
        return new ToolResult(null, code + ": " + message, true);
    }

    /** A function's outcome: {@code {"result": <value>}}, or its error as a tool execution error. */
    static ToolResult of(CallOutcome outcome) {
        if (outcome instanceof CallOutcome.Value value) {
            JsonValue result = JsonTrees.toJson(value.result());
            JsonValue structured = Json.createObjectBuilder().add(FunctionTools.RESULT, result).build();
            return of(JsonTrees.toJava(structured.asJsonObject()), result);
        }
        CallOutcome.Failed failed = (CallOutcome.Failed) outcome;
        return error(failed.code(), failed.message());
    }
}
