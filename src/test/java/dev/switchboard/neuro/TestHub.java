package dev.switchboard.neuro;

import dev.switchboard.cluster.Cluster;
import dev.switchboard.cluster.LocalGrid;
import dev.switchboard.concurrent.Workers;
import dev.switchboard.neuro.decide.Decider;
import dev.switchboard.neuro.decide.RandomDecider;
import dev.switchboard.neuro.game.GameCommandEncoder;
import dev.switchboard.neuro.game.GameConnection;
import dev.switchboard.neuro.game.GameFrameDecoder;
import dev.switchboard.neuro.game.GameSession;
import dev.switchboard.websocket.FakeSession;
import dev.switchboard.websocket.JsonSupport;
import dev.switchboard.websocket.Outbox;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.json.JsonObject;

import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A {@link NeuroHub} without a container, for unit tests: games and consoles are fake WebSocket
 * sessions, frames go in as a game sends them, and what the hub hands to a worker (console updates, bus
 * activity) waits in {@link #workers} until the test runs it. Forces go to {@link #decider}, which only
 * records what it is asked; result timeouts are far off (20 s). {@link #close()} stops the timers.
 */
public final class TestHub implements AutoCloseable {
    /** A game connection as the test drives it: the hub's side and what the game was sent. */
    public static final class Game {
        public final GameConnection connection;
        private final FakeSession client;
        private final List<JsonObject> received = new ArrayList<>();

        Game(GameConnection connection, FakeSession client) {
            this.connection = connection;
            this.client = client;
        }

        /** The commands named {@code command} sent to the game so far, oldest first, read back as JSON. */
        public List<JsonObject> sent(String command) {
            for (String text = client.poll(); text != null; text = client.poll()) {
                received.add(JsonSupport.readTree(text).asJsonObject());
            }
            return received.stream().filter(c -> c.getString("command").equals(command)).toList();
        }
    }

    /** A decider that records each request for a choice; the test answers it (or not). */
    public static final class RecordingDecider implements Decider {
        public record Asked(GameSession session, GameSession.PendingForce force) {
        }

        public final List<Asked> asked = new ArrayList<>();

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public synchronized void decide(GameSession session, GameSession.PendingForce force) {
            asked.add(new Asked(session, force));
        }

        public synchronized Asked last() {
            return asked.get(asked.size() - 1);
        }
    }

    /** Tasks handed to a worker, run only when the test says so, in the order they were handed over. */
    public static final class ManualExecutor extends AbstractExecutorService {
        private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

        @Override
        public synchronized void execute(Runnable task) {
            tasks.add(task);
        }

        /** Runs every task, including those the tasks hand over. */
        public void runAll() {
            for (Runnable task = take(); task != null; task = take()) {
                task.run();
            }
        }

        public synchronized int waiting() {
            return tasks.size();
        }

        private synchronized Runnable take() {
            return tasks.poll();
        }

        @Override
        public void shutdown() {
        }

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return false;
        }
    }

    public final NeuroHub hub = new NeuroHub();
    public final ManualExecutor workers = new ManualExecutor();
    public final RecordingDecider decider = new RecordingDecider();
    public final List<NeuroEvent> activity = new ArrayList<>();
    private final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1);

    public TestHub() {
        this(null, null);
    }

    /** One instance of a cluster ({@code space} not null): member {@code member}, whose grid callbacks wait in {@link #workers}. */
    @SuppressWarnings("unchecked")
    public TestHub(LocalGrid.Space space, String member) {
        hub.workers = Workers.using(workers, timers);
        hub.cluster = space == null ? Cluster.off() : Cluster.of(space.member(member, workers));
        List<Decider> deciders = List.of(decider, new RandomDecider());
        hub.deciderBeans = (Instance<Decider>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{Instance.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "iterator" -> deciders.iterator();
                    case "forEach" -> {
                        deciders.forEach((java.util.function.Consumer<Decider>) args[0]);
                        yield null;
                    }
                    case "stream" -> deciders.stream();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        hub.activity = (Event<NeuroEvent>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{Event.class}, (proxy, method, args) -> {
                    if (method.getName().equals("fire")) {
                        synchronized (activity) {
                            activity.add((NeuroEvent) args[0]);
                        }
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        hub.initialDecider = decider.name();
        hub.initialDeciderByPriority = " ";
        hub.maxRetries = 3;
        hub.resultTimeoutMillis = 20_000;
        hub.character = "neuro";
        hub.displayName = Optional.empty();
        hub.consoleUpdateMillis = 0; // every console update is a worker task at once: the test runs them
        hub.start();
    }

    /** A game connects: the hub sends it actions/reregister_all. */
    public Game connect() {
        FakeSession client = new FakeSession(new GameCommandEncoder());
        return new Game(hub.connect(new Outbox(client.session(), 10_000, 1000, Runnable::run)), client);
    }

    /** One frame of the game, as it arrives on the wire. */
    public void receive(Game game, String json) {
        hub.receive(game.connection, new GameFrameDecoder.Received(json, new GameFrameDecoder().read(json)));
    }

    /** A frame {@code {"command", "game", "data"}} of this game. */
    public void send(Game game, String gameName, String command, String data) {
        receive(game, "{\"command\":\"" + command + "\",\"game\":\"" + gameName + "\""
                + (data == null ? "" : ",\"data\":" + data) + "}");
    }

    public GameSession session(Game game, String gameName) {
        return game.connection.sessions().get(gameName);
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }
}
