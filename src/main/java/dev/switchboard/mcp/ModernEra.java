package dev.switchboard.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.modern.McpException;
import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.server.HmacRequestStateCodec;
import io.modelcontextprotocol.modern.server.McpAsyncResponse;
import io.modelcontextprotocol.modern.server.McpRequestContext;
import io.modelcontextprotocol.modern.server.McpServer;
import io.modelcontextprotocol.modern.server.feature.McpAsyncTool;
import io.modelcontextprotocol.modern.server.feature.McpAsyncToolRepository;
import io.modelcontextprotocol.modern.server.feature.ToolsFeature;
import io.modelcontextprotocol.modern.server.feature.ToolsPage;
import io.modelcontextprotocol.modern.server.transport.HttpServletMcpTransport;
import io.modelcontextprotocol.server.transport.ServerHttpHeaderValidator;
import jakarta.servlet.http.HttpServlet;
import reactor.core.publisher.Mono;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The 2026-07-28 revision, as the SDK serves it: stateless, each request carrying its version and the
 * client's capabilities; {@code server/discover}; {@code tools/list} in Switchboard's pages. A tool that
 * may wait is answered as an event stream with a keep-alive frame every {@link #KEEP_ALIVE}: when the
 * client closes the stream (the revision's cancellation), the next frame fails, the SDK drops the call's
 * subscription, and that cancels the call.
 */
final class ModernEra {
    static final Duration KEEP_ALIVE = Duration.ofSeconds(1);
    /** How long a client may keep the list of tools: they do not change while the server runs. */
    static final long TOOLS_TTL_MILLIS = 60_000;

    private final HttpServletMcpTransport transport;
    private final AtomicLong cancelKeys = new AtomicLong();

    ModernEra(List<McpTool> tools, ToolPages pages, CallScopes scopes, McpJsonMapper mapper,
              McpSchemaValidator validator, McpSettings settings) {
        Map<String, McpAsyncTool> byName = tools.stream().collect(Collectors.toUnmodifiableMap(McpTool::name,
                tool -> McpAsyncTool.of(SdkTypes.modernTool(tool.spec()), (ctx, request) -> call(tool, scopes, ctx, request))));
        Function<ToolPages.Page, ToolsPage> page = found -> new ToolsPage(
                found.tools().stream().map(spec -> byName.get(spec.name()).definition()).toList(),
                found.nextCursor(), null, null);
        McpServer server = McpServer.builder()
                .serverInfo(McpSchema.Implementation.builder(McpSettings.SERVER_NAME, settings.version()).build())
                .instructions(McpSettings.INSTRUCTIONS)
                .jsonMapper(mapper)
                .requestStateCodec(requestState(mapper))
                .feature(ToolsFeature.ofAsync(new McpAsyncToolRepository() {
                    @Override
                    public Mono<ToolsPage> list(McpRequestContext ctx, String cursor) {
                        try {
                            return Mono.just(page.apply(pages.page(cursor)));
                        } catch (ToolPages.InvalidCursor e) {
                            return Mono.error(McpException.invalidParams(e.getMessage()));
                        }
                    }

                    @Override
                    public Mono<McpAsyncTool> find(McpRequestContext ctx, String name) {
                        return Mono.justOrEmpty(byName.get(name));
                    }
                }, mapper, validator, TOOLS_TTL_MILLIS, McpSchema.CacheScope.PUBLIC))
                .build();
        transport = HttpServletMcpTransport.builder(server).endpoint(McpServlet.PATH).jsonMapper(mapper)
                .maxRequestSize(settings.maxRequestBytes())
                .contextExtractor(RequestContext::extract)
                // Origin and credentials are the front door's (McpAccess), for both eras alike.
                .httpHeaderValidator(ServerHttpHeaderValidator.NOOP)
                .keepAliveInterval(KEEP_ALIVE)
                .build();
    }

    /**
     * The seal of the state a multi-round-trip request carries between rounds (no Switchboard tool asks for
     * input, so none is sealed): a key of this process, as the SDK would make, which the SDK warns about when
     * it makes it itself.
     */
    private static HmacRequestStateCodec requestState(McpJsonMapper mapper) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return HmacRequestStateCodec.builder().key(key).jsonMapper(mapper).build();
    }

    /** The servlet the front door hands the 2026-07-28 requests to. */
    HttpServlet servlet() {
        return transport;
    }

    private Mono<McpAsyncResponse<McpSchema.CallToolOutcome>> call(McpTool tool, CallScopes scopes,
                                                                 McpRequestContext ctx, McpSchema.CallToolRequest request) {
        String scope = RequestContext.clientScope(ctx.transportContext());
        if (!tool.blocking()) {
            return Mono.fromFuture(tool.call(new McpTool.Request(scope, null, RequestContext.caller(ctx.transportContext()),
                    request.arguments(), null))).map(result -> McpAsyncResponse.result(SdkTypes.modernResult(result)));
        }
        Long cancelKey = cancelKeys.incrementAndGet();
        return Mono.just(McpAsyncResponse.streaming(notifier -> Mono.create(sink -> {
            McpTool.Progress progress = ctx.progressToken() == null || !tool.streaming() ? null
                    : (count, partial) -> notifier.progress(count, null, JsonTrees.toJson(partial).toString()).block();
            sink.onCancel(() -> scopes.cancel(scope, cancelKey));
            tool.call(new McpTool.Request(scope, cancelKey, RequestContext.caller(ctx.transportContext()),
                    request.arguments(), progress)).whenComplete((result, error) -> {
                        if (error != null) {
                            sink.error(error);
                        } else {
                            sink.success(SdkTypes.modernResult(result));
                        }
                    });
        })));
    }
}
