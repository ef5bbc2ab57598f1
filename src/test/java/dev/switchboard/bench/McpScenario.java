package dev.switchboard.bench;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code mcp}: MCP {@code tools/call} throughput at {@code /mcp}. {@value #CLIENTS} clients, each in its own
 * 2025-11-25 session (initialize, initialized), call {@code multiply} one after another over HTTP/1.1, as an
 * MCP client does; every answer is checked ({@code structuredContent.result == a*b}, not an error).
 * Switchboard alone: the reference has no MCP.
 */
final class McpScenario implements Scenario.Timed {
    /** Under {@code switchboard.mcp.max-calls} (8), so no call is refused as busy. */
    private static final int CLIENTS = 4;
    private static final String ACCEPT = "application/json, text/event-stream";
    private final BenchConfig config;

    McpScenario(BenchConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "mcp";
    }

    @Override
    public String description() {
        return "/mcp: " + CLIENTS + " MCP clients (2025-11-25 sessions), tools/call multiply one after another";
    }

    @Override
    public List<Server> servers(Servers servers) {
        return servers.switchboard() == null ? List.of() : List.of(servers.switchboard());
    }

    @Override
    public BenchConfig config() {
        return config;
    }

    @Override
    public Measurement run(Server server, Duration duration) throws Exception {
        URI mcp = URI.create(server.base().toString().replaceFirst("^ws", "http")).resolve("/mcp");
        Failures failures = new Failures();
        Measurement m = new Measurement(failures);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Caller> callers = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            callers.add(new Caller(http, mcp, failures));
        }
        Measurement.CpuWindow cpu = new Measurement.CpuWindow(server, config.clockTicks);
        long deadline = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (Caller caller : callers) {
            Thread thread = new Thread(() -> caller.callUntil(deadline), "mcp-client");
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        cpu.stop();
        cpu.putRates(m, "call", callers.stream().mapToLong(c -> c.completed.get()).sum());
        Samples latencies = Samples.merge(callers.stream().map(c -> c.latencies).toList());
        m.put("p50_ms", latencies.percentileMillis(50));
        m.put("p99_ms", latencies.percentileMillis(99));
        return m;
    }

    /** One MCP client: its session, then calls until the deadline, each answer verified. */
    private static final class Caller {
        private final HttpClient http;
        private final URI mcp;
        private final Failures failures;
        private final AtomicLong completed = new AtomicLong();
        private final Samples latencies = new Samples();
        private String session;
        private long nextId = 1;

        Caller(HttpClient http, URI mcp, Failures failures) {
            this.http = http;
            this.mcp = mcp;
            this.failures = failures;
        }

        void callUntil(long deadline) {
            try {
                HttpResponse<String> initialized = post("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":"
                        + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\",\"version\":\"1\"}}}");
                session = initialized.headers().firstValue("Mcp-Session-Id").orElseThrow(
                        () -> new IllegalStateException("no session: " + Json.abbreviate(initialized.body())));
                post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
                while (System.nanoTime() < deadline) {
                    call();
                }
                http.send(request().DELETE().build(), HttpResponse.BodyHandlers.discarding());
            } catch (Exception e) {
                failures.add("MCP client failed: " + e);
            }
        }

        private void call() throws Exception {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            long a = random.nextLong(-1_000_000, 1_000_001);
            long b = random.nextLong(-1_000_000, 1_000_001);
            long id = nextId++;
            long sent = System.nanoTime();
            String body = post("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":"
                    + "{\"name\":\"multiply\",\"arguments\":{\"a\":" + a + ",\"b\":" + b + "}}}").body();
            long took = System.nanoTime() - sent;
            String wrong = check(body, id, a * b);
            if (wrong != null) {
                failures.add(wrong + ": multiply " + a + " " + b + " -> " + Json.abbreviate(body));
                return;
            }
            latencies.add(took);
            completed.incrementAndGet();
        }

        /** What is wrong with the answer (an event stream whose data line is the response), or null. */
        @SuppressWarnings("unchecked")
        private static String check(String body, long id, long product) {
            String data = body.lines().filter(line -> line.startsWith("data:")).reduce((first, last) -> last).orElse(null);
            if (data == null) {
                return "no data line";
            }
            Map<String, Object> response = Json.parseObject(data.substring(5).trim());
            if (!(response.get("id") instanceof BigDecimal answered) || answered.longValue() != id) {
                return "wrong id";
            }
            if (!(response.get("result") instanceof Map<?, ?> result) || Boolean.TRUE.equals(result.get("isError"))) {
                return "error";
            }
            Object value = ((Map<String, Object>) result.get("structuredContent")).get("result");
            return value instanceof BigDecimal number && number.equals(BigDecimal.valueOf(product)) ? null : "wrong result";
        }

        private HttpResponse<String> post(String json) throws Exception {
            return http.send(request().POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        private HttpRequest.Builder request() {
            HttpRequest.Builder request = HttpRequest.newBuilder(mcp).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").header("Accept", ACCEPT);
            return session == null ? request : request.header("Mcp-Session-Id", session);
        }
    }
}
