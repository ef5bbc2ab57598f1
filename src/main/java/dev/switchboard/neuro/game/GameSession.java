package dev.switchboard.neuro.game;

import dev.switchboard.neuro.bounds.Shorten;
import dev.switchboard.neuro.diagnostics.Diagnostic;
import dev.switchboard.neuro.diagnostics.DiagnosticCode;
import jakarta.json.JsonValue;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Future;

/**
 * One game on one connection: its actions ({@link ActionRegistry}), context log ({@link ContextLog}),
 * diagnostics ({@link SessionDiagnostics}), and the force flow of the Neuro API ({@link ForceFlow}: the
 * pending force and the actions in flight). Every method is synchronized, and those parts are used
 * only under this lock; effects (sending, timers, asking the decider) go through the {@link Port},
 * whose methods only enqueue or schedule.
 *
 * <p>Force flow: one force at a time (a new one replaces it); a forced action that fails
 * ({@code success:false}) is chosen again up to {@code maxRetries} times, after dropping names
 * unregistered meanwhile (an empty list ends the force); no result within the timeout counts as a
 * failure without retry, and a late or unknown result is discarded; context that arrives while a
 * result is pending is logged after that result.
 *
 * <p>Whatever grows with the game's input is bounded by count and by size (UTF-8 bytes): the context
 * log and the context held for a result drop their oldest entries, as do the warnings; actions over
 * the cap are kept out. Long texts are kept shortened (see {@link Shorten}).
 */
public final class GameSession {
    /** What the session needs from the outside world. */
    public interface Port {
        void sendAction(GameSession session, String id, String name, String data);

        /** Calls {@link #timeout(String)} after the result timeout; the future is cancelled on a result. */
        Future<?> scheduleTimeout(GameSession session, String actionId);

        /** Asks the current decider to choose for this force (it answers through {@link #choose}). */
        void decide(GameSession session, PendingForce force);

        /** Something changed (for the console and the bus): {@code kind} and a short description. */
        void changed(GameSession session, String kind, String detail);

        /** A diagnostic of this game (for the console and the bus as a change of kind {@code warning}, the metrics and the report). */
        void diagnosed(GameSession session, Diagnostic diagnostic);

        /** One more of these happened (for the metrics). */
        default void tally(Tally what) {
        }
    }

    /** What the metrics count of the force flow. */
    public enum Tally {
        /** An {@code actions/force} arrived. */
        FORCE,
        /** A forced action failed and the force is offered again. */
        RETRY,
        /** An action got no result within the result timeout. */
        TIMEOUT
    }

    public enum ForceStatus { CHOOSING, AWAITING_RESULT }

    /**
     * The force this game is waiting on. {@code actionNames} shrinks as actions are unregistered.
     * {@code round} counts the times a decider was asked to choose (first time, retries, a new decider):
     * only an answer to the current round is taken. {@code since}: when the game asked.
     */
    public record PendingForce(String id, int round, ForceRequest request, List<String> actionNames, int retries,
                               ForceStatus status, String actionId, Instant since) {
        PendingForce with(List<String> names, int tries, ForceStatus newStatus, String inFlight) {
            return new PendingForce(id, round, request, names, tries, newStatus, inFlight, since);
        }

        PendingForce nextRound() {
            return new PendingForce(id, round + 1, request, actionNames, retries, status, actionId, since);
        }

        boolean sameRound(PendingForce other) {
            return id.equals(other.id()) && round == other.round();
        }
    }

    public record InFlight(String id, String name, String data, String forceId, Instant sentAt) {
    }

    public record ContextEntry(Instant at, String message, boolean silent) {
    }

    static final int MAX_CONTEXT = 200;
    static final int CONTEXT_BYTES = 128 * 1024;
    /** A longer context message (or force state or query) is kept shortened. */
    static final int CONTEXT_ENTRY_BYTES = 16 * 1024;
    static final int MAX_WARNINGS = 100;
    static final int WARNINGS_BYTES = 128 * 1024;
    static final int MAX_ACTIONS = 256;
    static final int ACTIONS_BYTES = 256 * 1024;

    private final String connectionId;
    private final String game;
    private final Port port;
    private final ActionRegistry actions;
    private final ContextLog context;
    private final ForceFlow flow;
    private final SessionDiagnostics diagnostics = new SessionDiagnostics();
    private boolean toldBeforeStartup;
    private boolean started;
    /** After the connection closed, late deciders and timers change nothing and report nothing. */
    private boolean closed;

    /** {@code remembered}: the game's context from an earlier connection. */
    public GameSession(String connectionId, String game, Port port, int maxRetries, List<ContextEntry> remembered) {
        this.connectionId = connectionId;
        this.game = game;
        this.port = port;
        this.actions = new ActionRegistry(this, port);
        this.flow = new ForceFlow(this, port, actions, maxRetries);
        this.context = new ContextLog(this, port, flow::resultPending, remembered);
    }

    public String connectionId() {
        return connectionId;
    }

    public String game() {
        return game;
    }

    // --- game → server -------------------------------------------------------------------------

    /**
     * Handles one frame of the game ({@code handling} calls the methods below): the warning reading it
     * raised and every warning handling it causes become <em>one</em> warning, shown with the frame.
     */
    public synchronized void frame(String raw, FrameWarning.Found reading, Runnable handling) {
        diagnostics.duringFrame(reading, handling, (codes, message) -> diagnose(codes, message, raw));
    }

