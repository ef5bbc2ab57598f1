package dev.switchboard.mcp;

import dev.switchboard.security.Caller;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** A tool Switchboard serves over MCP, in either era: a function of the catalog, or one of the runs tools. */
interface McpTool {
    ToolSpec spec();

    default String name() {
        return spec().name();
    }

    /**
     * True for a tool that may wait or take long (it runs on a worker and can be cancelled). The 2026-07-28
     * era answers it as an event stream with keep-alive frames, so that a client that closes the stream is
     * noticed and the call cancelled.
     */
    boolean blocking();

    /** True for a tool that reports partial results, as progress notifications. */
    boolean streaming();

    CompletableFuture<ToolResult> call(Request request);

    /** Where a partial result goes: one progress notification; may block while the client is behind. */
    interface Progress {
        void send(long count, Object partial);
    }

    /**
     * One call: the scope its calls count against ({@link CallScopes}), the key that cancels it there (null:
     * it cannot be cancelled), who asked (null with authentication off), its arguments as the SDK read them,
     * and where its progress goes (null: none was asked for).
     */
    record Request(String scope, Object cancelKey, Caller caller, Map<String, Object> arguments, Progress progress) {
    }
}
