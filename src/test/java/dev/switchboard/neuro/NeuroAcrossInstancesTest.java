package dev.switchboard.neuro;

import dev.switchboard.cluster.LocalGrid;
import dev.switchboard.neuro.console.ConsoleCodec;
import dev.switchboard.websocket.FakeSession;
import dev.switchboard.websocket.JsonSupport;
import dev.switchboard.websocket.Outbox;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

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
}
