package dev.switchboard.metrics;

import dev.switchboard.ItSupport;
import dev.switchboard.client.WsClient;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import dev.switchboard.ServerLog;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.time.Duration;
import java.util.UUID;

import static dev.switchboard.ItSupport.metric;
import static dev.switchboard.ItSupport.object;
import static dev.switchboard.ItSupport.ws;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The metrics an operator reads at /metrics?scope=application appear and move with traffic. The server
 * is shared with the other IT classes, so every check compares a value after traffic with the one before.
 * On WildFly, which has no MicroProfile Metrics, they are skipped, and the server's startup WARNING is checked instead.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MetricsIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @ArquillianResource
    URL base;

    private double read(String name, String... tags) {
        return metric(base, name, tags);
    }

    @Test
    void withoutMicroProfileMetricsTheServerSaysSoAtStartup() {
        Assumptions.assumeTrue(ItSupport.onWildFly(), "Payara Micro has MicroProfile Metrics (the other tests here)");
        assertTrue(ServerLog.logged("MicroProfile Metrics is not available on this server: no switchboard_* metrics are registered"),
                "the startup WARNING (docs/portability.md)");
    }

    /** Payara's Tyrus schedules an idle timer per frame; the workaround drops them. If Tyrus stops, this count stops rising. */
    @Test
    void theTyrusIdleTimersDroppedRiseWithTraffic() throws Exception {
        ItSupport.assumeMetricsServed();
        assertEquals(1, metric(base, "switchboard_websocket_idle_timers_bypassed"));
        long before = metric(base, "switchboard_websocket_idle_timers_dropped");
        try (WsClient client = WsClient.connect(ws(base, "ws"))) {
            for (int i = 0; i < 20; i++) {
                client.send("{\"func\":\"add\",\"args\":[" + i + ",1]}");
                assertEquals("{\"result\":" + (i + 1) + "}", client.next(WAIT));
            }
        }
        long after = metric(base, "switchboard_websocket_idle_timers_dropped");
        assertTrue(after >= before + 20, "dropped before " + before + ", after 20 calls " + after);
    }

    @Test
    void callsCountSessionsMessagesErrorsAndDurationsByFunction() throws Exception {
        String ws = "endpoint=\"ws\"";
        double in = read("switchboard_endpoint_messages_received", ws);
        double out = read("switchboard_endpoint_messages_sent", ws);
        double errors = read("switchboard_endpoint_errors", "code=\"unknown_function\"", ws);
        // durations are by endpoint too (ws, rpc, mcp): this test's calls are /ws ones
        double adds = read("switchboard_call_duration_seconds_count", "function=\"add\"", ws);
        double addsWithinAMinute = read("switchboard_call_duration_seconds_bucket", "function=\"add\"", "le=\"+Inf\"", ws);
        double sessions = read("switchboard_endpoint_sessions", ws);
        try (WsClient client = WsClient.connect(ws(base, "ws"))) {
            ItSupport.await(() -> read("switchboard_endpoint_sessions", ws) >= sessions + 1);
            for (int i = 0; i < 3; i++) {
                client.send("{\"func\":\"add\",\"args\":[1,2]}");
                assertEquals("{\"result\":3}", client.next(WAIT));
            }
            client.send("{\"func\":\"nosuch\"}");
            assertEquals("unknown_function", object(client.next(WAIT)).getString("code"));
            assertTrue(read("switchboard_endpoint_messages_received", ws) >= in + 4);
            assertTrue(read("switchboard_endpoint_messages_sent", ws) >= out + 4);
            assertTrue(read("switchboard_endpoint_errors", "code=\"unknown_function\"", ws) >= errors + 1);
            assertTrue(read("switchboard_call_duration_seconds_count", "function=\"add\"", ws) >= adds + 3);
            assertTrue(read("switchboard_call_duration_seconds_bucket", "function=\"add\"", "le=\"+Inf\"", ws) >= addsWithinAMinute + 3);
            assertTrue(ItSupport.metrics(base).matches("(?s).*switchboard_call_duration_seconds_sum\\{[^}]*function=\"add\".*"),
                    "the histogram has its sum");
        }
        ItSupport.await(() -> read("switchboard_endpoint_sessions", ws) <= sessions);
    }

    @Test
    void runsAreCountedByOutcomeAndPublishedOnTheBus() throws Exception {
        double completed = read("switchboard_runs_finished", "outcome=\"completed\"");
        double cancelled = read("switchboard_runs_finished", "outcome=\"cancelled\"");
        double published = read("switchboard_bus_events_published");
        double unknownTask = read("switchboard_endpoint_errors", "code=\"unknown_task\"", "endpoint=\"runs\"");
        try (WsClient client = WsClient.connect(ws(base, "runs"))) {
            String done = "metrics-" + UUID.randomUUID();
            String stopped = "metrics-" + UUID.randomUUID();
            client.send("{\"type\":\"start_run\",\"run_id\":\"" + done + "\",\"task\":\"demo\",\"input\":{\"steps\":1,\"delay_ms\":0}}");
            until(client, done, "run_completed");
            client.send("{\"type\":\"start_run\",\"run_id\":\"" + stopped + "\",\"task\":\"demo\",\"input\":{\"steps\":100,\"delay_ms\":1000}}");
            until(client, stopped, "run_started");
            client.send("{\"type\":\"cancel_run\",\"run_id\":\"" + stopped + "\"}");
            until(client, stopped, "run_cancelled");
            client.send("{\"type\":\"start_run\",\"run_id\":\"x\",\"task\":\"no-such-task\"}");
            JsonObject error;
            do {
                error = object(client.next(WAIT));
            } while (!error.containsKey("code"));
            assertEquals("unknown_task", error.getString("code"));
        }
        assertTrue(read("switchboard_runs_finished", "outcome=\"completed\"") >= completed + 1);
        assertTrue(read("switchboard_runs_finished", "outcome=\"cancelled\"") >= cancelled + 1);
        assertTrue(read("switchboard_endpoint_errors", "code=\"unknown_task\"", "endpoint=\"runs\"") >= unknownTask + 1);
        // Run events go out on the bus too.
        ItSupport.await(() -> read("switchboard_bus_events_published") >= published + 4);
        assertTrue(read("switchboard_bus_history_size") >= 1);
        assertTrue(ItSupport.metrics(base).matches("(?s).*switchboard_runs_finished\\{[^}]*outcome=\"timed_out\".*"),
                "every outcome is listed, even at 0");
    }

    @Test
    void theBusCountsItsEventsAndErrors() throws Exception {
        String events = "endpoint=\"events\"";
        double published = read("switchboard_bus_events_published");
        double in = read("switchboard_endpoint_messages_received", events);
        double invalid = read("switchboard_endpoint_errors", "code=\"invalid_json\"", events);
        try (WsClient client = WsClient.connect(ws(base, "events"))) {
            client.send("{\"source\":\"metrics\",\"content\":\"counted\"}");
            client.send("{not json");
            JsonObject reply;
            do {
                reply = object(client.next(WAIT));
            } while (!"ErrorEvent".equals(reply.getString("type", "")));
            assertTrue(read("switchboard_endpoint_errors", "endpoint=\"events\"") > 0, "an error of some code");
            assertTrue(read("switchboard_endpoint_messages_received", events) >= in + 2);
            assertTrue(read("switchboard_bus_events_published") >= published + 1);
            String code = reply.getString("code");
            assertTrue(read("switchboard_endpoint_errors", "code=\"" + code + "\"", events)
                    >= (code.equals("invalid_json") ? invalid : 0) + 1, code);
        }
    }

    @Test
    void neuroCountsGamesForcesRetriesAndTimeouts() throws Exception {
        double games = read("switchboard_neuro_games");
        double forces = read("switchboard_neuro_forces");
        double retries = read("switchboard_neuro_force_retries");
        double timeouts = read("switchboard_neuro_action_timeouts");
        double consoleErrors = read("switchboard_endpoint_errors", "code=\"invalid_request\"", "endpoint=\"console\"");
        String name = "Metered " + UUID.randomUUID();
        try (WsClient game = WsClient.connect(ws(base, "neuro"));
             WsClient console = WsClient.connect(ws(base, "neuro/console"))) {
            game.next(WAIT); // actions/reregister_all
            game.send(frame(name, "startup", null));
            game.next(WAIT); // startup acknowledged
            ItSupport.await(() -> read("switchboard_neuro_games") >= games + 1);
            game.send(frame(name, "actions/register", "{\"actions\":[{\"name\":\"pass\",\"description\":\"Skip the turn\"}]}"));
            game.send(frame(name, "actions/force", "{\"query\":\"Now\",\"action_names\":[\"pass\"]}"));
            String first = actionId(game);
            game.send(frame(name, "action/result", "{\"id\":\"" + first + "\",\"success\":false}"));
            actionId(game); // the retry; no result for it: it times out (1.5 s on the test server)
            ItSupport.await(() -> read("switchboard_neuro_action_timeouts") >= timeouts + 1);
            assertTrue(read("switchboard_neuro_forces") >= forces + 1);
            assertTrue(read("switchboard_neuro_force_retries") >= retries + 1);

            console.send("{\"type\":\"no-such-command\"}");
            ItSupport.await(() -> read("switchboard_endpoint_errors",
                    "code=\"invalid_request\"", "endpoint=\"console\"") >= consoleErrors + 1);
        }
        ItSupport.await(() -> read("switchboard_neuro_games") <= games);
    }

    @Test
    void theOutboxDepthAndClosesByCauseAreListed() {
        String metrics = ItSupport.metrics(base);
        assertTrue(metrics.contains("switchboard_outbox_depth_max{"), metrics);
        for (String cause : new String[]{"queue_full", "send_timeout", "send_failed"}) {
            assertTrue(metrics.contains("cause=\"" + cause + "\""), cause);
        }
        for (String endpoint : new String[]{"ws", "runs", "events", "neuro", "console"}) {
            assertTrue(metrics.matches("(?s).*switchboard_endpoint_sessions\\{[^}]*endpoint=\"" + endpoint + "\".*"), endpoint);
        }
    }

    private static String frame(String game, String command, String data) {
        return "{\"command\":\"" + command + "\",\"game\":\"" + game + "\"" + (data == null ? "" : ",\"data\":" + data) + "}";
    }

    private static String actionId(WsClient game) throws Exception {
        while (true) {
            JsonObject command = object(game.next(WAIT));
            if ("action".equals(command.getString("command"))) {
                return command.getJsonObject("data").getString("id");
            }
        }
    }

    private static void until(WsClient client, String runId, String eventType) throws Exception {
        while (true) {
            JsonObject event = object(client.next(WAIT));
            if (runId.equals(event.getString("run_id", null)) && eventType.equals(event.getString("event_type", ""))) {
                return;
            }
        }
    }
}
