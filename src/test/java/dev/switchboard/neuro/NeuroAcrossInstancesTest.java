package dev.switchboard.neuro;

import dev.switchboard.cluster.LocalGrid;
import dev.switchboard.neuro.cluster.ClusterDiagnostics;
import dev.switchboard.neuro.cluster.ClusterReport;
import dev.switchboard.neuro.console.ConsoleCodec;
import dev.switchboard.neuro.console.ConsoleCommand;
import dev.switchboard.neuro.console.ConsoleMessage;
import dev.switchboard.neuro.game.GameView;
import dev.switchboard.websocket.FakeSession;
import dev.switchboard.websocket.JsonSupport;
import dev.switchboard.websocket.Outbox;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances of one cluster (two hubs on one {@link LocalGrid.Space}): a game stays on the instance it
 * connected to, and the consoles of both see it and steer it (docs/neuro.md, "Across instances").
 */
class NeuroAcrossInstancesTest {
    private static final String PLAY = "{\"name\":\"play\",\"description\":\"Place your mark\",\"schema\":{\"type\":\"object\","
            + "\"properties\":{\"x\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":2}},\"required\":[\"x\"]}}";

    private final LocalGrid.Space space = new LocalGrid.Space();
    private final TestHub a = new TestHub(space, "a");
    private final TestHub b = new TestHub(space, "b");
    private final ConsoleCommands commandsOnA = commands(a, 5000);
    private final ConsoleCommands commandsOnB = commands(b, 5000);

    /** An operator console on one instance: what it was sent, read back as JSON. */
    private static final class Console {
        final FakeSession client = new FakeSession(new ConsoleCodec.MessageEncoder());
        final Outbox outbox = new Outbox(client.session(), 10_000, 1000, Runnable::run);
        private final List<JsonObject> received = new ArrayList<>();

        List<JsonObject> messages(String type) {
            for (String text = client.poll(); text != null; text = client.poll()) {
                received.add(JsonSupport.readTree(text).asJsonObject());
            }
            return received.stream().filter(m -> m.getString("type").equals(type)).toList();
        }

        List<JsonObject> received() {
            messages("");
            return received;
        }

        JsonObject last(String type) {
            List<JsonObject> all = messages(type);
            assertTrue(!all.isEmpty(), "no '" + type + "' message: " + received);
            return all.get(all.size() - 1);
        }
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
    }

    /** Runs what both instances handed to their workers, the grid's deliveries included, until nothing is left. */
    private void settle() {
        while (a.workers.waiting() + b.workers.waiting() > 0) {
            a.workers.runAll();
            b.workers.runAll();
        }
    }

    private static ConsoleCommands commands(TestHub on, long replyTimeoutMillis) {
        ConsoleService service = new ConsoleService();
        service.hub = on.hub;
        ConsoleCommands commands = new ConsoleCommands();
        commands.cluster = on.hub.cluster;
        commands.hub = on.hub;
        commands.service = service;
        commands.workers = on.hub.workers;
        commands.replyTimeoutMillis = replyTimeoutMillis;
        commands.start();
        return commands;
    }

    /** A command as a console sends it; its replies, read back as JSON, are added to {@code replies}. */
    private static void command(ConsoleCommands commands, String json, List<JsonObject> replies) {
        try {
            commands.handle(new ConsoleCodec.CommandDecoder().decode(json),
                    reply -> replies.add(JsonSupport.readTree(JsonSupport.JSONB.toJson(reply)).asJsonObject()));
        } catch (jakarta.websocket.DecodeException e) {
            throw new AssertionError(e);
        }
    }

    /** A command from a console on B, carried through to the end; its one reply. */
    private JsonObject fromB(String json) {
        List<JsonObject> replies = new ArrayList<>();
        command(commandsOnB, json, replies);
        settle();
        assertEquals(1, replies.size(), replies.toString());
        return replies.get(0);
    }

    private Console console(TestHub on) {
        Console console = new Console();
        on.hub.addConsole(console.outbox);
        return console;
    }

    private TestHub.Game startedGame(TestHub on, String name) {
        TestHub.Game game = on.connect();
        on.send(game, name, "startup", null);
        on.send(game, name, "actions/register", "{\"actions\":[" + PLAY + "]}");
        settle();
        return game;
    }

    private static List<String> actionNames(JsonObject view) {
        return view.getJsonArray("actions").stream().map(a -> a.asJsonObject().getString("name")).toList();
    }

    @Test
    void aGameOnOneInstanceAppearsWithItsActionsOnTheConsolesOfTheOther() {
        settle();
        Console onB = console(b);
        TestHub.Game game = startedGame(a, "Tic Tac Toe");

        JsonObject update = onB.last("game");
        JsonObject view = update.getJsonObject("view");
        assertEquals(game.connection.id(), view.getString("connection_id"));
        assertEquals("Tic Tac Toe", view.getString("game"));
        assertEquals(List.of("play"), actionNames(view));
        assertEquals(2, view.getJsonArray("actions").get(0).asJsonObject().getJsonObject("schema")
                .getJsonObject("properties").getJsonObject("x").getInt("maximum"), "the schema as the game sent it");

        Console later = console(b);
        JsonObject snapshot = later.last("snapshot");
        assertEquals(List.of(game.connection.id()), snapshot.getJsonArray("games").stream()
                .map(g -> g.asJsonObject().getString("connection_id")).toList(), "a console opened later sees it too");
        assertEquals(List.of("play"), actionNames(snapshot.getJsonArray("games").getJsonObject(0)));
    }

    @Test
    void anActionSentFromTheOtherInstancesConsoleReachesTheGameAndIsAcknowledgedWithItsId() {
        TestHub.Game game = startedGame(a, "Tic Tac Toe");
        String id = game.connection.id();

        JsonObject reply = fromB("{\"type\":\"send_action\",\"request_id\":\"r1\",\"connection_id\":\"" + id
                + "\",\"game\":\"Tic Tac Toe\",\"action\":\"play\",\"data\":{\"x\":1}}");

        List<JsonObject> actions = game.sent("action");
        assertEquals(1, actions.size(), "the game on A got the action");
        assertEquals("play", actions.get(0).getJsonObject("data").getString("name"));
        assertEquals("{\"x\":1}", actions.get(0).getJsonObject("data").getString("data"));
        assertEquals("ack", reply.getString("type"));
        assertEquals("r1", reply.getString("request_id"));
        assertEquals("send_action", reply.getString("command"));
        assertEquals(actions.get(0).getJsonObject("data").getString("id"), reply.getString("action_id"));
        assertEquals(1, a.session(game, "Tic Tac Toe").inFlight().size(), "in flight on the instance the game is on");
    }

    @Test
    void theOwnersValidationAnswersTheOtherInstancesConsoleWithTheSameErrors() {
        TestHub.Game game = startedGame(a, "Tic Tac Toe");
        String id = game.connection.id();

        JsonObject invalid = fromB("{\"type\":\"send_action\",\"request_id\":\"r2\",\"connection_id\":\"" + id
                + "\",\"game\":\"Tic Tac Toe\",\"action\":\"play\",\"data\":{\"x\":5}}");
        assertEquals("error", invalid.getString("type"));
        assertEquals("invalid_data", invalid.getString("code"));
        assertEquals("r2", invalid.getString("request_id"));
        assertTrue(!invalid.getJsonArray("problems").isEmpty(), invalid.toString());

        JsonObject unknownAction = fromB("{\"type\":\"send_action\",\"connection_id\":\"" + id
                + "\",\"game\":\"Tic Tac Toe\",\"action\":\"jump\"}");
        assertEquals("unknown_action", unknownAction.getString("code"));
        JsonObject unknownGame = fromB("{\"type\":\"send_action\",\"connection_id\":\"" + id
                + "\",\"game\":\"Chess\",\"action\":\"play\"}");
        assertEquals("unknown_game", unknownGame.getString("code"));
        JsonObject noForce = fromB("{\"type\":\"answer_force\",\"connection_id\":\"" + id
                + "\",\"game\":\"Tic Tac Toe\",\"action\":\"play\",\"data\":{\"x\":1}}");
        assertEquals("no_pending_force", noForce.getString("code"));
        assertEquals(List.of(), game.sent("action"), "nothing refused reached the game");

        JsonObject nowhere = fromB("{\"type\":\"reregister_all\",\"connection_id\":\"no-such-connection\"}");
        assertEquals("unknown_connection", nowhere.getString("code"), "a connection no instance has");
    }

    @Test
    void reregisterAndBothShutdownsFromTheOtherInstanceReachTheGame() {
        TestHub.Game game = startedGame(a, "Tic Tac Toe");
        String id = game.connection.id();
        int reregistersOnConnect = game.sent("actions/reregister_all").size();

        assertEquals("ack", fromB("{\"type\":\"reregister_all\",\"connection_id\":\"" + id + "\"}").getString("type"));
        assertEquals(reregistersOnConnect + 1, game.sent("actions/reregister_all").size());

        JsonObject graceful = fromB("{\"type\":\"shutdown_graceful\",\"connection_id\":\"" + id + "\",\"wants_shutdown\":true}");
        assertEquals("shutdown_graceful", graceful.getString("command"));
        List<JsonObject> asked = game.sent("shutdown/graceful");
        assertEquals(1, asked.size());
        assertTrue(asked.get(0).getJsonObject("data").getBoolean("wants_shutdown"));

        JsonObject immediate = fromB("{\"type\":\"shutdown_immediate\",\"connection_id\":\"" + id + "\"}");
        assertEquals("shutdown_immediate", immediate.getString("command"));
        assertEquals(1, game.sent("shutdown/immediate").size());
    }

    @Test
    void aDeciderChosenOnOneInstancesConsoleIsEveryInstancesAndThatOfOneThatJoinsLater() {
        Console onA = console(a);

        JsonObject reply = fromB("{\"type\":\"set_decider\",\"request_id\":\"d1\",\"decider\":\"random\"}");

        assertEquals("ack", reply.getString("type"), reply.toString());
        assertEquals("random", onA.last("decider").getString("decider"), "A's deciders changed, and its console is told");
        try (TestHub later = new TestHub(space, "c")) {
            while (later.workers.waiting() > 0) {
                later.workers.runAll();
            }
            Console onC = console(later);
            assertEquals("random", onC.last("snapshot").getString("decider"), "an instance that starts later takes the cluster's choice");
        }
    }

    @Test
    void aForceWaitingOnOneInstanceIsShownAndAnsweredFromTheOthersConsole() {
        Console onB = console(b);
        TestHub.Game game = startedGame(a, "Tic Tac Toe");
        a.send(game, "Tic Tac Toe", "actions/force", "{\"query\":\"Your move\",\"action_names\":[\"play\"]}");
        settle();
        JsonObject force = onB.last("game").getJsonObject("view").getJsonObject("pending_force");
        assertEquals("Your move", force.getString("query"));
        assertEquals("choosing", force.getString("status"));

        JsonObject reply = fromB("{\"type\":\"answer_force\",\"request_id\":\"f1\",\"connection_id\":\""
                + game.connection.id() + "\",\"game\":\"Tic Tac Toe\",\"action\":\"play\",\"data\":{\"x\":2}}");

        assertEquals("ack", reply.getString("type"), reply.toString());
        List<JsonObject> actions = game.sent("action");
        assertEquals(1, actions.size());
        assertEquals("{\"x\":2}", actions.get(0).getJsonObject("data").getString("data"));
        assertEquals(actions.get(0).getJsonObject("data").getString("id"), reply.getString("action_id"));
        assertEquals("awaiting_result", onB.last("game").getJsonObject("view").getJsonObject("pending_force").getString("status"),
                "B's console sees the force answered");
    }

    @Test
    void aLostInstancesGamesDropOffTheOtherInstancesConsolesAndOutOfTheGrid() {
        Console onB = console(b);
        TestHub.Game game = startedGame(a, "Tic Tac Toe");
        assertEquals(game.connection.id(), onB.last("game").getJsonObject("view").getString("connection_id"));

        space.lose("a");
        settle();

        JsonObject closed = onB.last("game_closed");
        assertEquals(game.connection.id(), closed.getString("connection_id"));
        assertEquals("Tic Tac Toe", closed.getString("game"));
        assertEquals(0, console(b).last("snapshot").getJsonArray("games").size(), "a new console on B has no game of A");
        assertEquals(Map.of(), space.member("probe", Runnable::run).map("neuro.games").entries(),
                "the survivor took A's games out of the grid");
        JsonObject gone = fromB("{\"type\":\"reregister_all\",\"connection_id\":\"" + game.connection.id() + "\"}");
        assertEquals("unknown_connection", gone.getString("code"));
    }

    @Test
    void aGameThatDisconnectsIsClosedOnTheOtherInstanceAfterItsLastUpdate() {
        Console onB = console(b);
        TestHub.Game game = startedGame(a, "Tic Tac Toe");
        a.send(game, "Tic Tac Toe", "context", "{\"message\":\"You are X.\",\"silent\":true}");
        settle();
        a.hub.disconnected(game.connection);
        settle();

        List<String> types = onB.received().stream().map(m -> m.getString("type")).toList();
        assertEquals(List.of("snapshot", "game", "game_closed"), types.stream().distinct().toList(), types.toString());
        assertEquals("game_closed", types.get(types.size() - 1), "nothing of the game follows its end");
        assertEquals("You are X.", onB.last("game").getJsonObject("view").getJsonArray("context").getJsonObject(0)
                .getString("message"), "its last update came before it");
        assertEquals(0, console(b).last("snapshot").getJsonArray("games").size());
        assertEquals(Map.of(), space.member("probe", Runnable::run).map("neuro.games").entries());
    }

    @Test
    void anInstanceThatDoesNotAnswerIsAnsweredForWithOwnerUnavailable() throws Exception {
        ConsoleCommands impatient = commands(b, 50);
        LocalGrid silent = space.member("c", Runnable::run);
        silent.publish("neuro.games", JsonSupport.JSONB.toJson(new dev.switchboard.neuro.cluster.GameNews("c", 1,
                new ConsoleMessage.GameUpdate(List.of(), 0, new GameView("conn-on-c", "Mute", true, List.of(), null,
                        List.of(), List.of(), List.of())))));
        settle();

        java.util.concurrent.BlockingQueue<JsonObject> replies = new java.util.concurrent.LinkedBlockingQueue<>();
        impatient.handle(new ConsoleCommand.ReregisterAll("r9", "conn-on-c"),
                reply -> replies.add(JsonSupport.readTree(JsonSupport.JSONB.toJson(reply)).asJsonObject()));
        settle();
        JsonObject reply = replies.poll(5, java.util.concurrent.TimeUnit.SECONDS);

        assertEquals("error", reply.getString("type"));
        assertEquals("owner_unavailable", reply.getString("code"));
        assertEquals("r9", reply.getString("request_id"));
        assertEquals(null, replies.poll(), "one reply only");
    }

    @Test
    void theDiagnosticsReportOfEitherInstanceHasEveryInstancesGamesAndSaysWhereEachIs() {
        TestHub.Game game = startedGame(a, "Tic Tac Toe");
        a.send(game, "Tic Tac Toe", "dance", null);
        TestHub.Game other = startedGame(b, "Chess");
        b.send(other, "Chess", "actions/force", "{\"query\":\"q\",\"action_names\":[\"castle\"]}");
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newCachedThreadPool();
        try {
            // Reports cross their own grid, on real threads: asking blocks until the other instance answers.
            LocalGrid.Space reports = new LocalGrid.Space();
            ClusterDiagnostics onA = new ClusterDiagnostics(reports.member("a", threads), a.hub::diagnostics, 5000);
            ClusterDiagnostics onB = new ClusterDiagnostics(reports.member("b", threads), b.hub::diagnostics, 5000);
            onA.start();
            onB.start();

            JsonObject report = JsonSupport.readTree(JsonSupport.JSONB.toJson(onB.report(null))).asJsonObject();

            assertEquals(1, report.getInt("errors"), report.toString());
            assertEquals(1, report.getInt("warnings"), report.toString());
            assertEquals(List.of("a", "b"), report.getJsonArray("members").getValuesAs(jakarta.json.JsonString::getString));
            assertEquals(List.of(), report.getJsonArray("unanswered"));
            assertEquals(List.of("Chess@b", "Tic Tac Toe@a"), report.getJsonArray("games").getValuesAs(JsonObject.class).stream()
                    .map(g -> g.getString("game") + "@" + g.getString("member")).toList());
            JsonObject ticTacToe = report.getJsonArray("games").getJsonObject(1);
            assertEquals(1, ticTacToe.getJsonObject("by_code").getInt("unknown_command"));
            assertEquals(game.connection.id(), ticTacToe.getJsonArray("diagnostics").getJsonObject(0).getString("connection_id"));

            JsonObject one = JsonSupport.readTree(JsonSupport.JSONB.toJson(onB.report("Tic Tac Toe"))).asJsonObject();
            assertEquals(List.of("Tic Tac Toe@a"), one.getJsonArray("games").getValuesAs(JsonObject.class).stream()
                    .map(g -> g.getString("game") + "@" + g.getString("member")).toList());

            reports.member("c", threads);
            ClusterDiagnostics onD = new ClusterDiagnostics(reports.member("d", threads), b.hub::diagnostics, 100);
            onD.start();
            ClusterReport partial = onD.report(null);
            assertEquals(List.of("c"), partial.unanswered(), "an instance that does not answer in time is named");
        } finally {
            threads.shutdownNow();
        }
    }
}
