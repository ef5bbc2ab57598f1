package dev.switchboard.mcp;

import dev.switchboard.ItSupport;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.modern.client.transport.HttpClientMcpTransport;
import io.modelcontextprotocol.modern.client.transport.McpHttpRequestCustomizer;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The SDK's own MCP clients, unchanged, pointed at the tests' server: the 2025 one pinned to a revision, and
 * the 2026-07-28 one; every request carries the given extra headers (a credential, an Origin). And raw
 * requests, for what a client library would never send.
 */
final class McpClients {
    static final Duration WAIT = Duration.ofSeconds(30);

    private McpClients() {
    }

    /**
     * A 2025 client and what it saw: the progress notifications it got, and, from the requests it sent,
     * its session id and the JSON-RPC id of its last {@code tools/call}.
     */
    record Legacy(McpSyncClient client, HttpClientStreamableHttpTransport transport,
                  Arrivals<McpSchema.ProgressNotification> progress, AtomicReference<String> sessionId,
                  AtomicReference<Object> lastCallId) implements AutoCloseable {

        /** Sends {@code notifications/cancelled} for the last {@code tools/call}, in the client's session. */
        void cancelLastCall() {
            transport.sendMessage(new McpSchema.JSONRPCNotification("2.0", "notifications/cancelled",
                    Map.of("requestId", lastCallId.get(), "reason", "the test cancels it"))).block(WAIT);
        }

        @Override
        public void close() {
            client.close();
        }
    }

    static Legacy legacy(URL base, String version, Map<String, String> headers) {
        URI endpoint = ItSupport.http(base, "mcp");
        Arrivals<McpSchema.ProgressNotification> progress = new Arrivals<>();
        AtomicReference<String> sessionId = new AtomicReference<>();
        AtomicReference<Object> lastCallId = new AtomicReference<>();
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder("http://127.0.0.1:" + endpoint.getPort())
                .endpoint(endpoint.getPath())
                .supportedProtocolVersions(List.of(version)) // the last one is what initialize asks for
                .httpRequestCustomizer((builder, method, uri, body, context) -> {
                    headers.forEach(builder::setHeader);
                    builder.copy().build().headers().firstValue(LegacyDoor.SESSION_HEADER).ifPresent(sessionId::set);
                    if (body != null) {
                        JsonObject message = ItSupport.object(body);
                        if ("tools/call".equals(message.getString("method", null))) {
                            lastCallId.set(message.get("id") instanceof JsonNumber number ? (Object) number.intValue()
                                    : ((JsonString) message.get("id")).getString());
                        }
                    }
                })
                .build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(WAIT).initializationTimeout(WAIT)
                .clientInfo(new McpSchema.Implementation("switchboard-it", "1"))
                .progressConsumer(progress::add)
                .jsonSchemaValidator(new McpSchemaValidator())
                .build();
        return new Legacy(client, transport, progress, sessionId, lastCallId);
    }

    /**
     * What a client hands to a listener on its own threads (progress notifications): the last may come
     * just after the call returned, so a test waits for as many as it expects.
     */
    static final class Arrivals<T> {
        private final List<T> arrived = new java.util.ArrayList<>();

        synchronized void add(T item) {
            arrived.add(item);
            notifyAll();
        }

        /** What arrived, once there are {@code count} (or {@link #WAIT} has passed). */
        synchronized List<T> await(int count) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            for (long left = WAIT.toMillis(); arrived.size() < count && left > 0; left = (deadline - System.nanoTime()) / 1_000_000) {
                wait(left);
            }
            return List.copyOf(arrived);
        }
    }

    static io.modelcontextprotocol.modern.client.McpSyncClient modern(URL base, Map<String, String> headers) {
        HttpClientMcpTransport transport = HttpClientMcpTransport.builder(ItSupport.http(base, "mcp"))
                .requestCustomizer(McpHttpRequestCustomizer.fromSync((request, sent, context) -> headers.forEach(sent::set)))
                .build();
        return io.modelcontextprotocol.modern.client.McpClient.sync(transport)
                .clientInfo(io.modelcontextprotocol.modern.McpSchema.Implementation.builder("switchboard-it", "1").build())
                .callTimeout(WAIT)
                .build();
    }

    /** A raw HTTP request to /mcp (HTTP/1.1, as the SDK clients speak it). */
    static HttpResponse<String> raw(URL base, String method, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(ItSupport.http(base, "mcp")).timeout(WAIT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream");
        }
        headers.forEach(request::header);
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A raw POST of {@code body} to {@code path} (under the application), with no other header. */
    static HttpResponse<String> rawAt(URL base, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(ItSupport.http(base, path)).timeout(WAIT)
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A raw 2026-07-28 {@code tools/call} of {@code tool}, with no arguments. */
    static String modernCall(String tool) {
        return jakarta.json.Json.createObjectBuilder().add("jsonrpc", "2.0").add("id", 1).add("method", "tools/call")
                .add("params", jakarta.json.Json.createObjectBuilder().add("name", tool)
                        .add("arguments", jakarta.json.Json.createObjectBuilder())
                        .add("_meta", jakarta.json.Json.createObjectBuilder()
                                .add("io.modelcontextprotocol/protocolVersion", "2026-07-28")
                                .add("io.modelcontextprotocol/clientCapabilities", jakarta.json.Json.createObjectBuilder())))
                .build().toString();
    }

    /** A raw {@code initialize} asking for {@code version}. */
    static String initialize(String version) {
        return jakarta.json.Json.createObjectBuilder().add("jsonrpc", "2.0").add("id", 1).add("method", "initialize")
                .add("params", jakarta.json.Json.createObjectBuilder().add("protocolVersion", version)
                        .add("capabilities", jakarta.json.Json.createObjectBuilder())
                        .add("clientInfo", jakarta.json.Json.createObjectBuilder().add("name", "raw").add("version", "1")))
                .build().toString();
    }
}
