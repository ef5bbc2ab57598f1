package dev.switchboard.neuro;

import dev.switchboard.cluster.Cluster;
import dev.switchboard.concurrent.HandOff;
import dev.switchboard.concurrent.Workers;
import dev.switchboard.neuro.bounds.Shorten;
import dev.switchboard.neuro.cluster.SharedDeciders;
import dev.switchboard.neuro.cluster.SharedGames;
import dev.switchboard.neuro.console.Consoles;
import dev.switchboard.neuro.console.GameMirror;
import dev.switchboard.neuro.decide.Decider;
import dev.switchboard.neuro.decide.DeciderChoice;
import dev.switchboard.neuro.decide.Deciders;
import dev.switchboard.neuro.decide.RandomDecider;
import dev.switchboard.neuro.diagnostics.ClosedSessionLogs;
import dev.switchboard.neuro.diagnostics.Diagnostic;
import dev.switchboard.neuro.diagnostics.DiagnosticCode;
import dev.switchboard.neuro.diagnostics.DiagnosticCounts;
import dev.switchboard.neuro.diagnostics.DiagnosticsReport;
import dev.switchboard.neuro.diagnostics.SessionLog;
import dev.switchboard.neuro.game.ContextMemory;
import dev.switchboard.neuro.game.FrameHandler;
import dev.switchboard.neuro.game.FrameWarning;
import dev.switchboard.neuro.game.GameCommand;
import dev.switchboard.neuro.game.GameConnection;
import dev.switchboard.neuro.game.GameConnections;
import dev.switchboard.neuro.game.GameFrame;
import dev.switchboard.neuro.game.GameFrameDecoder;
import dev.switchboard.neuro.game.GameSession;
import dev.switchboard.neuro.game.Tallies;
import dev.switchboard.websocket.Outbox;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Optional;
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
    /** The connection's own session: frames whose game could not be read, when it has not exactly one game. */
    public static final String NO_GAME = "";
    /** A game's name never changes during a connection; a few names are tolerated (with a diagnostic). */
    public static final int MAX_GAMES_PER_CONNECTION = 8;

    @Inject
    Workers workers;

    @Inject
    Cluster cluster;

    @Inject
    @Any
    Instance<Decider> deciderBeans;

    @Inject
    Event<NeuroEvent> activity;

    @Inject
    @ConfigProperty(name = "switchboard.neuro.decider", defaultValue = RandomDecider.NAME)
    String initialDecider;

    /** e.g. {@code low=random,critical=operator}; unlisted priorities use the default decider. */
    @Inject
    @ConfigProperty(name = "switchboard.neuro.decider-by-priority", defaultValue = " ")
    String initialDeciderByPriority;

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

    @Inject
    @ConfigProperty(name = "switchboard.neuro.console-update-ms", defaultValue = "100")
    long consoleUpdateMillis;

    private Deciders deciders;
    private final GameConnections connections = new GameConnections();
    private Consoles consoles;
    /** The other instances' games; null when clustering is off. */
    private SharedGames shared;
    /** The cluster's one choice of deciders; null when clustering is off. */
    private SharedDeciders sharedDeciders;
    private FrameHandler frames;
    private final ContextMemory memory = new ContextMemory();

    private final Tallies tallies = new Tallies();
    private final DiagnosticCounts diagnosticCounts = new DiagnosticCounts();
    private final DiagnosticsReport report = new DiagnosticsReport();
    private final ClosedSessionLogs closedLogs = new ClosedSessionLogs();

    /** Neuro activity for other features (the bus), in order, delivered after the game's lock is left. */
    private HandOff<NeuroEvent> activityOut;

    @PostConstruct
    void start() {
        activityOut = new HandOff<>(activity::fire);
        deciders = Deciders.configured(deciderBeans, initialDecider, initialDeciderByPriority, LOG::warning,
                changed -> consoles.deciderChanged(changed));
        if (cluster.enabled()) {
            shared = new SharedGames(cluster.grid(), workers.executor(), message -> consoles.showOther(message));
        }
        consoles = new Consoles(workers, consoleUpdateMillis, connections, deciders, shared == null ? GameMirror.NONE : shared);
        if (shared != null) {
            shared.start();
            sharedDeciders = new SharedDeciders(cluster.grid(), this::adoptDeciders);
            sharedDeciders.start();
        }
        frames = new FrameHandler(character, displayName);
    }

    // --- games ---------------------------------------------------------------------------------

    GameConnection connect(Outbox outbox) {
        GameConnection connection = new GameConnection(outbox);
        connections.add(connection);
        connection.send(GameCommand.reregisterAll());
        tellOthers(new NeuroEvent(connection.id(), null, "connected", "a game connected"));
        return connection;
    }

    /**
     * One frame of a game: whatever it causes to warn about becomes one diagnostic of its session. A
     * frame whose game cannot be read goes to the connection's only game, or to the connection's own
     * session if it has none or several.
     */
    void receive(GameConnection connection, GameFrameDecoder.Received received) {
        GameFrame frame = received.frame();
        connection.log().in(frame.game(), received.raw());
        Route route = route(connection.sessions().keySet(), frame.game());
        String game = route.game();
        FrameWarning.Found warning = frame.warning();
        if (route.problem() == DiagnosticCode.TOO_MANY_GAMES) {
            connection.sessions().computeIfAbsent(NO_GAME, name -> newSession(connection, name)).diagnose(
                    List.of(DiagnosticCode.TOO_MANY_GAMES), "ignored a frame for game '" + Shorten.name(frame.game())
                            + "': one connection may use at most " + MAX_GAMES_PER_CONNECTION + " game names", received.raw());
            return;
        }
        if (route.problem() == DiagnosticCode.GAME_NAME_CHANGED) {
            warning = FrameWarning.Found.joined(warning, FrameWarning.Found.of(DiagnosticCode.GAME_NAME_CHANGED,
                    "the game's name changed on one connection (to '" + Shorten.name(game)
                            + "'): the Neuro API expects one game per connection"));
        }
        GameSession session = connection.sessions().computeIfAbsent(game, name -> newSession(connection, name));
        if (frame instanceof GameFrame.Register register) {
            // Before taking this game's lock: looking at other games takes theirs.
            String collisions = connections.collisions(connection, game, register.actions());
            if (collisions != null) {
                warning = FrameWarning.Found.joined(warning,
                        FrameWarning.Found.of(DiagnosticCode.ACTION_NAME_COLLISION, collisions));
            }
        }
        session.frame(received.raw(), warning, () -> handle(connection, session, frame));
    }

    /** Where a frame goes: {@code game} is the session's key; {@code problem} null, GAME_NAME_CHANGED or TOO_MANY_GAMES. */
    public record Route(String game, DiagnosticCode problem) {
    }

    /**
     * The session of a frame naming {@code frameGame} (null: not readable) on a connection with these
     * sessions: a frame without a readable game goes to the connection's only game, else to the
     * connection's own session ({@link #NO_GAME}); a new name on a connection that has a game is a
     * change of name, refused beyond {@link #MAX_GAMES_PER_CONNECTION} names.
     */
    public static Route route(java.util.Collection<String> sessions, String frameGame) {
        List<String> named = sessions.stream().filter(g -> !g.equals(NO_GAME)).toList();
        if (frameGame == null) {
            return new Route(named.size() == 1 ? named.get(0) : NO_GAME, null);
        }
        if (named.contains(frameGame) || named.isEmpty()) {
            return new Route(frameGame, null);
        }
        return named.size() >= MAX_GAMES_PER_CONNECTION ? new Route(NO_GAME, DiagnosticCode.TOO_MANY_GAMES)
                : new Route(frameGame, DiagnosticCode.GAME_NAME_CHANGED);
    }

    private void handle(GameConnection connection, GameSession session, GameFrame frame) {
        if (frame instanceof GameFrame.Ignored ignored) {
            LOG.fine(() -> "Ignored frame from " + connection.id() + ": " + ignored.reason());
        } else {
            frames.handle(connection, session, frame);
        }
    }

    void disconnected(GameConnection connection) {
        connections.remove(connection);
        closedLogs.keep(connection.id(), connection.log());
        for (GameSession session : connection.sessions().values()) {
            session.close();
            consoles.forget(session);
            if (!session.game().equals(NO_GAME)) {
                memory.remember(session.game(), session.contextLog());
            }
            consoles.gameClosed(session);
            tellOthers(new NeuroEvent(connection.id(), session.shownGame(), "disconnected", "the game disconnected"));
        }
    }

    private GameSession newSession(GameConnection connection, String game) {
        return new GameSession(connection.id(), game, this, maxRetries, memory.recall(game));
    }

    // --- GameSession.Port ----------------------------------------------------------------------

    @Override
    public void sendAction(GameSession session, String id, String name, String data) {
        connections.find(session.connectionId())
                .ifPresent(connection -> connection.send(GameCommand.action(id, name, data)));
    }

    @Override
    public Future<?> scheduleTimeout(GameSession session, String actionId) {
        return workers.scheduler().schedule(() -> session.timeout(actionId), resultTimeoutMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void decide(GameSession session, GameSession.PendingForce force) {
        deciders.decide(session, force);
    }

    /** Shown to the consoles (coalesced) and mirrored on the bus; the detail shortened to 2 KiB. */
    @Override
    public void changed(GameSession session, String kind, String detail) {
        String shown = Shorten.toBytes(detail, Shorten.SHOWN_BYTES);
        consoles.changed(session, kind, shown);
        tellOthers(new NeuroEvent(session.connectionId(), session.shownGame(), kind, shown));
    }

    /**
     * Counted by code (every code of it), kept for the report, and shown to the consoles and the bus as a
     * change of kind {@code warning} whose detail is {@code "<code>: <message>"}.
     */
    @Override
    public void diagnosed(GameSession session, Diagnostic diagnostic) {
        diagnosticCounts.add(diagnostic);
        report.add(diagnostic);
        String detail = diagnostic.code().code() + ": " + diagnostic.message();
        consoles.changed(session, "warning", detail);
        tellOthers(new NeuroEvent(session.connectionId(), diagnostic.game(), "warning", detail,
                DiagnosticsReport.DiagnosticView.of(diagnostic)));
    }

    /** {@code listener} is told of every code diagnosed so far, and then of each new one, once. */
    void onFirstOfCode(java.util.function.Consumer<DiagnosticCode> listener) {
        diagnosticCounts.onFirstOfCode(listener);
    }

    /** Diagnostics with this code since start. */
    public long diagnosed(DiagnosticCode code) {
        return diagnosticCounts.count(code);
    }

    /** For {@code GET /neuro/diagnostics}: every game, or one ({@code game} not null). */
    DiagnosticsReport.Report diagnostics(String game) {
        return report.report(game);
    }

    /** The session export of a connection open or closed lately (JSON Lines), or empty if unknown. */
    Optional<String> export(String connectionId, String game) {
        GameConnection open = connections.find(connectionId).orElse(null);
        SessionLog log = open != null ? open.log() : connectionId == null ? null : closedLogs.get(connectionId);
        return Optional.ofNullable(log).map(l -> l.export(connectionId, game));
    }

    @Override
    public void tally(GameSession.Tally what) {
        tallies.add(what);
    }

    /** Forces, retries or timeouts since start. */
    public long tallied(GameSession.Tally what) {
        return tallies.count(what);
    }

    /** Game connections open now. */
    public int connectionCount() {
        return connections.count();
    }

    /** Games (by name, on every connection) connected now; frames without a readable game are not one. */
    public long gameCount() {
        return connections.sessions().map(GameSession::game).filter(game -> !game.equals(NO_GAME)).count();
    }

    private void tellOthers(NeuroEvent event) {
        activityOut.add(event);
        activityOut.drainLater(workers.executor());
    }

    // --- the operator console ------------------------------------------------------------------

    public void addConsole(Outbox outbox) {
        consoles.add(outbox);
    }

    void resendSnapshot(Outbox outbox) {
        consoles.resendSnapshot(outbox);
    }

    void removeConsole(Outbox outbox) {
        consoles.remove(outbox);
    }

    /**
     * Switches the default decider ({@code priority} null) or a priority's own ("default" gives the
     * priority back to the default one); forces waiting for a choice are offered again.
     *
     * @throws IllegalArgumentException naming an unknown decider or priority
     */
    void setDecider(String priority, String name) {
        deciders.set(priority, name);
        connections.sessions().forEach(GameSession::reoffer);
        if (sharedDeciders != null) {
            sharedDeciders.chosen(deciders.choice());
        }
    }

    /** Another instance's console changed the cluster's deciders. */
    private void adoptDeciders(DeciderChoice choice) {
        if (!deciders.adopt(choice)) {
            LOG.warning("The cluster's deciders " + choice + " name a decider this instance does not have; kept "
                    + deciders.choice());
            return;
        }
        connections.sessions().forEach(GameSession::reoffer);
    }

    Optional<GameConnection> connection(String id) {
        return connections.find(id);
    }

    /** The other instances' games, when clustering is on. */
    Optional<SharedGames> shared() {
        return Optional.ofNullable(shared);
    }
}
