package dev.switchboard.mcp;

import jakarta.json.JsonObject;

/**
 * One tool as MCP lists it, in neither SDK era's types: its name, a title for people, a description, the
 * JSON Schemas of its arguments (an object) and of its structured result (an object), and its hints.
 *
 * @param readOnly   it changes nothing (MCP's {@code readOnlyHint})
 * @param idempotent a repeated call with the same arguments has no further effect ({@code idempotentHint})
 * @param closedWorld it reaches nothing outside the server ({@code openWorldHint} false)
 */
record ToolSpec(String name, String title, String description, JsonObject inputSchema, JsonObject outputSchema,
                boolean readOnly, boolean idempotent, boolean closedWorld) {
}
