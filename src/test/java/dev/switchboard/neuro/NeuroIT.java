package dev.switchboard.neuro;

import dev.switchboard.Fuzz;
import dev.switchboard.ItSupport;
import dev.switchboard.RawWebSocket;
import dev.switchboard.ServerLog;
import dev.switchboard.client.WsClient;
import dev.switchboard.neuro.schema.ActionSchemas;
import dev.switchboard.websocket.JsonSupport;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import static dev.switchboard.ItSupport.object;
import static dev.switchboard.ItSupport.ws;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Neuro game API with a scripted game written here, and the operator console. Payara runs with a
 * 50 ms random-decider delay and a 1.5 s result timeout (arquillian.xml).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class NeuroIT {
    private static final Duration WAIT = GameClient.WAIT;
    private static final String MOVE_SCHEMA = GameClient.MOVE_SCHEMA;

    @ArquillianResource
    URL base;

    @AfterEach
    void randomAgain() throws Exception {
        try (Console console = console()) {
            console.command("{\"type\":\"set_decider\",\"decider\":\"random\"}");
            for (String priority : List.of("low", "medium", "high", "critical")) {
                console.command("{\"type\":\"set_decider\",\"priority\":\"" + priority + "\",\"decider\":\"default\"}");
            }
        }
    }

    /**
     * A frame announced as 64 MB is refused, on every path, as soon as what has arrived is over the limit (1 MiB for
     * games): the server neither waits for nor holds the rest. Payara's Tyrus buffers at most 1088 KiB of it and
     * closes first, with 1011.
     */
    @Test
    void aHugeFrameIsRefusedBeforeItHasAllArrived() throws Exception {
        for (String path : List.of("neuro", "", "neuro/console")) {
            RawWebSocket.Frame close = RawWebSocket.closeBeforeAHugeFrameEnds(ws(base, path), WAIT);
            assertEquals(ItSupport.onWildFly() ? 1009 : 1011, close.closeCode(), "/" + path + ": " + close.closeReason());
        }
    }

    /** A scripted game on this server's Neuro API. */
    final class Game extends GameClient {
        Game(String path, String name) throws Exception {
            super(ws(base, path), name);
        }
    }

    /** This server's operator console. */
    final class Console extends ConsoleClient {
        Console() throws Exception {
            super(ws(base, "neuro/console"));
        }
    }

    Console console() throws Exception {
        return new Console();
    }

    static boolean changed(JsonObject message, String kind, String detailPart) {
        return ConsoleClient.changed(message, kind, detailPart);
    }

    @Test
    void tenThousandFuzzedFramesAreIgnoredAndTheGameConnectionGoesOn() throws Exception {
        List<JsonObject> templates = List.of(
                object("{\"command\":\"context\",\"game\":\"Fuzz\",\"data\":{\"message\":\"hi\",\"silent\":true}}"),
                object("{\"command\":\"actions/register\",\"game\":\"Fuzz\",\"data\":{\"actions\":[{\"name\":\"jump\",\"description\":\"Jump\"}]}}"),
                object("{\"command\":\"actions/unregister\",\"game\":\"Fuzz\",\"data\":{\"action_names\":[\"jump\"]}}"),
                object("{\"command\":\"action/result\",\"game\":\"Fuzz\",\"data\":{\"id\":\"none\",\"success\":true}}"));
        List<Fuzz.Field> fields = new ArrayList<>();
        for (JsonObject template : templates) {
            fields.add(new Fuzz.Field(template, "data"));
            fields.add(new Fuzz.Field(template, "game"));
        }
        fields.add(new Fuzz.Field(templates.get(0), "command"));
        List<Fuzz.Frame> frames = new Fuzz(20261203L, templates, fields, 1000).frames(10_000);
        int logMark = ServerLog.mark();
        List<String> replies = Fuzz.exchange(ws(base, "neuro"), frames, "{\"command\":\"startup\",\"game\":\"Fuzz\"}",
                reply -> reply.contains("\"startup\""), Duration.ofSeconds(90));
        assertEquals(List.of("{\"command\":\"actions/reregister_all\"}"), replies,
                "the spec says bad frames are ignored: nothing but the greeting before the startup's answer");
        assertEquals(List.of(), ServerLog.problemsSince(logMark, ws(base, "neuro")), "nothing unexpected is logged");
    }

    @Test
    void aGamesWholeLifecycleWithRetryAfterAFailedResult() throws Exception {
        try (Game game = new Game("neuro", "Lifecycle"); Console console = console()) {
            game.send("startup", null);
            JsonObject ack = game.next();
            assertEquals("startup", ack.getString("command"));
            JsonObject session = ack.getJsonObject("data").getJsonObject("session");
            assertEquals("neuro", session.getString("characterId"));
            assertEquals("Neuro-sama", session.getString("displayName"));
            assertFalse(session.getString("sessionId").isBlank());

            game.send("actions/register", "{\"actions\":[{\"name\":\"play\",\"description\":\"Place your mark\",\"schema\":" + MOVE_SCHEMA + "},"
                    + "{\"name\":\"pass\",\"description\":\"Skip the turn\"}]}");
            game.send("context", "{\"message\":\"You are X. The board is empty.\",\"silent\":true}");
            game.send("actions/force", "{\"state\":\"empty board\",\"query\":\"Your move\",\"action_names\":[\"play\"]}");

            JsonObject first = game.next();
            assertEquals("action", first.getString("command"));
            assertEquals("play", first.getJsonObject("data").getString("name"));
            JsonValue data = JsonSupport.readTree(first.getJsonObject("data").getString("data"));
            assertEquals(List.of(), ActionSchemas.validate(JsonSupport.readTree(MOVE_SCHEMA), data), "data is JSON text that validates");
            String firstId = first.getJsonObject("data").getString("id");
            assertEquals(36, firstId.length(), "a UUID");

            game.send("action/result", "{\"id\":\"" + firstId + "\",\"success\":false,\"message\":\"That cell is taken\"}");
            JsonObject retry = game.next();
            assertEquals("play", retry.getJsonObject("data").getString("name"), "a failed forced action is chosen again");
            String retryId = retry.getJsonObject("data").getString("id");
            assertTrue(!retryId.equals(firstId));
            game.send("action/result", "{\"id\":\"" + retryId + "\",\"success\":true,\"message\":\"Placed\"}");

            JsonObject done = console.until(m -> changed(m, "force", "force done")).getJsonObject("view");
            assertFalse(done.containsKey("pending_force"), done.toString());
            game.send("actions/unregister", "{\"action_names\":[\"play\",\"nothing-like-this\"]}");
            JsonObject after = console.view("Lifecycle", "actions");
            assertEquals(List.of("pass"), after.getJsonArray("actions").stream().map(a -> a.asJsonObject().getString("name")).toList());
            assertTrue(after.getJsonArray("context").stream().anyMatch(c -> c.asJsonObject().getString("message").equals("You are X. The board is empty.")));
        }
    }

    @Test
    void schemalessActionsGetNoDataField() throws Exception {
        try (Game game = new Game("neuro", "Schemaless")) {
            game.startupAndRegister();
            game.send("actions/force", "{\"query\":\"Pass?\",\"action_names\":[\"pass\"]}");
            JsonObject action = game.next();
            assertEquals("pass", action.getJsonObject("data").getString("name"));
            assertFalse(action.getJsonObject("data").containsKey("data"), action.toString());
        }
    }

    @Test
    void twoGamesAtOnceEachGetTheirOwnActions() throws Exception {
        try (Game one = new Game("neuro", "One"); Game two = new Game("neuro", "Two")) {
            one.startupAndRegister();
            two.send("startup", null);
            two.next();
            two.send("actions/register", "{\"actions\":[{\"name\":\"jump\",\"description\":\"Jump\"}]}");
            two.send("actions/force", "{\"query\":\"Jump!\",\"action_names\":[\"jump\"]}");
            one.send("actions/force", "{\"query\":\"Pass!\",\"action_names\":[\"pass\"]}");
            assertEquals("jump", two.next().getJsonObject("data").getString("name"));
            assertEquals("pass", one.next().getJsonObject("data").getString("name"));
        }
    }

    @Test
    void malformedAndUnknownFramesAreIgnoredAndShownAsWarnings() throws Exception {
        try (Game game = new Game("neuro", "Sloppy"); Console console = console()) {
            String[] frames = {"not json", "[1,2]", "{\"game\":\"Sloppy\"}", "{\"command\":\"dance\",\"game\":\"Sloppy\"}",
                    "{\"command\":\"context\",\"data\":{\"message\":\"no game\",\"silent\":true}}",
                    "{\"command\":\"context\",\"game\":\"Sloppy\",\"data\":{\"message\":\"x\",\"silent\":\"yes\"}}",
                    "{\"command\":\"action/result\",\"game\":\"Sloppy\",\"data\":{\"id\":5,\"success\":true}}",
                    "{\"command\":\"actions/register\",\"game\":\"Sloppy\",\"data\":{\"actions\":[{\"name\":\"Bad Name\",\"description\":\"d\",\"schema\":{\"type\":\"object\",\"properties\":{\"x\":{\"$ref\":\"http://127.0.0.1:9/x\"}}}}]}}"};
            for (String frame : frames) {
                game.ws.send(frame);
            }
            game.send("startup", null);
            assertEquals("startup", game.next().getString("command"), "no reply to any ignored frame, and still connected");
            game.ws.send("{\"command\":\"context\",\"game\":\"Sloppy\",\"data\":{\"message\":\"ok\",\"silent\":false,\"priority\":\"new\"},\"extra\":1}");
            JsonObject view = console.view("Sloppy", "context");
            List<String> warnings = view.getJsonArray("warnings").stream().map(w -> w.asJsonObject().getString("message")).toList();
            assertTrue(warnings.stream().anyMatch(w -> w.contains("unknown command 'dance'")), warnings.toString());
            assertTrue(warnings.stream().anyMatch(w -> w.contains("data.silent must be a boolean")), warnings.toString());
            assertTrue(warnings.stream().anyMatch(w -> w.contains("data.id must be a string")), warnings.toString());
            assertTrue(warnings.stream().anyMatch(w -> w.contains("kept out: schema refers to an outside document")), warnings.toString());
            assertTrue(warnings.stream().anyMatch(w -> w.equals("2 unknown fields tolerated: 'extra', 'data.priority'")),
                    "one warning for the frame: " + warnings);
            assertTrue(view.getJsonArray("warnings").stream().anyMatch(w -> w.asJsonObject().getString("frame").contains("\"dance\"")),
                    "the raw frame is shown");
            assertTrue(view.getJsonArray("actions").isEmpty(), "an invalid schema keeps the action out");
        }
    }

    @Test
    void noResultInTimeFailsWithoutRetryAndALateResultIsDiscarded() throws Exception {
        try (Game game = new Game("neuro", "Slowpoke"); Console console = console()) {
            game.startupAndRegister();
            game.send("actions/force", "{\"query\":\"Quick!\",\"action_names\":[\"pass\"]}");
            String id = game.next().getJsonObject("data").getString("id");
            JsonObject timedOut = console.until(m -> changed(m, "warning", "force ended without success, its action timed out"));
            assertFalse(timedOut.getJsonObject("view").containsKey("pending_force"));
            game.send("action/result", "{\"id\":\"" + id + "\",\"success\":false}");
            console.until(m -> changed(m, null, "discarded"));
            assertThrows(TimeoutException.class, () -> game.ws.next(Duration.ofMillis(500)), "no retry after a timeout");
        }
    }

    @Test
    void aForceIsChosenByTheDeciderOfItsPriority() throws Exception {
        try (Game game = new Game("neuro", "Prioritized"); Console console = console()) {
            assertEquals("ack", console.command("{\"type\":\"set_decider\",\"priority\":\"high\",\"decider\":\"operator\"}")
                    .getString("type"));
            assertEquals("{\"high\":\"operator\"}", console.command("{\"type\":\"snapshot\"}")
                    .getJsonObject("decider_by_priority").toString());
            assertEquals("invalid_request", console.command("{\"type\":\"set_decider\",\"priority\":\"urgent\",\"decider\":\"operator\"}")
                    .getString("code"));
            assertEquals("unknown_decider", console.command("{\"type\":\"set_decider\",\"priority\":\"low\",\"decider\":\"coin\"}")
                    .getString("code"));
            game.startupAndRegister();

            game.send("actions/force", "{\"query\":\"Low\",\"priority\":\"low\",\"action_names\":[\"pass\"]}");
            JsonObject random = game.next(); // the default (random) decider chose at once
            assertEquals("pass", random.getJsonObject("data").getString("name"));
            game.send("action/result", "{\"id\":\"" + random.getJsonObject("data").getString("id") + "\",\"success\":true}");

            game.send("actions/force", "{\"query\":\"High\",\"priority\":\"high\",\"action_names\":[\"pass\"]}");
            String connection = console.until(m -> changed(m, "force", "High")).getJsonObject("view").getString("connection_id");
            JsonObject answered = console.command("{\"type\":\"answer_force\",\"connection_id\":\"" + connection
                    + "\",\"game\":\"Prioritized\",\"action\":\"pass\"}");
            assertEquals("ack", answered.getString("type"), answered.toString());
            JsonObject operated = game.next();
            assertEquals(answered.getString("action_id"), operated.getJsonObject("data").getString("id"),
                    "the high-priority force waited for the operator: the random decider sent nothing");
        }
    }

    @Test
    void theOperatorAnswersForcesAndSendsCommandsThroughTheConsole() throws Exception {
        try (Game game = new Game("neuro", "Operated"); Console console = console()) {
            assertEquals("ack", console.command("{\"type\":\"set_decider\",\"request_id\":\"r1\",\"decider\":\"operator\"}").getString("type"));
            game.startupAndRegister();
            game.send("actions/force", "{\"query\":\"Your move\",\"action_names\":[\"play\",\"pass\"]}");
            JsonObject view = console.view("Operated", "force");
            JsonObject force = view.getJsonObject("pending_force");
            assertEquals(List.of("play", "pass"), force.getJsonArray("action_names").stream().map(v -> ((jakarta.json.JsonString) v).getString()).toList());
            String connection = view.getString("connection_id");

            JsonObject invalid = console.command("{\"type\":\"answer_force\",\"request_id\":\"r2\",\"connection_id\":\"" + connection
                    + "\",\"game\":\"Operated\",\"action\":\"play\",\"data\":{\"x\":7,\"y\":0}}");
            assertEquals("error", invalid.getString("type"));
            assertEquals("invalid_data", invalid.getString("code"));
            assertEquals("r2", invalid.getString("request_id"));
            assertFalse(invalid.getJsonArray("problems").isEmpty());

            JsonObject answered = console.command("{\"type\":\"answer_force\",\"request_id\":\"r3\",\"connection_id\":\"" + connection
                    + "\",\"game\":\"Operated\",\"action\":\"play\",\"data\":{\"x\":1,\"y\":2}}");
            assertEquals("ack", answered.getString("type"), answered.toString());
            JsonObject action = game.next();
            assertEquals(answered.getString("action_id"), action.getJsonObject("data").getString("id"));
            assertEquals("{\"x\":1,\"y\":2}", action.getJsonObject("data").getString("data"));
            game.send("action/result", "{\"id\":\"" + answered.getString("action_id") + "\",\"success\":true}");

            JsonObject anyway = console.command("{\"type\":\"send_action\",\"connection_id\":\"" + connection
                    + "\",\"game\":\"Operated\",\"action\":\"play\",\"data\":{\"x\":9},\"send_anyway\":true}");
            assertEquals("ack", anyway.getString("type"));
            assertEquals("{\"x\":9}", game.next().getJsonObject("data").getString("data"));

            assertEquals("ack", console.command("{\"type\":\"reregister_all\",\"connection_id\":\"" + connection + "\"}").getString("type"));
            assertEquals("{\"command\":\"actions/reregister_all\"}", game.ws.next(WAIT));
            assertEquals("ack", console.command("{\"type\":\"shutdown_graceful\",\"connection_id\":\"" + connection + "\",\"wants_shutdown\":true}").getString("type"));
            assertEquals("{\"command\":\"shutdown/graceful\",\"data\":{\"wants_shutdown\":true}}", game.ws.next(WAIT));
            assertEquals("ack", console.command("{\"type\":\"shutdown_immediate\",\"connection_id\":\"" + connection + "\"}").getString("type"));
            assertEquals("{\"command\":\"shutdown/immediate\"}", game.ws.next(WAIT));

            assertEquals("unknown_connection", console.command("{\"type\":\"reregister_all\",\"connection_id\":\"nope\"}").getString("code"));
            assertEquals("unknown_decider", console.command("{\"type\":\"set_decider\",\"decider\":\"coin\"}").getString("code"));
            assertEquals("unknown_action", console.command("{\"type\":\"send_action\",\"connection_id\":\"" + connection
                    + "\",\"game\":\"Operated\",\"action\":\"fly\"}").getString("code"));
            assertEquals("invalid_request", console.command("{\"type\":\"teleport\"}").getString("code"));
            assertEquals("invalid_json", console.command("{").getString("code"));

            JsonObject snapshot = console.command("{\"type\":\"snapshot\"}");
            assertEquals("operator", snapshot.getString("decider"));
            assertTrue(snapshot.getJsonArray("games").stream().anyMatch(g -> g.asJsonObject().getString("game", "").equals("Operated")));
        }
    }

    @Test
    void theAgentDeciderFallsBackToRandomWhenPickleCannotChoose() throws Exception {
        try (Game game = new Game("neuro", "Agentic"); Console console = console()) {
            assertEquals("ack", console.command("{\"type\":\"set_decider\",\"decider\":\"agent\"}").getString("type"));
            game.startupAndRegister();
            game.send("actions/force", "{\"query\":\"Your move\",\"action_names\":[\"play\"]}");
            JsonObject action = game.next();
            assertEquals("play", action.getJsonObject("data").getString("name"));
            assertEquals(List.of(), ActionSchemas.validate(JsonSupport.readTree(MOVE_SCHEMA),
                    JsonSupport.readTree(action.getJsonObject("data").getString("data"))));
            console.until(m -> changed(m, null, "agent answer not usable"));
        }
    }

    @Test
    void gamesConnectAtTheRootTooWhileAPlainGetServesTheConsolePage() throws Exception {
        try (Game game = new Game("", "Rooted")) {
            game.send("startup", null);
            assertEquals("startup", game.next().getString("command"));
        }
        HttpResponse<String> page = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + base.getPort() + base.getPath())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<title>Switchboard</title>"), page.body());
    }

    @Test
    void neuroActivityIsMirroredOnTheBus() throws Exception {
        try (WsClient monitor = WsClient.connect(ws(base, "events"))) {
            monitor.send("{\"type\":\"subscribe\",\"types\":[\"NeuroEvent\"]}");
            try (Game game = new Game("neuro", "Watched")) {
                game.send("startup", null);
                game.next();
            }
            JsonObject event;
            do {
                event = object(monitor.next(WAIT));
                assertEquals("NeuroEvent", event.getString("type"));
            } while (!"startup".equals(event.getString("kind")));
            assertEquals("Watched", event.getString("game"));
            assertNotNull(event.getString("connection_id"));
        }
    }

    @Test
    void aFrameWithAHundredThousandUnknownFieldsIsOneWarningAFewBusEventsAndSmallConsoleUpdates() throws Exception {
        try (WsClient monitor = WsClient.connect(ws(base, "events"))) {
            monitor.send("{\"type\":\"subscribe\",\"types\":[\"NeuroEvent\"]}");
            try (Game game = new Game("neuro", "Flood"); Console console = console()) {
                StringBuilder frame = new StringBuilder("{\"command\":\"startup\",\"game\":\"Flood\"");
                for (int i = 0; i < 100_000; i++) {
                    frame.append(",\"").append(Integer.toString(i, 36)).append("\":0");
                }
                String raw = frame.append('}').toString();
                assertTrue(raw.length() < 1_048_576, "within the frame limit: " + raw.length());
                game.ws.send(raw);
                assertEquals("startup", game.next().getString("command"));
                game.send("context", "{\"message\":\"after the flood\",\"silent\":true}");

                List<JsonObject> events = new ArrayList<>();
                JsonObject event;
                do {
                    event = object(monitor.next(WAIT));
                    if (event.getString("type").equals("NeuroEvent") && "Flood".equals(event.getString("game", null))) {
                        events.add(event);
                    }
                } while (!events.contains(event) || !event.getJsonObject("detail").getString("message").equals("after the flood"));
                assertEquals(List.of("startup", "warning", "context"), events.stream().map(e -> e.getString("kind")).toList(),
                        "one warning, and the monitor is still subscribed");
                String warning = events.get(1).getJsonObject("detail").getString("message");
                assertEquals("unknown_field: 100000 unknown fields tolerated: '0', '1', '2', '3', '4' and 99995 more", warning,
                        "the diagnostic's code, then its message");

                int updates = 0;
                int largest = 0;
                JsonObject update;
                do {
                    String text = console.ws.next(WAIT);
                    largest = Math.max(largest, text.length());
                    update = object(text);
                    if (update.getString("type").equals("game") && update.getJsonObject("view").getString("game", "").equals("Flood")) {
                        updates++;
                    }
                } while (!changed(update, "context", "after the flood"));
                assertTrue(updates <= 3, updates + " console updates");
                assertTrue(largest < 16 * 1024, "the largest console message has " + largest + " characters");
                List<JsonObject> warnings = update.getJsonObject("view").getJsonArray("warnings").stream()
                        .map(JsonValue::asJsonObject).toList();
                assertEquals(List.of(warning), warnings.stream().map(w -> w.getString("code") + ": " + w.getString("message")).toList());
                assertEquals("info", warnings.get(0).getString("severity"));
                String shown = warnings.get(0).getString("frame");
                assertTrue(raw.startsWith(shown.substring(0, 2048)), "the frame's first 2 KiB");
                assertEquals(shown.substring(0, 2048) + "… (" + raw.length() + " bytes, shortened)", shown);
            }
        }
    }

    @Test
    void aBurstOfChangesToOneGameIsCoalescedForTheConsole() throws Exception {
        try (Game game = new Game("neuro", "Chatty"); Console console = console()) {
            int frames = 300;
            game.send("startup", null); // else the first context is also a before_startup diagnostic
            assertEquals("startup", game.next().getString("command"));
            long start = System.nanoTime();
            for (int i = 0; i < frames; i++) {
                game.send("context", "{\"message\":\"line " + i + "\",\"silent\":true}");
            }
            int updates = 0;
            int changes = 0;
            JsonObject update;
            do {
                update = console.until(m -> m.getString("type").equals("game")
                        && m.getJsonObject("view").getString("game", "").equals("Chatty"));
                updates++;
                changes += update.getJsonArray("changes").size() + update.getInt("left_out");
                assertTrue(update.getJsonArray("changes").size() <= 20);
            } while (!changed(update, "context", "line " + (frames - 1)));
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(frames + 1, changes, "every change (the startup, then each context line) is listed or counted");
            assertTrue(updates <= elapsedMillis / 100 + 2, updates + " updates in " + elapsedMillis + " ms: at most one per 100 ms");
            List<JsonValue> context = update.getJsonObject("view").getJsonArray("context");
            assertEquals("line " + (frames - 1), context.get(context.size() - 1).asJsonObject().getString("message"));
        }
    }

    @Test
    void consoleCommandsAreReadStrictly() throws Exception {
        try (Console console = console()) {
            JsonObject wrongType = console.command("{\"type\":\"set_decider\",\"request_id\":\"s1\",\"decider\":123}");
            assertEquals("invalid_request", wrongType.getString("code"), wrongType.toString());
            assertEquals("s1", wrongType.getString("request_id"));
            assertEquals("Field 'decider' must be a string, not number", wrongType.getString("message"));
            JsonObject unknown = console.command("{\"type\":\"set_decider\",\"decider\":\"random\",\"force\":true}");
            assertEquals("invalid_request", unknown.getString("code"), unknown.toString());
            assertTrue(unknown.getString("message").startsWith("Unknown field 'force' in 'set_decider'"), unknown.toString());
            JsonObject missing = console.command("{\"type\":\"reregister_all\"}");
            assertEquals("invalid_request", missing.getString("code"), missing.toString());
        }
    }
    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        // HTTP/1.1: no h2c upgrade attempt (the JDK client's default), which Payara's listener answers unreliably.
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + base.getPort() + base.getPath() + pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theDiagnosticsReportListsWhatAGameDidWrongByCodeAndCanBeReadForOneGame() throws Exception {
        try (Game game = new Game("neuro", "Diagnosed")) {
            game.send("startup", null);
            assertEquals("startup", game.next().getString("command"));
            game.ws.send("not json"); // its game cannot be read: shown under the connection's only game
            game.send("actions/register", "{\"actions\":[{\"name\":\"leap_diag\",\"description\":\"d\",\"schema\":{\"type\":\"string\"}},"
                    + "{\"name\":\"fly\",\"description\":\"d\",\"schema\":{\"type\":7}}]}");
            game.send("action/result", "{\"id\":\"never-sent\",\"success\":false}");
            game.send("context", "{\"message\":\"last\",\"silent\":true,\"mood\":1}");

            long deadline = System.nanoTime() + WAIT.toNanos();
            JsonObject report;
            JsonObject diagnosed;
            do {
                HttpResponse<String> response = get("neuro/diagnostics?game=Diagnosed");
                assertEquals(200, response.statusCode(), response.body());
                assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
                report = object(response.body());
                diagnosed = report.getJsonArray("games").isEmpty() ? null : report.getJsonArray("games").getJsonObject(0);
            } while ((diagnosed == null || !diagnosed.getJsonObject("by_code").containsKey("unknown_field"))
                    && System.nanoTime() < deadline);
            assertNotNull(diagnosed, report.toString());
            assertEquals(1, report.getJsonArray("games").size(), "?game= gives that game only: " + report);
            assertEquals("Diagnosed", diagnosed.getString("game"));
            JsonObject byCode = diagnosed.getJsonObject("by_code");
            for (String code : List.of("invalid_json", "schema_not_object", "schema_invalid", "result_unknown_id",
                    "failure_without_message", "unknown_field")) {
                assertEquals(1, byCode.getInt(code, 0), code + " in " + byCode);
            }
            assertEquals(2, diagnosed.getInt("errors"), "not JSON, and the register frame (worst: schema_invalid): " + diagnosed);
            assertEquals(1, diagnosed.getInt("warnings"), "the result frame: " + diagnosed);
            assertEquals(1, diagnosed.getInt("infos"), "the unknown field: " + diagnosed);
            assertEquals(report.getInt("errors"), diagnosed.getInt("errors"));
            JsonObject notJson = diagnosed.getJsonArray("diagnostics").getJsonObject(0);
            assertEquals("invalid_json", notJson.getString("code"));
            assertEquals("error", notJson.getString("severity"));
            assertEquals("not json", notJson.getString("frame"));
            assertEquals("Diagnosed", notJson.getString("game"));
            assertEquals(36, notJson.getString("connection_id").length());
            assertFalse(notJson.getString("at").isBlank());
            JsonObject register = diagnosed.getJsonArray("diagnostics").getJsonObject(1);
            assertEquals("schema_invalid", register.getString("code"), "one diagnostic for the frame, named by its worst code");
            assertEquals(List.of("schema_not_object", "schema_invalid"), register.getJsonArray("codes").stream()
                    .map(c -> ((jakarta.json.JsonString) c).getString()).toList());

            JsonObject all = object(get("neuro/diagnostics").body());
            assertTrue(all.getJsonArray("games").stream().anyMatch(g -> "Diagnosed".equals(g.asJsonObject().getString("game", null))));
            assertTrue(all.getInt("errors") >= 2, all.toString());
            assertTrue(object(get("neuro/diagnostics?game=nobody-plays-this").body()).getJsonArray("games").isEmpty());
            if (!dev.switchboard.ItSupport.metricsServed()) {
                return; // the report is the contract; the gauge by code exists only where MicroProfile Metrics does
            }
            String metrics = dev.switchboard.ItSupport.metrics(base);
            assertTrue(metrics.lines().anyMatch(l -> l.startsWith("switchboard_neuro_diagnostics") && l.contains("code=\"schema_invalid\"")
                    && !l.endsWith(" 0.0") && !l.endsWith(" 0")), "a gauge by code");
        }
    }

    @Test
    void theConsoleExportsAGameSessionAsJsonLinesWithEveryFrameBothWays() throws Exception {
        try (Game game = new Game("neuro", "Exported"); Console console = console()) {
            game.send("startup", null);
            assertEquals("startup", game.next().getString("command"));
            game.send("context", "{\"message\":\"to be exported\",\"silent\":true}");
            String connectionId = console.view("Exported", "context").getString("connection_id");

            console.ws.send("{\"type\":\"export_session\",\"request_id\":\"e1\",\"connection_id\":\"" + connectionId
                    + "\",\"game\":\"Exported\"}");
            JsonObject export = console.until(m -> m.getString("type").equals("session_export"));
            assertEquals("e1", export.getString("request_id"));
            assertEquals(connectionId, export.getString("connection_id"));
            List<JsonObject> lines = export.getString("jsonl").lines().map(dev.switchboard.ItSupport::object).toList();
            assertTrue(export.getString("jsonl").endsWith("\n"));
            JsonObject header = lines.get(0);
            assertEquals("session", header.getString("type"));
            assertEquals(connectionId, header.getString("connection_id"));
            assertEquals(lines.size() - 1, header.getInt("frames"));
            assertEquals(0, header.getInt("dropped"));
            List<String> shown = lines.subList(1, lines.size()).stream()
                    .map(l -> l.getString("direction") + " " + object(l.getString("text")).getString("command")).toList();
            assertEquals(List.of("out actions/reregister_all", "in startup", "out startup", "in context"), shown);
            for (JsonObject line : lines.subList(1, lines.size())) {
                assertEquals("frame", line.getString("type"));
                java.time.Instant.parse(line.getString("at"));
            }
            assertEquals("Exported", lines.get(2).getString("game"));
            assertTrue(lines.get(1).isNull("game"), "frames to the game name none");

            console.ws.send("{\"type\":\"export_session\",\"connection_id\":\"nope\"}");
            assertEquals("unknown_connection", console.until(m -> m.getString("type").equals("error")).getString("code"));
        }
    }
}
