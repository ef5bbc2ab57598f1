package dev.switchboard.mcp;

import dev.switchboard.calls.CallService;
import dev.switchboard.calls.TestCalls;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A function's outcome as a tool result, the limits, progress and cancellation, without a server. */
class ToolCallsTest {
    private final CallService service = TestCalls.service(2, 128, 100);
    private final CallScopes scopes = new CallScopes(service, System::nanoTime);

    private McpTool tool(ToolCalls calls, String name) {
        return calls.tool(service.registry().find(name).orElseThrow());
    }

    private static ToolResult call(McpTool tool, Map<String, Object> arguments) throws Exception {
        return tool.call(new McpTool.Request("client:test", null, null, arguments, null)).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aResultIsStructuredContentWithTheSameValueAsText() throws Exception {
        ToolCalls calls = new ToolCalls(scopes, 8);
        ToolResult product = call(tool(calls, "multiply"), Map.of("a", 2.5, "b", 2));
        assertEquals(Map.of("result", BigInteger.valueOf(5)), product.structured());
        assertEquals("5", product.text());
        assertFalse(product.isError());
        assertEquals("0.3333333333333333", call(tool(calls, "divide"), Map.of("a", 1, "b", 3)).text());
        assertEquals("6", call(tool(calls, "sum"), Map.of("numbers", List.of(1, 2, 3))).text());
        assertEquals("0", call(tool(calls, "sum"), Map.of()).text());
    }

    @Test
    void aFunctionsOwnErrorIsAToolExecutionError() throws Exception {
        ToolCalls calls = new ToolCalls(scopes, 8);
        ToolResult byZero = call(tool(calls, "divide"), Map.of("a", 1, "b", 0));
        assertTrue(byZero.isError());
        assertNull(byZero.structured());
        assertEquals("math_error: Division by zero", byZero.text());
        assertEquals("invalid_args: multiply: missing parameter 'b'", call(tool(calls, "multiply"), Map.of("a", 1)).text());
        assertEquals("invalid_args: multiply has no parameter 'c' (a, b)",
                call(tool(calls, "multiply"), Map.of("a", 1, "b", 2, "c", 3)).text());
        assertTrue(call(tool(calls, "add"), Map.of("a", "1".repeat(101), "b", 1)).text().startsWith("invalid_args"),
                "a string is no number");
        assertEquals("invalid_args: add: a is outside the supported range (at most 100 digits before and after the point)",
                call(tool(calls, "add"), Map.of("a", new BigInteger("1".repeat(101)), "b", 1)).text());
    }

    @Test
    void aStreamingCallSendsEachPartialResultAsProgressCountedFromOne() throws Exception {
        ToolCalls calls = new ToolCalls(scopes, 8);
        List<String> progress = new CopyOnWriteArrayList<>();
        ToolResult counted = tool(calls, "count").call(new McpTool.Request("client:test", null, null, Map.of("n", 3),
                (count, partial) -> progress.add(count + "=" + partial))).get(10, TimeUnit.SECONDS);
        assertEquals("3", counted.text());
        assertEquals(List.of("1=1", "2=2", "3=3"), progress);
    }

    @Test
    void theScopesInFlightLimitAndTheServersMcpLimitAnswerBusy() throws Exception {
        ToolCalls calls = new ToolCalls(scopes, 3);
        McpTool sleep = tool(calls, "sleep");
        CompletableFuture<ToolResult> first = sleep.call(new McpTool.Request("client:a", 1, null, Map.of("ms", 60_000), null));
        CompletableFuture<ToolResult> second = sleep.call(new McpTool.Request("client:a", 2, null, Map.of("ms", 60_000), null));
        ToolResult third = call(tool(calls, "add"), Map.of("a", 1, "b", 1)); // scope client:test: its own slots
        assertEquals("2", third.text());
        ToolResult overScope = sleep.call(new McpTool.Request("client:a", 3, null, Map.of("ms", 1), null)).get(10, TimeUnit.SECONDS);
        assertEquals("busy: Too many calls in flight on this connection (limit 2)", overScope.text());
        CompletableFuture<ToolResult> fourth = sleep.call(new McpTool.Request("client:b", 4, null, Map.of("ms", 60_000), null));
        ToolResult overServer = call(tool(calls, "add"), Map.of("a", 1, "b", 1));
        assertTrue(overServer.isError());
        assertTrue(overServer.text().startsWith("busy: Too many MCP calls in progress on this server (limit 3"), overServer.text());
        assertEquals(3, calls.inProgress());
        for (Object key : List.of(1, 2)) {
            assertTrue(scopes.cancel("client:a", key));
        }
        assertTrue(scopes.cancel("client:b", 4));
        for (CompletableFuture<ToolResult> cancelled : List.of(first, second, fourth)) {
            assertEquals("cancelled: Call cancelled", cancelled.get(10, TimeUnit.SECONDS).text());
        }
        assertEquals(0, calls.inProgress(), "every slot given back");
        assertEquals("2", call(tool(calls, "add"), Map.of("a", 1, "b", 1)).text());
    }
}
