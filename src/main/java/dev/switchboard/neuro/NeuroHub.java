package dev.switchboard.neuro;

import dev.switchboard.concurrent.HandOff;
import dev.switchboard.concurrent.Workers;
import dev.switchboard.websocket.Outbox;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The Neuro side of the game API: every game connection and its sessions, the deciders, and the
 * operator consoles that watch and steer them.
 */
@ApplicationScoped
public class NeuroHub implements GameSession.Port {
    private static final Logger LOG = Logger.getLogger(NeuroHub.class.getName());
    /** Sessions of frames whose game could not be read. */
    static final String NO_GAME = "";
    /** A game's name never changes during a connection; a few names (and the nameless) are tolerated. */
    static final int MAX_GAMES_PER_CONNECTION = 8;

    @Inject
    Workers workers;

    @Inject
    @Any
    Instance<Decider> deciderBeans;

    @Inject
    Event<NeuroEvent> activity;

    @Inject
    @ConfigProperty(name = "switchboard.neuro.decider", defaultValue = RandomDecider.NAME)
    String initialDecider;

    @Inject
    @ConfigProperty(name = "switchboard.neuro.max-retries", defaultValue = "3")
    int maxRetries;

    @Inject
    @ConfigProperty(name = "switchboard.neuro.result-timeout-ms", defaultValue = "20000")
    long resultTimeoutMillis;

    @Inject
    @ConfigProperty(name = "switchboard.neuro.character", defaultValue = "neuro")
    String character;

    @Inject
    @ConfigProperty(name = "switchboard.neuro.display-name")
    Optional<String> displayName;

