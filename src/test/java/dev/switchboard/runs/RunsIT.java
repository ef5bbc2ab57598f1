package dev.switchboard.runs;

import dev.switchboard.Fuzz;
import dev.switchboard.ItSupport;
import dev.switchboard.RawWebSocket;
import dev.switchboard.ServerLog;
import dev.switchboard.client.RunsClient;
import dev.switchboard.client.WsClient;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static dev.switchboard.ItSupport.await;
import static dev.switchboard.ItSupport.metric;
import static dev.switchboard.ItSupport.metricsServed;
import static dev.switchboard.ItSupport.object;
import static dev.switchboard.ItSupport.ws;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code /runs} contract over real WebSockets. Payara runs with a 1.5 s disconnect grace and
 * 1.5 s retention (arquillian.xml) so that cancellation and release are seen within seconds.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RunsIT {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @ArquillianResource
    URL base;

    URI runs() {
        return ws(base, "runs");
    }

    /**
     * A frame announced as 64 MB is refused as soon as what has arrived is over the limit: the server neither
     * waits for nor holds the rest. Payara's Tyrus buffers at most 1088 KiB of it and closes first, with 1011.
     */
    @Test
    void aHugeFrameIsRefusedBeforeItHasAllArrived() throws Exception {
        RawWebSocket.Frame close = RawWebSocket.closeBeforeAHugeFrameEnds(runs(), WAIT);
        assertEquals(ItSupport.onWildFly() ? 1009 : 1011, close.closeCode(), close.closeReason());
    }

    @Test
    void tenThousandFuzzedFramesGetOneErrorEachAndStartNoRun() throws Exception {
        List<JsonObject> templates = List.of(
                object("{\"type\":\"start_run\",\"run_id\":\"fz\",\"task\":\"demo\",\"input\":{\"steps\":1}}"),
                object("{\"type\":\"cancel_run\",\"run_id\":\"fz\",\"reason\":\"fuzz\"}"),
                object("{\"type\":\"resume\",\"run_id\":\"fz\",\"after_seq\":3}"));
        List<Fuzz.Field> fields = List.of(new Fuzz.Field(templates.get(0), "run_id"), new Fuzz.Field(templates.get(0), "type"),
                new Fuzz.Field(templates.get(1), "run_id"), new Fuzz.Field(templates.get(2), "after_seq"),
                new Fuzz.Field(templates.get(2), "run_id"));
        List<Fuzz.Frame> frames = new Fuzz(20261204L, templates, fields, 100).frames(10_000);
        int logMark = ServerLog.mark();
        List<String> before;
        try (WsClient client = WsClient.connect(runs())) {
            client.send("{\"type\":\"list_runs\"}");
            before = runIds(object(client.next(WAIT)));
        }
        List<String> replies = Fuzz.exchangeAnswered(runs(), frames, "{\"type\":\"list_runs\"}",
                reply -> reply.startsWith("{\"type\":\"runs\""), Duration.ofSeconds(90));
        assertEquals(frames.size(), replies.size(), "exactly one reply per frame");
        for (int i = 0; i < replies.size(); i++) {
            JsonObject reply = object(replies.get(i));
            assertEquals("error", reply.getString("type"), frames.get(i) + " got " + reply);
            assertTrue(java.util.Set.of("invalid_json", "invalid_request", "unknown_run").contains(reply.getString("code")),
                    frames.get(i) + " got " + reply);
        }
        try (WsClient client = WsClient.connect(runs())) {
            client.send("{\"type\":\"list_runs\"}");
            List<String> after = runIds(object(client.next(WAIT)));
            assertTrue(before.containsAll(after), "no run started: " + after + " (before: " + before + ")");
        }
        assertEquals(List.of(), ServerLog.problemsSince(logMark, runs()), "nothing unexpected is logged");
    }

    private static List<String> runIds(JsonObject list) {
        return list.getJsonArray("runs").stream().map(r -> r.asJsonObject().getString("run_id")).toList();
    }

    @Test
    void runsInterleaveOnOneConnectionWithGapFreeSeq() throws Exception {
        try (WsClient client = WsClient.connect(runs())) {
            client.send(start("i1", "demo", "{\"steps\":5,\"delay_ms\":100}"));
            client.send(start("i2", "demo", "{\"steps\":5,\"delay_ms\":100}"));
            List<JsonObject> events = untilEnded(client, "i1", "i2");
            List<JsonObject> first = ofRun(events, "i1");
            List<JsonObject> second = ofRun(events, "i2");
            assertGapFree(first, 7);
            assertGapFree(second, 7);
            JsonObject started = first.get(0);
            assertEquals(List.of("type", "run_id", "seq", "event_type", "timestamp", "payload"),
                    List.copyOf(started.keySet()), "exactly the contract's fields, type first");
            assertEquals("run_started", started.getString("event_type"));
            assertEquals("demo", started.getJsonObject("payload").getString("task"));
            assertEquals(5, started.getJsonObject("payload").getJsonObject("input").getInt("steps"));
            assertTrue(started.getString("timestamp").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
            JsonObject step = first.get(3);
            assertEquals("step", step.getString("event_type"));
            assertEquals(3, step.getJsonObject("payload").getInt("step"));
            assertEquals(5, step.getJsonObject("payload").getInt("of"));
            assertEquals("run_completed", first.get(6).getString("event_type"));
            assertEquals("Completed 5 steps", first.get(6).getJsonObject("payload").getString("result"));
            int firstEndsAt = events.indexOf(first.get(6));
            assertTrue(events.indexOf(second.get(1)) < firstEndsAt, "the runs ran at the same time: " + events);
        }
    }

    @Test
    void cancelEndsARunWithOneRunCancelledAndNothingAfter() throws Exception {
        try (WsClient client = WsClient.connect(runs())) {
            client.send(start("c1", "demo", "{\"steps\":1000,\"delay_ms\":20}"));
            assertEquals("run_started", next(client).getString("event_type"));
            assertEquals("step", next(client).getString("event_type"));
            client.send("{\"type\":\"cancel_run\",\"run_id\":\"c1\",\"reason\":\"enough\"}");
            List<JsonObject> events = untilEnded(client, "c1");
            JsonObject last = events.get(events.size() - 1);
            assertEquals("run_cancelled", last.getString("event_type"));
            assertEquals("enough", last.getJsonObject("payload").getString("reason"));
            client.send("{\"type\":\"list_runs\"}");
            JsonObject list = next(client);
            assertEquals("runs", list.getString("type"), "no event of c1 after its terminal event");
            JsonObject c1 = list.getJsonArray("runs").stream().map(v -> v.asJsonObject())
                    .filter(r -> r.getString("run_id").equals("c1")).findFirst().orElseThrow();
            assertEquals("cancelled", c1.getString("status"));
            assertEquals(last.getInt("seq"), c1.getInt("last_seq"));
            client.send("{\"type\":\"cancel_run\",\"run_id\":\"c1\"}");
            assertError(next(client), "c1", "already_finished");
        }
    }

    @Test
    void everyErrorGoesToTheSenderAndKeepsTheConnectionOpen() throws Exception {
        try (WsClient client = WsClient.connect(runs()); WsClient other = WsClient.connect(runs())) {
            client.send("{\"type\":");
            assertError(next(client), null, "invalid_json");
            client.send("[1]");
            assertError(next(client), null, "invalid_request");
            client.send("{\"run_id\":\"x\"}");
            assertError(next(client), "x", "invalid_request");
            client.send("{\"type\":\"jump\",\"run_id\":\"x\"}");
            assertError(next(client), "x", "invalid_request");
            client.send(start("bad id!", "demo", "{}"));
            assertError(next(client), "bad id!", "invalid_request");
            client.send(start("x".repeat(65), "demo", "{}"));
            assertError(next(client), "x".repeat(65), "invalid_request");
            client.send(start("e1", "demo", "{\"steps\":\"many\"}"));
            assertError(next(client), "e1", "invalid_request");
            client.send(start("e1", "dance", "{}"));
            assertError(next(client), "e1", "unknown_task");
            client.send("{\"type\":\"cancel_run\",\"run_id\":\"nope\"}");
            assertError(next(client), "nope", "unknown_run");
            client.send("{\"type\":\"resume\",\"run_id\":\"nope\",\"after_seq\":0}");
            assertError(next(client), "nope", "unknown_run");

            client.send(start("e2", "demo", "{\"steps\":1,\"delay_ms\":0}"));
            untilEnded(client, "e2");
            client.send(start("e2", "demo", "{}"));
            assertError(next(client), "e2", "duplicate_run_id");
            other.send(start("e2", "demo", "{}"));
            assertError(next(other), "e2", "duplicate_run_id");

            client.send(start("ok", "demo", "{\"steps\":1,\"delay_ms\":0}"));
            assertEquals(3, untilEnded(client, "ok").size(), "the connection still works");
        }
    }

    @Test
    void sixteenRunsPerConnectionThenTooManyRuns() throws Exception {
        try (WsClient client = WsClient.connect(runs()); WsClient other = WsClient.connect(runs())) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                ids.add("lim" + i);
                client.send(start("lim" + i, "demo", "{\"steps\":1000,\"delay_ms\":50}"));
            }
            client.send(start("lim16", "demo", "{}"));
            JsonObject refused = nextOf(client, m -> m.getString("type").equals("error"));
            assertError(refused, "lim16", "too_many_runs");
            other.send(start("lim-other", "demo", "{\"steps\":1,\"delay_ms\":0}"));
            assertEquals("run_completed", untilEnded(other, "lim-other").get(2).getString("event_type"),
                    "the limit is per connection");
            for (String id : ids) {
                client.send("{\"type\":\"cancel_run\",\"run_id\":\"" + id + "\"}");
            }
            untilEnded(client, ids.toArray(String[]::new));
        }
    }

    @Test
    void computeRunsFunctionsOfTheCallsFeature() throws Exception {
        try (WsClient client = WsClient.connect(runs())) {
            client.send(start("k1", "compute",
                    "{\"calls\":[{\"func\":\"multiply\",\"args\":[3,4]},{\"func\":\"add\",\"args\":[0.5,1]},{\"func\":\"count\",\"args\":[2]}]}"));
            List<JsonObject> events = untilEnded(client, "k1");
            assertEquals(List.of("run_started", "step", "step", "output", "output", "step", "run_completed"),
                    events.stream().map(e -> e.getString("event_type")).toList());
            assertEquals(12, events.get(1).getJsonObject("payload").getInt("result"));
            assertEquals("multiply", events.get(1).getJsonObject("payload").getString("func"));
            assertEquals(2, events.get(4).getJsonObject("payload").getInt("partial"));
            assertEquals("[12,1.5,2]", events.get(6).getJsonObject("payload").get("result").toString());

            client.send(start("k2", "compute",
                    "{\"calls\":[{\"func\":\"add\",\"args\":[1,2]},{\"func\":\"divide\",\"args\":[1,0]},{\"func\":\"add\",\"args\":[1,2]}]}"));
            events = untilEnded(client, "k2");
            JsonObject failed = events.get(events.size() - 1);
            assertEquals(List.of("run_started", "step", "run_failed"), events.stream().map(e -> e.getString("event_type")).toList());
            assertEquals("math_error", failed.getJsonObject("payload").getString("code"));
            assertEquals("Call 2 (divide): Division by zero", failed.getJsonObject("payload").getString("error"));

            client.send(start("k3", "compute", "{\"calls\":[]}"));
            assertError(next(client), "k3", "invalid_request");
        }
    }

    @Test
    void resumeFromANewConnectionContinuesWithoutAGap() throws Exception {
        int lastSeen;
        try (WsClient first = WsClient.connect(runs())) {
            first.send(start("r1", "demo", "{\"steps\":8,\"delay_ms\":100}"));
            JsonObject event;
            do {
                event = next(first);
            } while (event.getInt("seq") < 3);
            lastSeen = event.getInt("seq");
        }
        try (WsClient second = WsClient.connect(runs())) {
            second.send("{\"type\":\"resume\",\"run_id\":\"r1\",\"after_seq\":" + lastSeen + "}");
            List<JsonObject> rest = untilEnded(second, "r1");
            for (int i = 0; i < rest.size(); i++) {
                assertEquals(lastSeen + 1 + i, rest.get(i).getInt("seq"));
            }
            assertEquals(9, rest.get(rest.size() - 1).getInt("seq"));
            assertEquals("run_completed", rest.get(rest.size() - 1).getString("event_type"));

            second.send("{\"type\":\"resume\",\"run_id\":\"r1\",\"after_seq\":-1}");
            List<JsonObject> all = untilEnded(second, "r1");
            assertGapFree(all, 10);
        }
    }

    @Test
    void aRunNobodyResumesIsCancelledAsDisconnected() throws Exception {
        try (WsClient first = WsClient.connect(runs())) {
            first.send(start("d1", "demo", "{\"steps\":1000,\"delay_ms\":50}"));
            assertEquals("run_started", next(first).getString("event_type"));
        }
        try (WsClient watcher = WsClient.connect(runs())) {
            await(() -> status(watcher, "d1").equals("cancelled"));
            watcher.send("{\"type\":\"resume\",\"run_id\":\"d1\",\"after_seq\":-1}");
            List<JsonObject> events = untilEnded(watcher, "d1");
            JsonObject last = events.get(events.size() - 1);
            assertEquals("run_cancelled", last.getString("event_type"));
            assertEquals("disconnected", last.getJsonObject("payload").getString("reason"));
            assertGapFree(events, events.size());
        }
    }

    @Test
    void twoHundredRunsDroppedByDisconnectsLeaveNothingBehind() throws Exception {
        List<WsClient> clients = new ArrayList<>();
        try {
            for (int c = 0; c < 20; c++) {
                WsClient client = WsClient.connect(runs());
                clients.add(client);
                for (int r = 0; r < 10; r++) {
                    client.send(start("drop-" + c + "-" + r, "demo", "{\"steps\":1000,\"delay_ms\":100}"));
                }
            }
            for (WsClient client : clients) {
                int started = 0;
                while (started < 10) {
                    if (next(client).getString("event_type").equals("run_started")) {
                        started++;
                    }
                }
            }
            if (metricsServed()) {
                assertTrue(metric(base, "switchboard_runs_live") >= 200);
            }
        } finally {
            clients.forEach(WsClient::close);
        }
        if (metricsServed()) {
            await(() -> metric(base, "switchboard_runs_kept") == 0 && metric(base, "switchboard_runs_tasks_active") == 0);
        } else { // no metrics (WildFly): what list_runs shows is all there is to wait for
            await(() -> listRuns().equals("{\"type\":\"runs\",\"runs\":[]}"));
        }
        assertEquals("{\"type\":\"runs\",\"runs\":[]}", listRuns());
    }

    private String listRuns() {
        try (WsClient client = WsClient.connect(runs())) {
            client.send("{\"type\":\"list_runs\"}");
            return client.next(WAIT);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void runsClientCliPrintsEveryEventAndEnds() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            RunsClient.run(runs(), out);
        }
        String output = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(output.startsWith("Connected. Starting runs "), output);
        assertTrue(output.endsWith("All runs ended.\n"), output);
        assertEquals(2, count(output, " run_completed "), output);
        assertEquals(1, count(output, " run_cancelled {\"reason\":\"demo cancel\"}"), output);
        assertEquals(3, count(output, " run_started "), output);
    }

    @Test
    void aResumeLongerThanTheOutboxIsPacedAndGoesLiveWithoutGapOrRepeat() throws Exception {
        long slowConsumersBefore = metricsServed() ? metric(base, "switchboard_outbox_slow_consumers_closed") : 0;
        try (WsClient starter = WsClient.connect(runs()); WsClient resumer = WsClient.connect(runs())) {
            // 1,500 partial results at once, then 600 more 1 ms apart: the run still produces while the resumer catches up.
            starter.send(start("long-replay", "compute",
                    "{\"calls\":[{\"func\":\"count\",\"args\":[1500]},{\"func\":\"count\",\"args\":[600,1]}]}"));
            while (next(starter).getInt("seq") < 1501) {
                // more events than an outbox holds (1,024) are kept now
            }
            resumer.send("{\"type\":\"resume\",\"run_id\":\"long-replay\",\"after_seq\":-1}");
            List<JsonObject> events = untilEnded(resumer, "long-replay");
            assertGapFree(events, 2104);
            assertEquals("run_completed", events.get(2103).getString("event_type"));
            assertFalse(resumer.isClosed(), "the resumer is not closed as a slow consumer");
        }
        if (metricsServed()) {
            assertEquals(slowConsumersBefore, metric(base, "switchboard_outbox_slow_consumers_closed"));
        }
    }

    @Test
    void fiveHundredAbruptDisconnectsDuringLiveRunsLeaveEveryGaugeAtZero() throws Exception {
        // The server is shared: sessions of earlier classes may still be closing, so sessions return to at most
        // what they were before (every run gauge is this class's alone and must reach zero).
        long sessionsBefore = metric(base, "switchboard_websocket_sessions");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int round = 0; round < 2; round++) { // 250 at a time: the server allows 256 live runs
            List<WebSocket> sockets = new ArrayList<>();
            CountDownLatch started = new CountDownLatch(250);
            for (int c = 0; c < 250; c++) {
                String runId = "abort-" + round + "-" + c;
                WebSocket socket = http.newWebSocketBuilder().buildAsync(runs(), new RunStartedListener(runId, started))
                        .get(15, TimeUnit.SECONDS);
                sockets.add(socket);
                socket.sendText(start(runId, "demo", "{\"steps\":1000,\"delay_ms\":200}"), true).get(15, TimeUnit.SECONDS);
                if (c % 2 == 1) { // every other connection also watches the run of the one before, through a replay
                    socket.sendText("{\"type\":\"resume\",\"run_id\":\"abort-" + round + "-" + (c - 1) + "\",\"after_seq\":-1}", true)
                            .get(15, TimeUnit.SECONDS);
                }
            }
            assertTrue(started.await(30, TimeUnit.SECONDS), "every run started");
            sockets.forEach(WebSocket::abort); // the TCP connection goes, without a close frame
            // 250 closes, a 1.5 s grace and 250 cancellations: give a loaded 2-core machine time
            await(Duration.ofSeconds(60), () -> metric(base, "switchboard_runs_live") == 0, this::gauges);
        }
        await(Duration.ofSeconds(60), () -> metric(base, "switchboard_runs_live") == 0 && metric(base, "switchboard_runs_kept") == 0
                && metric(base, "switchboard_runs_tasks_active") == 0 && metric(base, "switchboard_runs_replays") == 0
                && metric(base, "switchboard_runs_finished_bytes") == 0
                && metric(base, "switchboard_websocket_sessions") <= sessionsBefore && metric(base, "switchboard_outbox_depth") == 0,
                () -> gauges() + " sessions before: " + sessionsBefore);
    }

    private String gauges() {
        return java.util.stream.Stream.of("switchboard_runs_live", "switchboard_runs_kept", "switchboard_runs_tasks_active",
                "switchboard_runs_replays", "switchboard_runs_finished_bytes", "switchboard_websocket_sessions",
                "switchboard_outbox_depth").map(name -> name + "=" + metric(base, name)).toList().toString();
    }

    /** Counts down when its connection sees its own run start; reads everything. */
    private static final class RunStartedListener implements WebSocket.Listener {
        private final String runId;
        private final CountDownLatch started;
        private final StringBuilder partial = new StringBuilder();

        RunStartedListener(String runId, CountDownLatch started) {
            this.runId = runId;
            this.started = started;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonObject message = object(partial.toString());
                partial.setLength(0);
                if (runId.equals(message.getString("run_id", null))
                        && "run_started".equals(message.getString("event_type", null))) {
                    started.countDown();
                }
            }
            socket.request(1);
            return null;
        }
    }

    // --- helpers -------------------------------------------------------------------------------

    private static String start(String runId, String task, String input) {
        return "{\"type\":\"start_run\",\"run_id\":\"" + runId + "\",\"task\":\"" + task + "\",\"input\":" + input + "}";
    }

    private static JsonObject next(WsClient client) throws Exception {
        return object(client.next(WAIT));
    }

    private static JsonObject nextOf(WsClient client, java.util.function.Predicate<JsonObject> wanted) throws Exception {
        while (true) {
            JsonObject message = next(client);
            if (wanted.test(message)) {
                return message;
            }
        }
    }

    /** Reads run events until each of the runs has sent its terminal event. */
    private static List<JsonObject> untilEnded(WsClient client, String... runIds) throws Exception {
        List<String> open = new ArrayList<>(List.of(runIds));
        List<JsonObject> events = new ArrayList<>();
        while (!open.isEmpty()) {
            JsonObject message = next(client);
            assertEquals("run_event", message.getString("type"), message.toString());
            events.add(message);
            String type = message.getString("event_type");
            if (type.equals("run_completed") || type.equals("run_failed") || type.equals("run_cancelled")) {
                assertTrue(open.remove(message.getString("run_id")), "one terminal event per run: " + message);
            }
        }
        return events;
    }

    private static List<JsonObject> ofRun(List<JsonObject> events, String runId) {
        return events.stream().filter(e -> e.getString("run_id").equals(runId)).toList();
    }

    private static void assertGapFree(List<JsonObject> events, int count) {
        assertEquals(count, events.size(), events.toString());
        for (int i = 0; i < count; i++) {
            assertEquals(i, events.get(i).getInt("seq"), events.toString());
        }
    }

    private static void assertError(JsonObject message, String runId, String code) {
        assertEquals("error", message.getString("type"), message.toString());
        assertEquals(code, message.getString("code"), message.toString());
        assertFalse(message.getString("message").isBlank());
        if (runId == null) {
            assertTrue(message.isNull("run_id"), message.toString());
        } else {
            assertEquals(runId, message.getString("run_id"), message.toString());
        }
    }

    private String status(WsClient client, String runId) {
        try {
            client.send("{\"type\":\"list_runs\"}");
            return next(client).getJsonArray("runs").stream().map(v -> v.asJsonObject())
                    .filter(r -> r.getString("run_id").equals(runId))
                    .map(r -> r.getString("status")).findFirst().orElse("gone");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

}
