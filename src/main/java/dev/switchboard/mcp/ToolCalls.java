package dev.switchboard.mcp;

import dev.switchboard.calls.CallException;
import dev.switchboard.calls.CallFunction;
import dev.switchboard.calls.CallOutcome;
import dev.switchboard.calls.ConnectionCalls;
import dev.switchboard.calls.ErrorCode;
import dev.switchboard.websocket.EndpointName;
import dev.switchboard.websocket.ErrorReplies;
import jakarta.json.JsonValue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a function of the catalog for an MCP {@code tools/call}, with the limits of {@code /ws}: the
 * arguments by name ({@code Signature.byName}) and their checks, the scope's in-flight slot and the
 * server's, the workers. And one limit of its own, {@code maxCalls}: every MCP call holds an HTTP thread
 * of the server until it is answered (the SDK's servlet transports wait for the answer on it), so at
 * most that many run at once, whatever their function, and the server keeps threads for everything else.
 * A function's own error, and a refusal for being busy, is a tool execution error ({@code isError}).
 */
final class ToolCalls {
    private static final Logger LOG = Logger.getLogger(ToolCalls.class.getName());
    private final CallScopes scopes;
    private final int maxCalls;
    private final AtomicInteger calls = new AtomicInteger();

    ToolCalls(CallScopes scopes, int maxCalls) {
        this.scopes = scopes;
        this.maxCalls = maxCalls;
    }

    /** The tool of a function. */
    McpTool tool(CallFunction function) {
        ToolSpec spec = FunctionTools.of(function);
        return new McpTool() {
            @Override
            public ToolSpec spec() {
                return spec;
            }

            @Override
            public boolean blocking() {
                return function.blocking();
            }

            @Override
            public boolean streaming() {
                return function.streaming();
            }

            @Override
            public CompletableFuture<ToolResult> call(Request request) {
                return ToolCalls.this.call(function, request);
            }
        };
    }

    CompletableFuture<ToolResult> call(CallFunction function, McpTool.Request request) {
        List<JsonValue> args;
        try {
            args = function.signature().byName(function.name(), JsonTrees.arguments(request.arguments()));
        } catch (CallException e) {
            return failed(e.code(), e.getMessage());
        }
        if (calls.incrementAndGet() > maxCalls) {
            calls.decrementAndGet();
            return failed(ErrorCode.BUSY, "Too many MCP calls in progress on this server (limit " + maxCalls
                    + ", switchboard.mcp.max-calls); try again later");
        }
        int serverSlots = function.blocking() ? 1 : 0;
        ConnectionCalls scope = scopes.take(request.scope(), serverSlots);
        if (scope == null) {
            calls.decrementAndGet();
            return failed(ErrorCode.BUSY, scopes.busyMessage(request.scope(), serverSlots));
        }
        CompletableFuture<CallOutcome> outcome;
        try {
            outcome = scope.start(request.cancelKey(), function, args,
                    request.progress() == null || !function.streaming() ? null : new ProgressSink(request.progress()));
        } catch (RuntimeException e) {
            release(scope, serverSlots);
            throw e;
        }
        return outcome.handle((ended, error) -> {
            release(scope, serverSlots);
            if (error != null) {
                LOG.log(Level.SEVERE, "The call of " + function.name() + " failed", error);
                ended = CallOutcome.failed(ErrorCode.INTERNAL_ERROR, "Internal error in " + function.name());
            }
            if (ended instanceof CallOutcome.Failed failed) {
                ErrorReplies.count(EndpointName.MCP, failed.code().wireName());
            }
            return ToolResult.of(ended);
        });
    }

    /** MCP calls in progress on the server. */
    int inProgress() {
        return calls.get();
    }

    private void release(ConnectionCalls scope, int serverSlots) {
        scope.releaseSlot(serverSlots);
        calls.decrementAndGet();
    }

    private static CompletableFuture<ToolResult> failed(ErrorCode code, String message) {
        ErrorReplies.count(EndpointName.MCP, code.wireName());
        return CompletableFuture.completedFuture(ToolResult.error(code, message));
    }
}
