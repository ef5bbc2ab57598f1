package dev.switchboard.mcp;

import jakarta.json.JsonObject;

/**
 * One tool as MCP lists it, in neither SDK era's types: its name, a title for people, a description, the
 * JSON Schemas of its arguments (an object) and of its structured result (an object), and its hints.
 *
 * @param readOnly    it changes nothing (MCP's {@code readOnlyHint})
 * @param destructive for a tool that changes something: whether it may undo or end what exists
 *                    ({@code destructiveHint}), rather than only add to it
 * @param idempotent  a repeated call with the same arguments has no further effect ({@code idempotentHint})
 * @param closedWorld it reaches nothing outside the server ({@code openWorldHint} false)
 */
record ToolSpec(String name, String title, String description, JsonObject inputSchema, JsonObject outputSchema,
                boolean readOnly, boolean destructive, boolean idempotent, boolean closedWorld) {
}
