package dev.switchboard.calls;

import dev.switchboard.Fuzz;
import dev.switchboard.ItSupport;
import dev.switchboard.RawWebSocket;
import dev.switchboard.ServerLog;
import dev.switchboard.client.CallsClient;
import dev.switchboard.websocket.JsonSupport;
import dev.switchboard.client.WsClient;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code /ws} contract over real WebSockets on 127.0.0.1 against the built WAR on Payara Micro. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CallsIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @ArquillianResource
    URL base;

    URI ws() {
        return ItSupport.ws(base, "ws");
    }

    @Test
    void seedTranscript() throws Exception {
        try (WsClient client = WsClient.connect(ws())) {
            assertEquals("{\"result\":12}", call(client, "{\"func\":\"multiply\",\"args\":[3,4]}"));
            assertEquals("{\"result\":80}", call(client, "{\"func\":\"multiply\",\"args\":[10,8]}"));
            assertEquals("{\"result\":-15}", call(client, "{\"func\":\"multiply\",\"args\":[-5,3]}"));
            assertEquals("{\"result\":5}", call(client, "{\"func\":\"multiply\",\"args\":[2.5,2]}"));
            assertEquals("{\"result\":1.5}", call(client, "{\"func\":\"multiply\",\"args\":[0.5,3]}"));
        }
    }

    @Test
    void everyErrorCodeKeepsTheConnectionOpen() throws Exception {
        List<String[]> cases = List.of(
                new String[]{"{\"func\":", "invalid_json"},
                new String[]{"{\"args\":[]}", "invalid_request"},
                new String[]{"{\"func\":\"nosuch\",\"args\":[]}", "unknown_function"},
                new String[]{"{\"func\":\"multiply\",\"args\":[1]}", "invalid_args"},
                new String[]{"{\"func\":\"divide\",\"args\":[1,0]}", "math_error"},
                new String[]{"[" + "{\"func\":\"add\",\"args\":[1,2]},".repeat(100) + "{\"func\":\"sum\"}]", "too_large"},
                new String[]{"{\"cancel\":\"nothing\"}", "unknown_id"});
        try (WsClient client = WsClient.connect(ws())) {
            for (String[] c : cases) {
                JsonObject reply = parse(call(client, c[0])).asJsonObject();
                assertEquals(c[1], reply.getString("code"), c[0]);
                assertTrue(!reply.getString("error").isBlank(), c[0]);
            }
            assertEquals("{\"error\":\"Unknown function 'nosuch'\",\"code\":\"unknown_function\"}",
                    call(client, "{\"func\":\"nosuch\",\"args\":[]}"));
            assertEquals("{\"error\":\"multiply expects 2 numbers (a, b), got 1\",\"code\":\"invalid_args\"}",
                    call(client, "{\"func\":\"multiply\",\"args\":[1]}"));
            assertEquals("{\"result\":12}", call(client, "{\"func\":\"multiply\",\"args\":[3,4]}"));
        }
    }

    @Test
    void answersIdsOutOfOrder() throws Exception {
        try (WsClient client = WsClient.connect(ws())) {
            client.send("{\"id\":\"a\",\"func\":\"sleep\",\"args\":[500]}");
            client.send("{\"id\":\"b\",\"func\":\"multiply\",\"args\":[2,3]}");
            assertEquals("{\"id\":\"b\",\"result\":6}", client.next(WAIT));
            assertEquals("{\"id\":\"a\",\"result\":500}", client.next(WAIT));
        }
    }

    @Test
    void answersCallsWithoutIdInOrder() throws Exception {
        try (WsClient client = WsClient.connect(ws())) {
            client.send("{\"func\":\"sleep\",\"args\":[300]}");
            client.send("{\"func\":\"multiply\",\"args\":[2,3]}");
            client.send("[{\"func\":\"add\",\"args\":[1,1]}]");
            assertEquals("{\"result\":300}", client.next(WAIT));
            assertEquals("{\"result\":6}", client.next(WAIT));
            assertEquals("[{\"result\":2}]", client.next(WAIT));
        }
    }

    @Test
    void batchAnswersOneArrayInOrder() throws Exception {
        try (WsClient client = WsClient.connect(ws())) {
            assertEquals("[{\"id\":\"s\",\"result\":200},{\"result\":3},{\"error\":\"Division by zero\",\"code\":\"math_error\"},"
                            + "{\"id\":4,\"error\":\"count streams results and cannot run in a batch\",\"code\":\"invalid_request\"}]",
                    call(client, "[{\"id\":\"s\",\"func\":\"sleep\",\"args\":[200]},{\"func\":\"add\",\"args\":[1,2]},"
                            + "{\"func\":\"divide\",\"args\":[1,0]},{\"id\":4,\"func\":\"count\",\"args\":[2]}]"));
            assertEquals("{\"error\":\"A batch must hold at least one request\",\"code\":\"invalid_request\"}",
                    call(client, "[]"));
        }
    }

    @Test
    void streamsPartialResults() throws Exception {
        try (WsClient client = WsClient.connect(ws())) {
            client.send("{\"id\":\"c\",\"func\":\"count\",\"args\":[1000]}");
            for (int i = 1; i <= 1000; i++) {
                assertEquals("{\"id\":\"c\",\"partial\":" + i + "}", client.next(WAIT));
            }
            assertEquals("{\"id\":\"c\",\"result\":1000}", client.next(WAIT));
        }
    }

    @Test
    void cancelEndsAStreamWithCancelled() throws Exception {
        try (WsClient client = WsClient.connect(ws())) {
            client.send("{\"id\":9,\"func\":\"count\",\"args\":[10000,20]}");
            assertEquals("{\"id\":9,\"partial\":1}", client.next(WAIT));
            client.send("{\"cancel\":9}");
            String reply;
            do {
                reply = client.next(WAIT);
            } while (reply.contains("\"partial\""));
            assertEquals("{\"id\":9,\"error\":\"Call cancelled\",\"code\":\"cancelled\"}", reply);
            assertEquals("{\"result\":2}", call(client, "{\"func\":\"add\",\"args\":[1,1]}"),
                    "nothing of the cancelled call follows its end");
        }
    }

    @Test
    void busyPastTheInFlightLimit() throws Exception {
        try (WsClient client = WsClient.connect(ws())) {
            for (int i = 0; i < 64; i++) {
                client.send("{\"id\":" + i + ",\"func\":\"sleep\",\"args\":[60000]}");
            }
            assertEquals("{\"id\":64,\"error\":\"Too many calls in flight on this connection (limit 64)\",\"code\":\"busy\"}",
                    call(client, "{\"id\":64,\"func\":\"add\",\"args\":[1,1]}"));
            for (int i = 0; i < 64; i++) {
                client.send("{\"cancel\":" + i + "}");
            }
            Set<String> cancelled = new HashSet<>();
            for (int i = 0; i < 64; i++) {
                JsonObject reply = parse(client.next(WAIT)).asJsonObject();
                assertEquals("cancelled", reply.getString("code"));
                cancelled.add(reply.get("id").toString());
            }
            assertEquals(64, cancelled.size());
            assertEquals("{\"id\":64,\"result\":2}", call(client, "{\"id\":64,\"func\":\"add\",\"args\":[1,1]}"));
        }
    }

    @Test
    void aClientKeepingExactlyTheLimitInFlightNeverGetsBusy() throws Exception {
        try (WsClient client = WsClient.connect(ws())) {
            int next = 0;
            for (; next < 64; next++) {
                client.send("{\"id\":" + next + ",\"func\":\"sleep\",\"args\":[1]}");
            }
            // Each reply frees one place, and the next call goes out at once: 64 outstanding all along.
            for (int answered = 0; answered < 3000; answered++) {
                JsonObject reply = parse(client.next(WAIT)).asJsonObject();
                assertTrue(reply.containsKey("result"), "no busy at exactly the limit: " + reply);
                if (next < 3000) {
                    client.send("{\"id\":" + next++ + ",\"func\":\"sleep\",\"args\":[1]}");
                }
            }
        }
    }

    @Test
    void catalogDescribesEveryFunction() throws Exception {
        try (WsClient client = WsClient.connect(ws())) {
            JsonObject reply = parse(call(client, "{\"id\":\"cat\",\"func\":\"functions\"}")).asJsonObject();
            assertEquals("cat", reply.getString("id"));
            JsonArray catalog = reply.getJsonArray("result");
            assertEquals(List.of("add", "count", "divide", "mean", "multiply", "pow", "sleep", "sqrt", "subtract", "sum"),
                    catalog.stream().map(f -> f.asJsonObject().getString("name")).toList());
            for (JsonValue entry : catalog) {
                JsonObject function = entry.asJsonObject();
                assertTrue(!function.getString("description").isBlank());
                assertEquals("array", function.getJsonObject("params").getString("type"));
                assertEquals(function.getString("name").equals("count"), function.getBoolean("streaming"));
            }
            JsonObject multiply = catalog.getJsonObject(4).getJsonObject("params");
            assertEquals(2, multiply.getInt("minItems"));
            assertEquals(2, multiply.getInt("maxItems"));
            assertEquals("a", multiply.getJsonArray("prefixItems").getJsonObject(0).getString("title"));
        }
    }

    @Test
    void frameUpTo64KiBIsAcceptedAndLargerCloses1009() throws Exception {
        try (WsClient client = WsClient.connect(ws())) {
            String justUnder = "{\"func\":\"sum\",\"args\":[" + "1,".repeat(32_000) + "1]}";
            assertTrue(justUnder.length() < 65_536);
            assertEquals("{\"result\":32001}", call(client, justUnder));
            client.send("{\"func\":\"sum\",\"args\":[" + "1,".repeat(40_000) + "1]}");
            assertEquals(1009, client.awaitClose(WAIT).code());
        }
    }

    @Test
    void aClientThatNeverReadsIsClosedAndCountedWhileAnotherCallsAtFullSpeed() throws Exception {
        long closedBefore = ItSupport.metric(base, "switchboard_outbox_slow_consumers_closed");
        long sessionsBefore = ItSupport.metric(base, "switchboard_websocket_sessions");
        // A raw client with a small receive buffer that never reads: the JDK client, once it stops reading, may
        // also stop sending, and then too few replies pile up for the server to see a slow consumer.
        try (RawWebSocket stalled = RawWebSocket.open(ws(), WAIT, 4096); WsClient reader = WsClient.connect(ws())) {
            java.util.concurrent.atomic.AtomicLong flooded = new java.util.concurrent.atomic.AtomicLong();
            java.util.concurrent.atomic.AtomicReference<Exception> floodEnd = new java.util.concurrent.atomic.AtomicReference<>();
            Thread flood = new Thread(() -> {
                try {
                    while (true) { // the catalog is a few KB: replies pile up fast in front of a client that never reads
                        stalled.sendText("{\"func\":\"functions\"}");
                        flooded.incrementAndGet();
                    }
                } catch (java.io.IOException | RuntimeException closed) {
                    floodEnd.set(closed); // the server closed the connection: the flood is over
                }
            });
            flood.setDaemon(true);
            flood.start();
            int window = 64;
            int calls = 20_000;
            for (int sent = 0; sent < calls; sent += window) {
                for (int i = 0; i < window; i++) {
                    reader.send("{\"id\":" + (sent + i) + ",\"func\":\"multiply\",\"args\":[" + (sent + i) + ",2]}");
                }
                for (int i = 0; i < window; i++) {
                    JsonObject reply = parse(reader.next(WAIT)).asJsonObject();
                    assertEquals(2L * reply.getJsonNumber("id").longValue(), reply.getJsonNumber("result").longValue(), reply.toString());
                }
            }
            // Payara's Tyrus takes writes for a never-reading client for a while before its sends back up: the
            // outbox overflowed 17 s after the flood began with this test alone on an idle machine, longer under load.
            ItSupport.await(Duration.ofSeconds(90), () -> ItSupport.metric(base, "switchboard_outbox_slow_consumers_closed") > closedBefore,
                    () -> flooded.get() + " calls flooded, flood " + (floodEnd.get() == null ? "still going" : "ended: " + floodEnd.get())
                            + ", outbox depth max " + ItSupport.metric(base, "switchboard_outbox_depth_max"));
            assertEquals("{\"result\":12}", call(reader, "{\"func\":\"multiply\",\"args\":[3,4]}"));
            // The server is done with it: its session is closed and forgotten (Tyrus keeps the socket until the
            // client takes the close frame; see docs/limits.md, "A client that stops reading").
            ItSupport.await(() -> ItSupport.metric(base, "switchboard_websocket_sessions") == sessionsBefore + 1);
        }
    }

    @Test
    void tenThousandFuzzedFramesGetOneContractReplyEachAndTheConnectionGoesOn() throws Exception {
        List<JsonObject> templates = List.of(
                parse("{\"func\":\"multiply\",\"args\":[3,4]}").asJsonObject(),
                parse("{\"id\":7,\"func\":\"add\",\"args\":[1,2]}").asJsonObject(),
                parse("{\"id\":\"s\",\"func\":\"sum\",\"args\":[1,2,3]}").asJsonObject(),
                parse("{\"func\":\"divide\",\"args\":{\"dividend\":1,\"divisor\":2}}").asJsonObject(),
                parse("{\"func\":\"sqrt\",\"args\":[9]}").asJsonObject());
        List<Fuzz.Field> fields = List.of(new Fuzz.Field(templates.get(0), "func"), new Fuzz.Field(templates.get(0), "args"),
                new Fuzz.Field(templates.get(1), "id"), new Fuzz.Field(templates.get(3), "args"),
                new Fuzz.Field(templates.get(4), "args"));
        List<Fuzz.Frame> frames = new Fuzz(20261201L, templates, fields, 1000).frames(10_000);
        int logMark = ServerLog.mark();
        Set<String> codes = new HashSet<>();
        for (ErrorCode code : ErrorCode.values()) {
            codes.add(code.wireName());
        }
        List<String> replies = Fuzz.exchangeAnswered(ws(), frames, "{\"id\":\"fuzz-sentinel\",\"func\":\"add\",\"args\":[1,2]}",
                reply -> reply.equals("{\"id\":\"fuzz-sentinel\",\"result\":3}"), Duration.ofSeconds(60));
        assertEquals(frames.size(), replies.size(), "exactly one reply per frame");
        for (int i = 0; i < frames.size(); i++) {
            JsonValue reply = parse(replies.get(i));
            List<JsonValue> answers = reply.getValueType() == JsonValue.ValueType.ARRAY ? reply.asJsonArray() : List.of(reply);
            for (JsonValue answer : answers) {
                JsonObject object = answer.asJsonObject();
                assertTrue(object.containsKey("result")
                        || object.containsKey("error") && codes.contains(object.getString("code", "")),
                        "frame " + i + " " + frames.get(i) + " got " + replies.get(i));
            }
        }
        try (WsClient other = WsClient.connect(ws())) {
            assertEquals("{\"result\":12}", call(other, "{\"func\":\"multiply\",\"args\":[3,4]}"));
        }
        assertEquals(List.of(), ServerLog.problemsSince(logMark, ws()), "nothing unexpected is logged");
    }

    /** One unfragmented frame, as a hostile client sends it: the JDK client would split these. */
    @Test
    void everyUnfragmentedFrameOverTheLimitCloses1009AndOthersAreUnaffected() throws Exception {
        String exactlyAtLimit = "{\"func\":\"sum\",\"args\":[1,2]}";
        exactlyAtLimit += " ".repeat(65_536 - exactlyAtLimit.length());
        String threeByteChars = "{\"func\":\"" + "\u20ac".repeat(22_000) + "\",\"args\":[]}"; // 66,000+ bytes, 22,000 chars
        List<String> overLimit = List.of(
                "{\"func\":\"sum\",\"args\":[" + "1,".repeat(42_000) + "1]}",     // 84 KB
                "{\"func\":\"sum\",\"args\":[" + "1,".repeat(500_000) + "1]}",    // 1 MB
                exactlyAtLimit + " ",
                threeByteChars);
        try (WsClient other = WsClient.connect(ws())) {
            try (RawWebSocket raw = RawWebSocket.open(ws(), WAIT)) {
                raw.sendText(exactlyAtLimit);
                assertEquals("{\"result\":3}", raw.readText());
            }
            for (String frame : overLimit) {
                try (RawWebSocket raw = RawWebSocket.open(ws(), WAIT)) {
                    Thread writer = new Thread(() -> {
                        try {
                            raw.sendText(frame);
                        } catch (java.io.IOException closedWhileWriting) {
                            // the server may close before it has read all of a frame far over its limits
                        }
                    });
                    writer.start();
                    RawWebSocket.Frame close = raw.awaitClose();
                    assertEquals(1009, close.closeCode(), frame.length() + " chars: " + close.closeReason());
                    writer.join(WAIT.toMillis());
                }
                assertEquals("{\"result\":7}", call(other, "{\"func\":\"add\",\"args\":[3,4]}"));
            }
            // Over the container's read buffer (web.xml incoming-buffer-size) Tyrus refuses the frame itself, with
            // 1011, before any application code can see it: the buffer bounds memory, the code is Tyrus'. WildFly's
            // Undertow hands the frame over in parts as it reads it: there the application refuses it, with 1009.
            for (int million : new int[] {3, 9}) {
                try (RawWebSocket raw = RawWebSocket.open(ws(), WAIT)) {
                    Thread writer = new Thread(() -> {
                        try {
                            raw.sendText("{\"func\":\"sum\",\"args\":[" + "1,".repeat(million * 500_000) + "1]}");
                        } catch (java.io.IOException closedWhileWriting) {
                            // expected: the server stops reading at its buffer size
                        }
                    });
                    writer.start();
                    RawWebSocket.Frame close = raw.awaitClose();
                    if (ItSupport.onWildFly()) {
                        assertEquals(1009, close.closeCode(), close.closeReason());
                    } else {
                        assertEquals(1011, close.closeCode(), close.closeReason());
                        assertTrue(close.closeReason().startsWith("Buffer overflow"), close.closeReason());
                    }
                    writer.join(WAIT.toMillis());
                }
                assertEquals("{\"result\":7}", call(other, "{\"func\":\"add\",\"args\":[3,4]}"));
            }
        }
    }

    /**
     * A frame announced as 64 MB is refused as soon as what has arrived is over the limit: the server neither
     * waits for nor holds the rest. Payara's Tyrus buffers at most 1088 KiB of it and closes first, with 1011.
     */
    @Test
    void aHugeFrameIsRefusedBeforeItHasAllArrived() throws Exception {
        RawWebSocket.Frame close = RawWebSocket.closeBeforeAHugeFrameEnds(ws(), WAIT);
        assertEquals(ItSupport.onWildFly() ? 1009 : 1011, close.closeCode(), close.closeReason());
        try (WsClient other = WsClient.connect(ws())) {
            assertEquals("{\"result\":7}", call(other, "{\"func\":\"add\",\"args\":[3,4]}"));
        }
    }

    @Test
    void thousandBadFramesLeaveTheConnectionWorking() throws Exception {
        try (WsClient client = WsClient.connect(ws()); WsClient other = WsClient.connect(ws())) {
            for (int i = 0; i < 1000; i++) {
                client.send(i % 2 == 0 ? "garbage " + i : "{\"func\":" + i + "}");
            }
            for (int i = 0; i < 1000; i++) {
                String code = parse(client.next(WAIT)).asJsonObject().getString("code");
                assertEquals(i % 2 == 0 ? "invalid_json" : "invalid_request", code);
            }
            assertEquals("{\"result\":12}", call(client, "{\"func\":\"multiply\",\"args\":[3,4]}"));
            assertEquals("{\"result\":7}", call(other, "{\"func\":\"add\",\"args\":[3,4]}"));
        }
    }

    @Test
    void clientCliPrintsTheDemo() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            CallsClient.run(ws(), out);
        }
        assertEquals("""
                Connected to server. Sending requests...
                3 * 4 = 12
                10 * 8 = 80
                -5 * 3 = -15
                batch add(1,2), divide(1,4), sqrt(2) = 3, 0.25, 1.414213562373095
                concurrent: id "fast" answered 42
                concurrent: id "slow" answered 300
                stream count(3): 1 2 3 -> 3
                error: unknown_function: Unknown function 'nosuch'
                """, bytes.toString(StandardCharsets.UTF_8));
    }

    private static String call(WsClient client, String request) throws Exception {
        client.send(request);
        return client.next(WAIT);
    }

    private static JsonValue parse(String text) {
        return JsonSupport.readTree(text);
    }
}
