package dev.switchboard.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.http.HttpServlet;

import java.time.Duration;
import java.util.List;

/**
 * The 2025 revisions (2025-11-25, 2025-06-18), as the SDK serves them: {@code initialize}, sessions
 * ({@code Mcp-Session-Id}), {@code ping}, the GET stream, DELETE; each {@code tools/call} answered on its
 * own event stream, with its progress notifications before the result. The front door ({@link LegacyDoor})
 * adds what the SDK lacks: cancellation, pages of tools, the choice of revision.
 */
final class LegacyEra {
    /** How often the SDK pings the clients that hold a GET stream open (a dead one is let go). */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(30);

    private final HttpServletStreamableServerTransportProvider transport;
    private final McpSyncServer server;

    LegacyEra(List<McpTool> tools, McpJsonMapper mapper, McpSchemaValidator validator, McpSettings settings) {
        transport = HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint(McpServlet.PATH).jsonMapper(mapper).maxRequestSize(settings.maxRequestBytes())
                .keepAliveInterval(KEEP_ALIVE).sessionSweepInterval(settings.sessionSweep())
                .contextExtractor(RequestContext::extract)
                .build();
        server = McpServer.sync(transport)
                .serverInfo(McpSchema.Implementation.builder(McpSettings.SERVER_NAME, settings.version()).build())
                .instructions(McpSettings.INSTRUCTIONS)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                // The tool runs on the request's own thread (which waits for it either way), not on Reactor's.
                .immediateExecution(true)
                // Arguments are checked by the function's Signature, whose refusal is the tool's error result
                // (invalid_args) as in the other era; the SDK's own check would also log a WARNING for each one.
                .validateToolInputs(false)
                .jsonMapper(mapper).jsonSchemaValidator(validator)
                .tools(tools.stream().map(LegacyEra::specification).toList())
                .build();
    }

    /** The servlet the front door hands the 2025 requests to. */
    HttpServlet servlet() {
        return transport;
    }

    void close() {
        server.close();
    }

    private static McpServerFeatures.SyncToolSpecification specification(McpTool tool) {
        return McpServerFeatures.SyncToolSpecification.builder().tool(SdkTypes.legacyTool(tool.spec()))
                .callHandler((exchange, request) -> SdkTypes.legacyResult(tool.call(new McpTool.Request(
                        CallScopes.session(exchange.sessionId()), exchange.transportContext().get(RequestContext.CALL_KEY),
                        RequestContext.caller(exchange.transportContext()), request.arguments(),
                        progress(exchange, request.progressToken()))).join()))
                .build();
    }

    private static McpTool.Progress progress(McpSyncServerExchange exchange, Object token) {
        return token == null ? null : (count, partial) -> exchange.progressNotification(new McpSchema.ProgressNotification(
                token, (double) count, null, JsonTrees.toJson(partial).toString(), null));
    }
}