    /** A command other than {@code startup} came first: said once per session. */
    public synchronized void beforeStartup(String command) {
        if (!started && !toldBeforeStartup) {
            toldBeforeStartup = true;
            warn(DiagnosticCode.BEFORE_STARTUP, "'" + command + "' before 'startup' (a game sends startup first)");
        }
    }

    /** {@code startup}: forget every action (and so any force) of this game. */
    public synchronized void startup() {
        started = true;
        actions.clear();
        flow.restarted();
        port.changed(this, "startup", "the game started; its actions were cleared");
    }

    /**
     * {@code actions/register}: as the spec says, a name already registered is ignored (the first
     * registration stands until it is unregistered or {@code startup} clears it), with a warning that
     * names it when the new registration differs (description or schema). An identical one is no mistake:
     * a game answering the server's {@code actions/reregister_all} registers everything again. Beyond {@link #MAX_ACTIONS} actions or {@link #ACTIONS_BYTES} in all, an action is kept out.
     */
    public synchronized void register(List<Action> registered) {
        actions.register(registered);
    }

    /** {@code actions/unregister}: unknown names are fine. A choosing force loses those names now. */
    public synchronized void unregister(List<String> names) {
        actions.unregister(names);
        flow.unregistered();
    }

    /** {@code context}: logged now, or after the pending result if an action is in flight. */
    public synchronized void context(String message, boolean silent) {
        context.add(message, silent);
    }

    /** {@code actions/force}: replaces a pending force; names not registered are dropped. */
    public synchronized void force(ForceRequest request) {
        List<String> names = flow.checkForce(request);
        if (!request.ephemeralContext()) {
            if (request.state() != null && !request.state().isEmpty()) {
                context.record("[state] " + request.state(), true);
            }
            context.record("[query] " + request.query(), true);
        }
        flow.startForce(request, names);
    }

    /** {@code action/result}: unknown or late ids are discarded. */
    public synchronized void result(String id, boolean success, String message) {
        if (flow.result(id, success, message)) {
            context.releaseHeld();
        }
    }

    /** The result timeout of an action passed: it failed, without retry. */
    public synchronized void timeout(String id) {
        if (flow.timeout(id)) {
            context.releaseHeld();
        }
    }

    // --- the server's side ---------------------------------------------------------------------

    /**
     * A choice for the force as the decider was {@code asked} it: sends the action. False if that force
     * (or that round of it) is no longer waiting, or the action is not one it allows.
     */
    public synchronized boolean choose(PendingForce asked, String name, String data) {
        return flow.choose(asked, name, data);
    }

    /** The pending force as it is now, if it is the one {@code asked} about and still waits for that choice. */
    public synchronized PendingForce choosing(PendingForce asked) {
        return flow.choosing(asked);
    }

    /** The decider could not choose for this round: the force ends (a force nobody answers would hang). */
    public synchronized void abandon(PendingForce asked, String why) {
        flow.abandon(asked, why);
    }

    /** Another decider took over: a force waiting for a choice is offered to it, and the old one's answer is void. */
    public synchronized void reoffer() {
        flow.reoffer();
    }

    /** Sends an action outside any force (the operator's); its result is never retried. */
    public synchronized String sendUnforced(String name, String data) {
        return flow.sendUnforced(name, data);
    }

    /** Something worth showing that is not a warning (e.g. {@code shutdown/ready}). */
    public synchronized void note(String kind, String detail) {
        if (!closed) {
            port.changed(this, kind, detail);
        }
    }

    /** A diagnostic; while a frame is handled, it joins the frame's one diagnostic. */
    public synchronized void warn(DiagnosticCode code, String message) {
        if (!diagnostics.joinedFrame(code, message)) {
            diagnose(List.of(code), message, null);
        }
    }

    /**
     * A diagnostic about {@code frame} (the raw frame that caused it, or null), kept here and told to
     * the port. Message and frame are kept shortened to {@link Shorten#SHOWN_BYTES}.
     */
    public synchronized void diagnose(List<DiagnosticCode> codes, String message, String frame) {
        if (closed) {
            return;
        }
        Diagnostic diagnostic = Diagnostic.of(Instant.now(), codes, connectionId, shownGame(), message, frame);
        diagnostics.keep(diagnostic);
        port.diagnosed(this, diagnostic);
    }

    /** The game's name, or null for the session of frames whose game could not be read. */
    public String shownGame() {
        return game.isEmpty() ? null : game;
    }

    /** The connection closed: timers stop; in-flight actions and the force are dropped. */
    public synchronized void close() {
        flow.close();
        closed = true;
        context.close();
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** Runs {@code work} under this game's lock: it sees the game as it is, in order with its changes. */
    public synchronized void whileLocked(Runnable work) {
        work.run();
    }

    // --- views ---------------------------------------------------------------------------------

    public synchronized Action action(String name) {
        return actions.get(name);
    }

    public synchronized List<Action> actions() {
        return actions.list();
    }

    public synchronized PendingForce pendingForce() {
        return flow.pendingForce();
    }

    public synchronized List<InFlight> inFlight() {
        return flow.inFlight();
    }

    public synchronized List<ContextEntry> contextLog() {
        return context.list();
    }

    public synchronized List<Diagnostic> warnings() {
        return diagnostics.list();
    }

    public synchronized boolean started() {
        return started;
    }

    /** The JSON text of data for an action, as the {@code action} command carries it. */
    public static String dataText(JsonValue data) {
        return data == null ? null : data.toString();
    }

    public synchronized List<String> actionNames() {
        return actions.names();
    }
}
