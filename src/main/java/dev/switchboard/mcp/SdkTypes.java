package dev.switchboard.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.modern.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;

/**
 * Switchboard's tools and results in the SDK's types, for each era: {@code io.modelcontextprotocol.spec}
 * (the 2025 revisions) and {@code io.modelcontextprotocol.modern} (2026-07-28).
 */
final class SdkTypes {
    private SdkTypes() {
    }

    /**
     * The SDK's JSON mapping (its Jackson 3), with fractions read as exact decimals: a tool's arguments
     * reach the functions with every digit the client wrote, as on {@code /ws} (integers are exact anyway:
     * Jackson reads a large one as a BigInteger).
     */
    static McpJsonMapper jsonMapper() {
        return new JacksonMcpJsonMapper(JsonMapper.builder()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build());
    }

    static McpSchema.Tool legacyTool(ToolSpec spec) {
        return McpSchema.Tool.builder().name(spec.name()).title(spec.title()).description(spec.description())
                .inputSchema(JsonTrees.toJava(spec.inputSchema()))
                .outputSchema(JsonTrees.toJava(spec.outputSchema()))
                .annotations(McpSchema.ToolAnnotations.builder()
                        .readOnlyHint(trueOrNull(spec.readOnly()))
                        .destructiveHint(spec.readOnly() ? null : spec.destructive())
                        .idempotentHint(trueOrNull(spec.idempotent()))
                        .openWorldHint(spec.closedWorld() ? Boolean.FALSE : null)
                        .build())
                .build();
    }

    static io.modelcontextprotocol.modern.McpSchema.Tool modernTool(ToolSpec spec) {
        return io.modelcontextprotocol.modern.McpSchema.Tool
                .builder(spec.name(), JsonTrees.toJava(spec.inputSchema()))
                .title(spec.title()).description(spec.description())
                .outputSchema(JsonTrees.toJava(spec.outputSchema()))
                .annotations(io.modelcontextprotocol.modern.McpSchema.ToolAnnotations.builder()
                        .readOnlyHint(trueOrNull(spec.readOnly()))
                        .destructiveHint(spec.readOnly() ? null : spec.destructive())
                        .idempotentHint(trueOrNull(spec.idempotent()))
                        .openWorldHint(spec.closedWorld() ? Boolean.FALSE : null)
                        .build())
                .build();
    }

    static McpSchema.CallToolResult legacyResult(ToolResult result) {
        McpSchema.CallToolResult.Builder builder = McpSchema.CallToolResult.builder()
                .addTextContent(result.text()).isError(result.isError());
        Map<String, Object> structured = result.structured();
        return structured == null ? builder.build() : builder.structuredContent(structured).build();
    }

    static io.modelcontextprotocol.modern.McpSchema.CallToolResult modernResult(ToolResult result) {
        var builder = io.modelcontextprotocol.modern.McpSchema.CallToolResult.builder()
                .addContent(TextContent.builder(result.text()).build()).isError(result.isError());
        return result.structured() == null ? builder.build() : builder.structuredContent(result.structured()).build();
    }

    /**
     * A hint is written only where it holds (its absence means MCP's default); whether a tool that changes
     * something is destructive is always said, since MCP's default (true) fits only some.
     */
    private static Boolean trueOrNull(boolean hint) {
        return hint ? Boolean.TRUE : null;
    }
}
