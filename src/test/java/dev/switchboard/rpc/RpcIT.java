package dev.switchboard.rpc;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.switchboard.Fuzz;
import dev.switchboard.ItSupport;
import dev.switchboard.RawWebSocket;
import dev.switchboard.ServerLog;
import dev.switchboard.calls.ErrorCode;
import dev.switchboard.client.WsClient;
import dev.switchboard.websocket.JsonSupport;
import jakarta.json.JsonValue;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage;
import org.eclipse.lsp4j.jsonrpc.services.JsonNotification;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;
import org.eclipse.lsp4j.websocket.jakarta.WebSocketLauncherBuilder;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code /rpc} contract over real WebSockets on 127.0.0.1: first through a maintained JSON-RPC 2.0
 * client, Eclipse LSP4J's, unchanged, on a standard Jakarta WebSocket client; then, for what that client
 * cannot send (batches, broken messages), as raw frames.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RpcIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** The functions as a JSON-RPC client library declares them: two parameters go by position, a map by name. */
    public interface Switchboard {
        @JsonRequest("multiply")
        CompletableFuture<JsonElement> multiply(Object a, Object b);

        @JsonRequest("subtract")
        CompletableFuture<JsonElement> subtract(Map<String, Object> named);

        @JsonRequest("divide")
        CompletableFuture<JsonElement> divide(Object a, Object b);

        @JsonRequest("sum")
        CompletableFuture<JsonElement> sum(Map<String, Object> named);

        /** One parameter goes by name: the library sends a lone parameter as the params themselves. */
        @JsonRequest("sleep")
        CompletableFuture<JsonElement> sleep(Map<String, Object> named);

        @JsonRequest("count")
        CompletableFuture<JsonElement> count(Map<String, Object> named);

        @JsonRequest("nosuch")
        CompletableFuture<JsonElement> nosuch();

        @JsonRequest("rpc.discover")
        CompletableFuture<JsonObject> discover();

        @JsonNotification("add")
        void addAndForget(Object a, Object b);
    }

    /** What the server sends unasked: progress notifications. */
    public static final class Notifications {
        final BlockingQueue<JsonObject> progress = new LinkedBlockingQueue<>();

        @JsonNotification("notifications/progress")
        public void progress(JsonObject params) {
            progress.add(params);
        }
    }

    @ArquillianResource
    URL base;

    private Session session;
    private Switchboard rpc;
    private final Notifications notifications = new Notifications();
    /** Every response that arrived, also those the library drops (to a request it cancelled). */
    private final BlockingQueue<ResponseMessage> responses = new LinkedBlockingQueue<>();

    private URI uri() {
        return ItSupport.ws(base, "rpc");
    }

    @BeforeEach
    void connect() throws Exception {
        CompletableFuture<Switchboard> remote = new CompletableFuture<>();
        session = ContainerProvider.getWebSocketContainer().connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session opened, EndpointConfig config) {
                Launcher<Switchboard> launcher = new WebSocketLauncherBuilder<Switchboard>()
                        .setSession(opened)
                        .setLocalService(notifications)
                        .setRemoteInterface(Switchboard.class)
                        .wrapMessages(consumer -> message -> {
                            record(message);
                            consumer.consume(message);
                        })
                        .create();
                remote.complete(launcher.getRemoteProxy());
            }
        }, ClientEndpointConfig.Builder.create().build(), uri());
        rpc = remote.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private void record(Message message) {
        if (message instanceof ResponseMessage response) {
            responses.add(response);
        }
    }

    @AfterEach
    void disconnect() throws Exception {
        session.close();
    }

    @Test
    void callsByPositionAndByName() throws Exception {
        assertEquals("12", result(rpc.multiply(3, 4)));
        assertEquals("-7.5", result(rpc.multiply(2.5, -3)));
        assertEquals("19", result(rpc.subtract(Map.of("a", 42, "b", 23))));
        assertEquals("6.5", result(rpc.sum(Map.of("numbers", List.of(1, 2, 3.5)))));
    }

    @Test
    void aNotificationRunsAndIsNeverAnswered() throws Exception {
        rpc.addAndForget(1, 2);
        assertEquals("12", result(rpc.multiply(3, 4)));
        assertEquals(1, responses.size(), "one response, to the one request: " + responses);
    }

    @Test
    void errorsCarryTheSpecificationsCodeAndSwitchboardsInData() {
        assertError(-32601, "unknown_function", rpc.nosuch());
        assertError(-32602, "invalid_args", rpc.subtract(Map.of("a", 1)));
        assertError(-32602, "invalid_args", rpc.multiply(1, "two"));
        assertError(-32001, "math_error", rpc.divide(1, 0));
    }

    @Test
    void aCallOverTheConnectionsLimitIsBusyAndCancellingFreesIt() throws Exception {
        List<CompletableFuture<JsonElement>> sleeping = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            sleeping.add(rpc.sleep(Map.of("ms", 60_000)));
        }
        assertError(-32002, "busy", rpc.multiply(1, 1));
        sleeping.forEach(call -> call.cancel(true)); // the library sends $/cancelRequest for each
        Set<String> cancelled = new HashSet<>();
        while (cancelled.size() < 64) {
            ResponseMessage response = responses.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(response, "every sleeping call ends cancelled; so far " + cancelled.size());
            if (response.getError() != null && response.getError().getCode() == -32003) {
                cancelled.add(response.getId());
            }
        }
        assertEquals("1", result(rpc.multiply(1, 1)), "the cancelled calls gave their slots back");
    }

    @Test
    void aStreamingCallReportsProgressBeforeItsResult() throws Exception {
        assertEquals("3", result(rpc.count(Map.of("n", 3, "_meta", Map.of("progressToken", "mine")))));
        for (int i = 1; i <= 3; i++) {
            JsonObject progress = notifications.progress.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(progress, "progress " + i);
            assertEquals("mine", progress.get("progressToken").getAsString());
            assertEquals(i, progress.get("progress").getAsInt());
            assertEquals(i, progress.get("value").getAsInt());
        }
    }

    @Test
    void cancellingAStreamingCallStopsIt() throws Exception {
        CompletableFuture<JsonElement> counting = rpc.count(Map.of("n", 10_000, "delay_ms", 10));
        assertNotNull(notifications.progress.poll(WAIT.toSeconds(), TimeUnit.SECONDS), "it runs");
        counting.cancel(true);
        ResponseMessage ended = responses.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertNotNull(ended);
        assertEquals(-32003, ended.getError().getCode(), "ended cancelled, long before its 100 s: " + ended);
    }

    @Test
    void discoversAnOpenRpcDocumentOfEveryFunction() throws Exception {
        JsonObject document = rpc.discover().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals("1.3.2", document.get("openrpc").getAsString());
        Set<String> methods = new HashSet<>();
        document.getAsJsonArray("methods").forEach(method -> methods.add(method.getAsJsonObject().get("name").getAsString()));
        assertTrue(methods.containsAll(Set.of("add", "subtract", "multiply", "divide", "pow", "sqrt", "sum", "mean",
                "sleep", "count")), methods.toString());
    }

    @Test
    void batchesAndBrokenMessagesAsRawFrames() throws Exception {
        try (WsClient client = WsClient.connect(uri())) {
            client.send("[{\"jsonrpc\":\"2.0\",\"method\":\"sum\",\"params\":[1,2,4],\"id\":\"1\"},"
                    + "{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[7]},"
                    + "{\"foo\":\"boo\"},"
                    + "{\"jsonrpc\":\"2.0\",\"method\":\"multiply\",\"params\":{\"a\":6,\"b\":7},\"id\":2}]");
            jakarta.json.JsonArray batch = JsonSupport.readTree(client.next(WAIT)).asJsonArray();
            assertEquals(3, batch.size(), "no response to the notification: " + batch);
            assertTrue(batch.contains(JsonSupport.readTree("{\"jsonrpc\":\"2.0\",\"id\":\"1\",\"result\":7}")), batch.toString());
            assertTrue(batch.contains(JsonSupport.readTree("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":42}")), batch.toString());

            client.send("[{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1,2]}]"); // only notifications: no reply
            for (String[] broken : new String[][] {
                    {"{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1,2]", "-32700"},
                    {"[]", "-32600"},
                    {"{\"jsonrpc\":\"2.0\",\"method\":1,\"params\":\"bar\"}", "-32600"},
                    {"[" + "{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1,2],\"id\":1},".repeat(100)
                            + "{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1,2],\"id\":1}]", "-32004"}}) {
                jakarta.json.JsonObject error = JsonSupport.readTree(send(client, broken[0])).asJsonObject();
                assertEquals(JsonValue.NULL, error.get("id"), broken[0]);
                assertEquals(Integer.parseInt(broken[1]), error.getJsonObject("error").getInt("code"), broken[0]);
            }
            assertEquals("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":12}",
                    send(client, "{\"jsonrpc\":\"2.0\",\"method\":\"multiply\",\"params\":[3,4],\"id\":3}"));
        }
    }

    /** One unfragmented frame, as a hostile client sends it: at the limit it is answered, over it closed 1009. */
    @Test
    void theFrameLimitOfWsHoldsForOneUnfragmentedFrame() throws Exception {
        String call = "{\"jsonrpc\":\"2.0\",\"method\":\"sum\",\"params\":[1,2],\"id\":1}";
        String atLimit = call + " ".repeat(65_536 - call.length());
        try (RawWebSocket raw = RawWebSocket.open(uri(), WAIT)) {
            raw.sendText(atLimit);
            assertEquals("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":3}", raw.readText());
        }
        try (RawWebSocket raw = RawWebSocket.open(uri(), WAIT)) {
            raw.sendText(atLimit + " ");
            assertEquals(1009, raw.awaitClose().closeCode());
        }
        assertEquals("12", result(rpc.multiply(3, 4)), "another connection is unaffected");
    }

    @Test
    void tenThousandFuzzedFramesGetOneSpecificationResponseEachAndTheConnectionGoesOn() throws Exception {
        List<jakarta.json.JsonObject> templates = List.of(
                ItSupport.object("{\"jsonrpc\":\"2.0\",\"method\":\"multiply\",\"params\":[3,4],\"id\":1}"),
                ItSupport.object("{\"jsonrpc\":\"2.0\",\"method\":\"subtract\",\"params\":{\"a\":1,\"b\":2},\"id\":\"s\"}"),
                ItSupport.object("{\"jsonrpc\":\"2.0\",\"method\":\"sum\",\"params\":[1,2,3],\"id\":7}"));
        List<Fuzz.Field> fields = List.of(new Fuzz.Field(templates.get(0), "jsonrpc"),
                new Fuzz.Field(templates.get(0), "method"), new Fuzz.Field(templates.get(0), "params"),
                new Fuzz.Field(templates.get(1), "id"), new Fuzz.Field(templates.get(1), "params"));
        List<Fuzz.Frame> frames = new Fuzz(20261207L, templates, fields, 1000).frames(10_000);
        int logMark = ServerLog.mark();
        Set<Integer> codes = new HashSet<>();
        for (ErrorCode code : ErrorCode.values()) {
            codes.add(RpcErrors.code(code));
        }
        List<String> replies = Fuzz.exchangeAnswered(uri(), frames,
                "{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1,2],\"id\":\"fuzz-sentinel\"}",
                reply -> reply.equals("{\"jsonrpc\":\"2.0\",\"id\":\"fuzz-sentinel\",\"result\":3}"), Duration.ofSeconds(60));
        assertEquals(frames.size(), replies.size(), "exactly one response per frame");
        for (int i = 0; i < frames.size(); i++) {
            JsonValue reply = JsonSupport.readTree(replies.get(i));
            List<JsonValue> answers = reply.getValueType() == JsonValue.ValueType.ARRAY ? reply.asJsonArray() : List.of(reply);
            for (JsonValue answer : answers) {
                jakarta.json.JsonObject object = answer.asJsonObject();
                assertEquals("2.0", object.getString("jsonrpc"), replies.get(i));
                assertTrue(object.containsKey("result")
                        || object.containsKey("error") && codes.contains(object.getJsonObject("error").getInt("code")),
                        "frame " + i + " " + frames.get(i) + " got " + replies.get(i));
            }
        }
        assertEquals("12", result(rpc.multiply(3, 4)), "another connection is unaffected");
        assertEquals(List.of(), ServerLog.problemsSince(logMark, uri()), "nothing unexpected is logged");
    }

    private String send(WsClient client, String text) throws Exception {
        client.send(text);
        return client.next(WAIT);
    }

    private static String result(CompletableFuture<JsonElement> call) throws Exception {
        return call.get(WAIT.toSeconds(), TimeUnit.SECONDS).getAsString();
    }

    private static void assertError(int code, String switchboardCode, CompletableFuture<JsonElement> call) {
        ExecutionException failed = assertThrows(ExecutionException.class, () -> call.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        ResponseErrorException error = assertInstanceOf(ResponseErrorException.class, failed.getCause());
        assertEquals(code, error.getResponseError().getCode(), error.getMessage());
        assertEquals(switchboardCode, ((JsonObject) error.getResponseError().getData()).get("code").getAsString());
    }
}
