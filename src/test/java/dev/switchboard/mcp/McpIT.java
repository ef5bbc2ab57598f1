package dev.switchboard.mcp;

import dev.switchboard.ItSupport;
import dev.switchboard.ServerLog;
import io.modelcontextprotocol.modern.McpException;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static dev.switchboard.mcp.McpClients.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MCP at {@code /mcp} through the SDK's own clients, unchanged: the 2025 client pinned to 2025-11-25 and
 * to 2025-06-18 (sessions), and the 2026-07-28 client (stateless). The shared server lists tools in pages
 * of {@value #PAGE_SIZE} ({@code ItSupport.deployment()}), so every list here takes several pages.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class McpIT {
    static final int PAGE_SIZE = 4;
    /** Every function of the catalog, and the runs tools, by name. */
    static final List<String> TOOLS = List.of("add", "cancel_run", "count", "divide", "mean", "multiply", "pow", "read_run",
            "sleep", "sqrt", "start_run", "subtract", "sum");
    static final Map<String, String> ALLOWED_ORIGIN = Map.of("Origin", "http://localhost:3000");

    @ArquillianResource
    URL base;

    @ParameterizedTest
    @ValueSource(strings = {"2025-11-25", "2025-06-18"})
    void aLegacyClientGetsTheRevisionItAsksForAndItsSession(String version) {
        try (McpClients.Legacy legacy = McpClients.legacy(base, version, ALLOWED_ORIGIN)) {
            McpSchema.InitializeResult initialized = legacy.client().initialize();
            assertEquals(version, initialized.protocolVersion());
            assertEquals("switchboard", initialized.serverInfo().name());
            assertNotNull(initialized.capabilities().tools(), "tools are served");
            legacy.client().ping();
            assertNotNull(legacy.sessionId().get(), "the session's id came with initialize");
            McpSchema.CallToolResult product = legacy.client().callTool(call("multiply", Map.of("a", 3, "b", 4)));
            assertEquals(Map.of("result", 12), product.structuredContent());
        }
    }

    @Test
    void anInitializeForARevisionNotServedIsAnsweredWithTheLatestThatIs() throws Exception {
        for (String asked : List.of("2025-03-26", "2024-11-05", "2026-07-28", "1900-01-01")) {
            HttpResponse<String> response = McpClients.raw(base, "POST", McpClients.initialize(asked), Map.of());
            assertEquals(200, response.statusCode(), response.body());
            JsonObject result = ItSupport.object(response.body()).getJsonObject("result");
            assertEquals("2025-11-25", result.getString("protocolVersion"), asked);
            String session = response.headers().firstValue(LegacyDoor.SESSION_HEADER).orElseThrow();
            assertEquals(200, McpClients.raw(base, "DELETE", null, Map.of(LegacyDoor.SESSION_HEADER, session)).statusCode());
        }
    }

    @Test
    void legacyToolsComeInPagesWithSchemasAndHints() {
        try (McpClients.Legacy legacy = McpClients.legacy(base, "2025-11-25", Map.of())) {
            legacy.client().initialize();
            List<McpSchema.Tool> tools = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                McpSchema.ListToolsResult page = legacy.client().listTools(cursor);
                assertTrue(page.tools().size() <= PAGE_SIZE, "a page holds at most the page size");
                tools.addAll(page.tools());
                cursor = page.nextCursor();
                pages++;
            } while (cursor != null);
            assertEquals((TOOLS.size() + PAGE_SIZE - 1) / PAGE_SIZE, pages);
            assertEquals(TOOLS, tools.stream().map(McpSchema.Tool::name).toList(), "every tool, by name");

            McpSchema.Tool add = tools.get(0);
            assertEquals("Add", add.title());
            assertEquals("a + b", add.description());
            assertEquals(Map.of("type", "object", "additionalProperties", false, "required", List.of("a", "b"),
                    "properties", Map.of(
                            "a", Map.of("title", "a", "description", "first addend", "type", "number"),
                            "b", Map.of("title", "b", "description", "second addend", "type", "number"))),
                    add.inputSchema());
            assertEquals(Map.of("type", "object", "additionalProperties", false, "required", List.of("result"),
                    "properties", Map.of("result", Map.of("type", "number"))), add.outputSchema());
            assertEquals(Boolean.TRUE, add.annotations().readOnlyHint());
            assertEquals(Boolean.TRUE, add.annotations().idempotentHint());
            assertEquals(Boolean.FALSE, add.annotations().openWorldHint());
            McpSchema.Tool sum = tools.stream().filter(t -> t.name().equals("sum")).findFirst().orElseThrow();
            assertEquals(Map.of("numbers", Map.of("type", "array", "items", Map.of("type", "number"), "minItems", 0,
                    "title", "numbers", "description", "the numbers")), sum.inputSchema().get("properties"));
            assertEquals(List.of(), sum.inputSchema().get("required"), "no numbers at all is a sum of 0");
            McpSchema.Tool start = tools.stream().filter(t -> t.name().equals("start_run")).findFirst().orElseThrow();
            assertEquals(List.of("run_id"), start.inputSchema().get("required"));
            assertEquals(Boolean.FALSE, start.annotations().destructiveHint(), "starting a run ends nothing");
            assertNull(start.annotations().readOnlyHint());
            McpSchema.Tool cancel = tools.stream().filter(t -> t.name().equals("cancel_run")).findFirst().orElseThrow();
            assertEquals(Boolean.TRUE, cancel.annotations().destructiveHint());

            McpError invalid = assertThrows(McpError.class, () -> legacy.client().listTools("not-a-cursor"));
            assertEquals(-32602, invalid.getJsonRpcError().code());
        }
    }

    @Test
    void aLegacyCallAnswersStructuredContentAndTextAndErrorsAsToolResults() {
        try (McpClients.Legacy legacy = McpClients.legacy(base, "2025-06-18", ALLOWED_ORIGIN)) {
            legacy.client().initialize();
            McpSchema.CallToolResult product = legacy.client().callTool(call("multiply", Map.of("a", 2.5, "b", 2)));
            assertFalse(product.isError());
            assertEquals(Map.of("result", 5), product.structuredContent(), "an integral result is an integer");
            assertEquals("5", text(product));
            McpSchema.CallToolResult sum = legacy.client().callTool(call("sum", Map.of("numbers", List.of(0.1, 0.2))));
            assertEquals("0.3", text(sum), "exact decimals, as on /ws");

            McpSchema.CallToolResult byZero = legacy.client().callTool(call("divide", Map.of("a", 1, "b", 0)));
            assertTrue(byZero.isError());
            assertEquals("math_error: Division by zero", text(byZero));
            assertNull(byZero.structuredContent());
            McpSchema.CallToolResult badArgs = legacy.client().callTool(call("multiply", Map.of("a", "x", "b", 2)));
            assertTrue(badArgs.isError(), "bad arguments are the model's to correct: " + text(badArgs));
            McpSchema.CallToolResult tooFew = legacy.client().callTool(call("mean", Map.of("numbers", List.of())));
            assertTrue(tooFew.isError());

            McpError unknown = assertThrows(McpError.class, () -> legacy.client().callTool(call("nosuch", Map.of())));
            assertEquals(-32602, unknown.getJsonRpcError().code(), "an unknown tool is a protocol error");
        }
    }

    @Test
    void aLegacyStreamingCallSendsProgress() throws Exception {
        try (McpClients.Legacy legacy = McpClients.legacy(base, "2025-11-25", Map.of())) {
            legacy.client().initialize();
            McpSchema.CallToolResult counted = legacy.client().callTool(McpSchema.CallToolRequest.builder("count")
                    .arguments(Map.of("n", 3, "delay_ms", 20)).progressToken("count-1").build());
            assertEquals(Map.of("result", 3), counted.structuredContent());
            List<McpSchema.ProgressNotification> progress = legacy.progress().await(3);
            assertEquals(List.of(1.0, 2.0, 3.0), progress.stream().map(McpSchema.ProgressNotification::progress).toList());
            assertEquals(List.of("1", "2", "3"), progress.stream().map(McpSchema.ProgressNotification::message).toList());
            assertTrue(progress.stream().allMatch(p -> "count-1".equals(p.progressToken())));
        }
    }

    @Test
    void aLegacyCancellationStopsTheServersWork() throws Exception {
        long idle = workersBusy();
        try (McpClients.Legacy legacy = McpClients.legacy(base, "2025-11-25", Map.of())) {
            legacy.client().initialize();
            long start = System.nanoTime();
            CompletableFuture<McpSchema.CallToolResult> sleeping = CompletableFuture.supplyAsync(
                    () -> legacy.client().callTool(call("sleep", Map.of("ms", 60_000))));
            ItSupport.await(() -> legacy.lastCallId().get() != null && workersBusy() > idle);
            legacy.cancelLastCall();
            McpSchema.CallToolResult ended = sleeping.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(ended.isError(), "the SDK answers every request; this answer says cancelled: " + text(ended));
            assertEquals("cancelled: Call cancelled", text(ended));
            ItSupport.await(() -> workersBusy() <= idle);
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30), "long before the 60 s sleep ended");
            assertEquals(Map.of("result", 7), legacy.client().callTool(call("add", Map.of("a", 3, "b", 4))).structuredContent());
        }
    }

    @Test
    void deleteEndsTheSession() throws Exception {
        AtomicReference<String> session = new AtomicReference<>();
        try (McpClients.Legacy legacy = McpClients.legacy(base, "2025-11-25", Map.of())) {
            legacy.client().initialize();
            legacy.client().ping();
            session.set(legacy.sessionId().get());
            assertTrue(legacy.client().closeGracefully(), "the client ends its session with DELETE");
        }
        String ping = "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"ping\"}";
        HttpResponse<String> after = McpClients.raw(base, "POST", ping, Map.of(LegacyDoor.SESSION_HEADER, session.get()));
        assertEquals(404, after.statusCode(), after.body());
        assertEquals("session_not_found", ItSupport.object(after.body()).getString("code"));
        assertEquals(404, McpClients.raw(base, "DELETE", null, Map.of(LegacyDoor.SESSION_HEADER, "no-such-session")).statusCode());
    }

    @Test
    void aWholeSessionLogsNothingUnexpected() throws Exception {
        int mark = ServerLog.mark();
        try (McpClients.Legacy legacy = McpClients.legacy(base, "2025-11-25", ALLOWED_ORIGIN)) {
            legacy.client().initialize(); // the SDK's client also opens the session's GET stream
            legacy.client().callTool(McpSchema.CallToolRequest.builder("count").arguments(Map.of("n", 2))
                    .progressToken("quiet").build());
            legacy.client().callTool(call("divide", Map.of("a", 1, "b", 0)));
            legacy.client().callTool(call("multiply", Map.of("a", "x", "b", 1)));
            assertTrue(legacy.client().closeGracefully()); // DELETE, which ends the GET stream too
        }
        var modern = McpClients.modern(base, Map.of());
        modern.tool("sleep").arguments(Map.of("ms", 1)).call();
        modern.tool("add").arguments(Map.of("a", "x", "b", 1)).call();
        assertEquals(List.of(), ServerLog.problemsSince(mark, ItSupport.ws(base, "ws")), "no WARNING or SEVERE");
        // Weld's own lines read "WARN" on Payara's console: none either (it warned of leaked CDI contexts when
        // a DELETE ended a GET stream on the DELETE's own thread)
        assertEquals(List.of(), ServerLog.linesSince(mark).stream().filter(line -> line.contains("WELD-")).toList());
    }

    @Test
    void aModernClientDiscoversListsInPagesAndCalls() throws Exception {
        var modern = McpClients.modern(base, ALLOWED_ORIGIN);
        var discovered = modern.discover();
        assertTrue(discovered.supportedVersions().contains("2026-07-28"), discovered.toString());
        List<String> names = new ArrayList<>();
        String cursor = null;
        do {
            var page = modern.tools().cursor(cursor).list();
            assertTrue(page.tools().size() <= PAGE_SIZE);
            page.tools().forEach(tool -> names.add(tool.name()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertEquals(TOOLS, names);

        var product = modern.tool("multiply").arguments(Map.of("a", 3, "b", 4)).call();
        assertEquals(Map.of("result", 12), product.structuredContent());
        assertEquals("12", ((io.modelcontextprotocol.modern.McpSchema.TextContent) product.content().get(0)).text());
        var byZero = modern.tool("divide").arguments(Map.of("a", 1, "b", 0)).call();
        assertTrue(byZero.isError());
        assertEquals("math_error: Division by zero",
                ((io.modelcontextprotocol.modern.McpSchema.TextContent) byZero.content().get(0)).text());

        McpClients.Arrivals<String> progress = new McpClients.Arrivals<>();
        var counted = modern.tool("count").arguments(Map.of("n", 3)).progress(p -> progress.add(p.message())).call();
        assertEquals(Map.of("result", 3), counted.structuredContent());
        assertEquals(List.of("1", "2", "3"), progress.await(3));

        McpException badCursor = assertThrows(McpException.class, () -> modern.tools().cursor("x").list());
        assertEquals(-32602, badCursor.error().code());
    }

    /** Bodies that are no JSON-RPC message, in both eras: the specification's error, a 400, and the server goes on. */
    @ParameterizedTest
    @ValueSource(strings = {"2025", "2026-07-28"})
    void aMalformedBodyGetsTheSpecificationsError(String era) throws Exception {
        Map<String, String> headers = era.equals("2025") ? Map.of()
                : Map.of("Mcp-Method", "tools/call", "Mcp-Name", "add", "MCP-Protocol-Version", "2026-07-28");
        Map<String, Integer> codes = Map.of("not json", -32700, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":", -32700,
                "[]", -32600, "1", -32600, "{\"jsonrpc\":\"2.0\",\"id\":1}", -32600);
        int logMark = ServerLog.mark();
        for (Map.Entry<String, Integer> bad : codes.entrySet()) {
            HttpResponse<String> response = McpClients.raw(base, "POST", bad.getKey(), headers);
            assertEquals(400, response.statusCode(), bad.getKey() + " -> " + response.body());
            JsonObject answer = ItSupport.object(response.body());
            assertEquals("2.0", answer.getString("jsonrpc"), response.body());
            assertEquals(bad.getValue(), answer.getJsonObject("error").getInt("code"), bad.getKey() + " -> " + response.body());
        }
        assertEquals(200, McpClients.raw(base, "POST", McpClients.initialize("2025-11-25"), Map.of()).statusCode(),
                "the server goes on");
        assertEquals(List.of(), ServerLog.problemsSince(logMark, ItSupport.ws(base, "ws")), "nothing unexpected is logged");
    }

    @Test
    void aModernCallOfAnUnknownToolIsAProtocolError() throws Exception {
        // The SDK's client refuses to call a tool it was not shown, so this request is written by hand.
        HttpResponse<String> response = McpClients.raw(base, "POST", McpClients.modernCall("nosuch"), Map.of(
                "Mcp-Method", "tools/call", "Mcp-Name", "nosuch", "MCP-Protocol-Version", "2026-07-28"));
        JsonObject error = ItSupport.object(response.body()).getJsonObject("error");
        assertEquals(-32602, error.getInt("code"), response.body());
        assertTrue(error.getString("message").contains("nosuch"), response.body());
    }

    @Test
    void aModernClientThatClosesTheStreamStopsTheServersWork() throws Exception {
        long idle = workersBusy();
        var modern = McpClients.modern(base, Map.of());
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                modern.tool("sleep").arguments(Map.of("ms", 60_000)).call();
            } catch (Throwable e) {
                ended.set(e);
            }
        });
        long start = System.nanoTime();
        caller.start();
        ItSupport.await(() -> workersBusy() > idle);
        caller.interrupt(); // the 2026-07-28 client cancels by closing the request's stream
        caller.join(WAIT.toMillis());
        assertNotNull(ended.get(), "the call did not complete");
        ItSupport.await(() -> workersBusy() <= idle);
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30), "long before the 60 s sleep ended");
    }

    @Test
    void aLegacyClientStartsARunAndReadsItsEventsToTheEnd() throws Exception {
        try (McpClients.Legacy legacy = McpClients.legacy(base, "2025-11-25", Map.of())) {
            legacy.client().initialize();
            McpSchema.CallToolResult started = legacy.client().callTool(call("start_run", Map.of("run_id", "mcp-demo",
                    "task", "demo", "input", Map.of("steps", 2, "delay_ms", 10))));
            assertEquals(Map.of("run_id", "mcp-demo", "task", "demo", "status", "running"), started.structuredContent());
            AtomicReference<Map<?, ?>> read = new AtomicReference<>();
            ItSupport.await(() -> {
                read.set((Map<?, ?>) legacy.client().callTool(call("read_run", Map.of("run_id", "mcp-demo"))).structuredContent());
                return "completed".equals(read.get().get("status"));
            });
            List<?> events = (List<?>) read.get().get("events");
            assertEquals(List.of("run_started", "step", "step", "run_completed"),
                    events.stream().map(e -> ((Map<?, ?>) e).get("event_type")).toList());
            assertEquals(3, ((Number) read.get().get("last_seq")).intValue());
            Map<?, ?> rest = (Map<?, ?>) legacy.client().callTool(call("read_run",
                    Map.of("run_id", "mcp-demo", "after_seq", 2))).structuredContent();
            assertEquals(1, ((List<?>) rest.get("events")).size(), "only what follows after_seq");

            McpSchema.CallToolResult again = legacy.client().callTool(call("start_run", Map.of("run_id", "mcp-demo")));
            assertTrue(again.isError());
            assertTrue(text(again).startsWith("duplicate_run_id: "), text(again));
            McpSchema.CallToolResult unknown = legacy.client().callTool(call("read_run", Map.of("run_id", "nobody-s")));
            assertTrue(text(unknown).startsWith("unknown_run: "), text(unknown));
            McpSchema.CallToolResult badId = legacy.client().callTool(call("start_run", Map.of("run_id", "no spaces")));
            assertTrue(badId.isError());
            assertTrue(text(badId).startsWith("invalid_args: "), text(badId));
        }
    }

    @Test
    void aModernClientCancelsARun() {
        var modern = McpClients.modern(base, Map.of());
        var started = modern.tool("start_run").arguments(Map.of("run_id", "mcp-long", "task", "demo",
                "input", Map.of("steps", 1000, "delay_ms", 100))).call();
        assertFalse(started.isError());
        var cancelled = modern.tool("cancel_run").arguments(Map.of("run_id", "mcp-long", "reason", "enough")).call();
        assertEquals(Map.of("run_id", "mcp-long", "status", "cancelled"), cancelled.structuredContent());
        Map<?, ?> read = (Map<?, ?>) modern.tool("read_run").arguments(Map.of("run_id", "mcp-long", "max_events", 1000))
                .call().structuredContent();
        assertEquals("cancelled", read.get("status"));
        List<?> events = (List<?>) read.get("events");
        Map<?, ?> last = (Map<?, ?>) events.get(events.size() - 1);
        assertEquals("run_cancelled", last.get("event_type"));
        assertEquals(Map.of("reason", "enough"), last.get("payload"));
        var twice = modern.tool("cancel_run").arguments(Map.of("run_id", "mcp-long")).call();
        assertTrue(twice.isError());
    }

    @Test
    void aForeignOriginIsRefusedOnEveryRequest() throws Exception {
        Map<String, String> foreign = Map.of("Origin", "https://evil.example");
        for (String method : List.of("POST", "GET", "DELETE")) {
            HttpResponse<String> refused = McpClients.raw(base, method,
                    method.equals("POST") ? McpClients.initialize("2025-11-25") : null, foreign);
            assertEquals(403, refused.statusCode(), method + " " + refused.body());
            assertEquals("origin_not_allowed", ItSupport.object(refused.body()).getString("code"));
        }
        try (McpClients.Legacy legacy = McpClients.legacy(base, "2025-11-25", foreign)) {
            assertThrows(RuntimeException.class, () -> legacy.client().initialize());
        }
        var modern = McpClients.modern(base, foreign);
        assertThrows(RuntimeException.class, () -> modern.tool("add").arguments(Map.of("a", 1, "b", 2)).call());
    }

    @Test
    void callsAreTimedUnderTheMcpEndpoint() {
        ItSupport.assumeMetricsServed();
        double before = ItSupport.metric(base, "switchboard_call_duration_seconds_count", "endpoint=\"mcp\"", "function=\"subtract\"");
        var modern = McpClients.modern(base, Map.of());
        assertEquals(Map.of("result", 19), modern.tool("subtract").arguments(Map.of("a", 42, "b", 23)).call().structuredContent());
        assertEquals(before + 1, ItSupport.metric(base, "switchboard_call_duration_seconds_count", "endpoint=\"mcp\"", "function=\"subtract\""));
    }

    private static McpSchema.CallToolRequest call(String tool, Map<String, Object> arguments) {
        return McpSchema.CallToolRequest.builder(tool).arguments(arguments).build();
    }

    private static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    /** Worker threads busy on the server, from its readiness check (Payara and WildFly alike). */
    private long workersBusy() {
        try {
            HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                    HttpRequest.newBuilder(ItSupport.health(base, "/health/ready")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonObject check = ItSupport.object(response.body()).getJsonArray("checks").stream().map(c -> c.asJsonObject())
                    .filter(c -> c.getString("name").equals("switchboard")).findFirst().orElseThrow();
            return new BigDecimal(String.valueOf(check.getJsonObject("data").get("workers-busy")).replace("\"", "")).longValue();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