    private Map<String, Decider> deciders;
    private volatile String decider;
    private final Map<String, GameConnection> connections = new ConcurrentHashMap<>();
    private final ConsoleFeed consoles = new ConsoleFeed();
    /** The context of games that disconnected, by game name (it survives reconnects); at most 100 games. */
    private final Map<String, Deque<GameSession.ContextEntry>> memory = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Deque<GameSession.ContextEntry>> eldest) {
                    return size() > 100;
                }
            });

    /** Neuro activity for other features (the bus), in order, delivered after the game's lock is left. */
    private HandOff<NeuroEvent> activityOut;

    @PostConstruct
    void start() {
        activityOut = new HandOff<>(activity::fire);
        Map<String, Decider> byName = new TreeMap<>();
        deciderBeans.forEach(d -> byName.put(d.name(), d));
        deciders = Map.copyOf(byName);
        decider = deciders.containsKey(initialDecider) ? initialDecider : RandomDecider.NAME;
        if (!decider.equals(initialDecider)) {
            LOG.warning(() -> "Unknown switchboard.neuro.decider '" + initialDecider + "', using random");
        }
    }

    // --- games ---------------------------------------------------------------------------------

    GameConnection connect(Outbox outbox) {
        GameConnection connection = new GameConnection(outbox);
        connections.put(connection.id(), connection);
        connection.send(GameCommand.reregisterAll());
        tellOthers(new NeuroEvent(connection.id(), null, "connected", "a game connected"));
        return connection;
    }

    void receive(GameConnection connection, GameFrameDecoder.Received received) {
        GameFrame frame = received.frame();
        String game = frame.game() == null ? NO_GAME : frame.game();
        if (!connection.sessions().containsKey(game) && connection.sessions().size() >= MAX_GAMES_PER_CONNECTION) {
            connection.sessions().computeIfAbsent(NO_GAME, name -> newSession(connection, name)).warn(
                    "ignored a frame for game '" + game + "': one connection may use at most "
                            + MAX_GAMES_PER_CONNECTION + " game names", received.raw());
            return;
        }
        GameSession session = connection.sessions().computeIfAbsent(game, name -> newSession(connection, name));
        frame.warnings().forEach(w -> session.warn(w, received.raw()));
        if (frame instanceof GameFrame.Ignored ignored) {
            LOG.fine(() -> "Ignored frame from " + connection.id() + ": " + ignored.reason());
        } else if (frame instanceof GameFrame.Startup) {
            session.startup();
            connection.send(GameCommand.startup(new GameCommand.Session(UUID.randomUUID().toString(),
                    characterId(), displayName.orElse(characterId().equals("evil") ? "Evil Neuro" : "Neuro-sama"))));
        } else if (frame instanceof GameFrame.Context context) {
            session.context(context.message(), context.silent());
        } else if (frame instanceof GameFrame.Register register) {
            warnCollisions(connection, game, register.actions());
            session.unregister(register.rejected());
            session.register(register.actions());
        } else if (frame instanceof GameFrame.Unregister unregister) {
            session.unregister(unregister.names());
        } else if (frame instanceof GameFrame.Force force) {
            session.force(force.request());
        } else if (frame instanceof GameFrame.Result result) {
            session.result(result.id(), result.success(), result.message());
        } else if (frame instanceof GameFrame.ShutdownReady) {
            session.note("shutdown", "the game is ready to be closed");
        }
    }

    void disconnected(GameConnection connection) {
        connections.remove(connection.id());
        for (GameSession session : connection.sessions().values()) {
            session.close();
            if (!session.game().equals(NO_GAME)) {
                memory.put(session.game(), new ArrayDeque<>(session.contextLog()));
            }
            consoles.publish(new ConsoleMessage.GameClosed(connection.id(), session.game()));
            tellOthers(new NeuroEvent(connection.id(), session.game(), "disconnected", "the game disconnected"));
        }
    }

    private GameSession newSession(GameConnection connection, String game) {
        Deque<GameSession.ContextEntry> remembered = memory.get(game);
        return new GameSession(connection.id(), game, this, maxRetries,
                remembered == null ? new ArrayDeque<>() : new ArrayDeque<>(remembered));
    }

    /** Action names are shared by every game of the same character, so the same name twice is worth a warning. */
    private void warnCollisions(GameConnection connection, String game, List<Action> registered) {
        for (GameConnection other : connections.values()) {
            for (GameSession session : other.sessions().values()) {
                if (other == connection && session.game().equals(game)) {
                    continue;
                }
                for (Action action : registered) {
                    if (session.action(action.name()) != null) {
                        connection.sessions().get(game).warn("action name '" + action.name()
                                + "' is also registered by '" + session.game() + "' on connection " + other.id(), null);
                    }
                }
            }
        }
    }

    private String characterId() {
        return "evil".equalsIgnoreCase(character) ? "evil" : "neuro";
    }

    // --- GameSession.Port ----------------------------------------------------------------------

    @Override
    public void sendAction(GameSession session, String id, String name, String data) {
        GameConnection connection = connections.get(session.connectionId());
        if (connection != null) {
            connection.send(GameCommand.action(id, name, data));
        }
    }

    @Override
    public Future<?> scheduleTimeout(GameSession session, String actionId) {
        return workers.scheduler().schedule(() -> session.timeout(actionId), resultTimeoutMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void decide(GameSession session, GameSession.PendingForce force) {
        deciders.get(decider).decide(session, force);
    }

    @Override
    public void changed(GameSession session, String kind, String detail) {
        if (!consoles.isEmpty()) {
            consoles.publish(new ConsoleMessage.GameUpdate(kind, detail, GameView.of(session)));
        }
        tellOthers(new NeuroEvent(session.connectionId(), session.game(), kind, detail));
    }

    private void tellOthers(NeuroEvent event) {
        activityOut.add(event);
        activityOut.drainLater(workers.executor());
    }

    // --- the operator console ------------------------------------------------------------------

    void addConsole(Outbox outbox) {
        consoles.add(outbox, this::snapshot);
    }

    void resendSnapshot(Outbox outbox) {
        consoles.resend(outbox, this::snapshot);
    }

    void removeConsole(Outbox outbox) {
        consoles.remove(outbox);
    }

    ConsoleMessage.Snapshot snapshot() {
        return new ConsoleMessage.Snapshot(decider, List.copyOf(deciders.keySet()), connections.values().stream()
                .flatMap(c -> c.sessions().values().stream())
                .sorted(Comparator.comparing(GameSession::connectionId).thenComparing(GameSession::game))
                .map(GameView::of).toList());
    }

    String decider() {
        return decider;
    }

    /** Switches the decider; forces waiting for a choice are offered to the new one. */
    boolean setDecider(String name) {
        if (!deciders.containsKey(name)) {
            return false;
        }
        decider = name;
        consoles.publish(new ConsoleMessage.DeciderChanged(name));
        connections.values().forEach(c -> c.sessions().values().forEach(GameSession::reoffer));
        return true;
    }

    Set<String> deciderNames() {
        return deciders.keySet();
    }

    Optional<GameConnection> connection(String id) {
        return Optional.ofNullable(id == null ? null : connections.get(id));
    }
}
