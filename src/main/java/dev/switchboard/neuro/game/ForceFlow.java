package dev.switchboard.neuro.game;

import dev.switchboard.neuro.bounds.Shorten;
import dev.switchboard.neuro.diagnostics.DiagnosticCode;
import dev.switchboard.neuro.game.GameSession.ForceStatus;
import dev.switchboard.neuro.game.GameSession.InFlight;
import dev.switchboard.neuro.game.GameSession.PendingForce;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;

/**
 * The force flow of one game session (described on {@link GameSession}): its pending force, and the
 * actions in flight, forced or not, with their result timers. It acts through the session's port and
 * warns through the session. Not thread-safe: the session calls it under its lock.
 */
final class ForceFlow {
    /** Ids of actions that timed out, so that their result, if it comes, is known to be late. */
    static final int EXPIRED_IDS = 256;

    private final GameSession session;
    private final GameSession.Port port;
    private final ActionRegistry actions;
    private final int maxRetries;
    private final Map<String, InFlight> inFlight = new LinkedHashMap<>();
    private final Map<String, Future<?>> timeouts = new LinkedHashMap<>();
    private final Set<String> expired = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > EXPIRED_IDS;
        }
    });
    private PendingForce force;

    ForceFlow(GameSession session, GameSession.Port port, ActionRegistry actions, int maxRetries) {
        this.session = session;
        this.port = port;
        this.actions = actions;
        this.maxRetries = maxRetries;
    }

    /**
     * An {@code actions/force} arrived: it is counted, and a warning says which force it replaces and
     * which of its names are not registered. Returns those that are, for {@link #startForce}.
     */
    List<String> checkForce(ForceRequest request) {
        port.tally(GameSession.Tally.FORCE);
        if (force != null) {
            session.warn(DiagnosticCode.FORCE_WHILE_PENDING, "a new force replaced the pending force (query: "
                    + force.request().query() + ")");
        }
        List<String> names = actions.registeredOf(request.actionNames());
        if (names.size() < request.actionNames().size()) {
            session.warn(DiagnosticCode.FORCE_UNKNOWN_ACTIONS, "force names actions that are not registered: "
                    + request.actionNames().stream().filter(n -> !actions.contains(n)).map(Shorten::name).toList());
        }
        return names;
    }

    /** The force (of the registered {@code names}) replaces the pending one, and a decider is asked. */
    void startForce(ForceRequest request, List<String> names) {
        ForceRequest kept = new ForceRequest(Shorten.toBytes(request.state(), GameSession.CONTEXT_ENTRY_BYTES),
                Shorten.toBytes(request.query(), GameSession.CONTEXT_ENTRY_BYTES), request.ephemeralContext(),
                request.priority(), names);
        force = new PendingForce(UUID.randomUUID().toString(), 0, kept, names, 0, ForceStatus.CHOOSING, null, Instant.now());
        if (names.isEmpty()) {
            endForce("none of its actions is registered");
            return;
        }
        port.changed(session, "force", "force " + names + ": " + request.query());
        port.decide(session, force);
    }

    /** False if the action was not in flight (the result is discarded). */
    boolean result(String id, boolean success, String message) {
        if (!success && (message == null || message.isBlank())) {
            session.warn(DiagnosticCode.FAILURE_WITHOUT_MESSAGE, "a failed result without a message (id " + Shorten.name(id)
                    + "): say why, so that Neuro can act on it");
        }
        InFlight action = inFlight.remove(id);
        if (action == null) {
            if (expired.remove(id)) {
                session.warn(DiagnosticCode.RESULT_LATE, "late result for action id '" + Shorten.name(id)
                        + "' (it had timed out) discarded");
            } else {
                session.warn(DiagnosticCode.RESULT_UNKNOWN_ID, "result for unknown action id '" + Shorten.name(id)
                        + "' discarded");
            }
            return false;
        }
        Future<?> timer = timeouts.remove(id);
        if (timer != null) {
            timer.cancel(false);
        }
        port.changed(session, "result", action.name() + " " + (success ? "succeeded" : "failed")
                + (message == null || message.isEmpty() ? "" : ": " + message));
        if (force != null && id.equals(force.actionId())) {
            if (success) {
                endForce(null);
            } else {
                retryForce();
            }
        }
        return true;
    }

    /** False if the action was not in flight any more. */
    boolean timeout(String id) {
        InFlight action = inFlight.remove(id);
        timeouts.remove(id);
        if (action == null) {
            return false;
        }
        port.tally(GameSession.Tally.TIMEOUT);
        expired.add(id);
        session.warn(DiagnosticCode.RESULT_TIMEOUT, "no result for action '" + action.name() + "' (id " + id
                + ") in time: counted as failed, not retried");
        if (force != null && id.equals(force.actionId())) {
            endForce("its action timed out");
        }
        return true;
    }

    boolean choose(PendingForce asked, String name, String data) {
        if (choosing(asked) == null) {
            return false;
        }
        if (!force.actionNames().contains(name) || !actions.contains(name)) {
            session.warn(DiagnosticCode.CHOICE_REFUSED, "a choice named '" + Shorten.name(name)
                    + "', which the force does not allow");
            return false;
        }
        String id = dispatch(name, data, force.id());
        force = force.with(force.actionNames(), force.retries(), ForceStatus.AWAITING_RESULT, id);
        return true;
    }

    PendingForce choosing(PendingForce asked) {
        return force != null && force.sameRound(asked) && force.status() == ForceStatus.CHOOSING ? force : null;
    }

    void abandon(PendingForce asked, String why) {
        if (choosing(asked) != null) {
            endForce(why);
        }
    }

    void reoffer() {
        if (force != null && force.status() == ForceStatus.CHOOSING) {
            force = force.nextRound();
            port.decide(session, force);
        }
    }

    String sendUnforced(String name, String data) {
        return dispatch(name, data, null);
    }

    /** The game restarted, forgetting its actions: its force ends. */
    void restarted() {
        if (force != null) {
            endForce("the game restarted");
        }
    }

    /** Actions were unregistered: a force waiting for a choice loses their names (and ends if none is left). */
    void unregistered() {
        if (force != null && force.status() == ForceStatus.CHOOSING) {
            List<String> left = actions.registeredOf(force.actionNames());
            if (left.isEmpty()) {
                endForce("every action it named was unregistered");
            } else if (!left.equals(force.actionNames())) {
                force = force.with(left, force.retries(), ForceStatus.CHOOSING, null);
                port.changed(session, "force", "force narrowed to " + left);
            }
        }
    }

    /** True while an action sent to the game has no result yet. */
    boolean resultPending() {
        return !inFlight.isEmpty();
    }

    /** The connection closed: timers stop; in-flight actions and the force are dropped. */
    void close() {
        timeouts.values().forEach(t -> t.cancel(false));
        timeouts.clear();
        inFlight.clear();
        force = null;
    }

    PendingForce pendingForce() {
        return force;
    }

    List<InFlight> inFlight() {
        return List.copyOf(inFlight.values());
    }

    private String dispatch(String name, String data, String forceId) {
        String id = UUID.randomUUID().toString();
        inFlight.put(id, new InFlight(id, name, data, forceId, Instant.now()));
        port.sendAction(session, id, name, data);
        timeouts.put(id, port.scheduleTimeout(session, id));
        port.changed(session, "action", "sent " + name + (data == null ? "" : " " + data) + " (id " + id + ")");
        return id;
    }

    private void retryForce() {
        int tries = force.retries() + 1;
        if (tries > maxRetries) {
            endForce("its action failed " + tries + " times");
            return;
        }
        List<String> left = actions.registeredOf(force.actionNames());
        if (left.isEmpty()) {
            endForce("every action it named was unregistered");
            return;
        }
        force = force.with(left, tries, ForceStatus.CHOOSING, null).nextRound();
        port.tally(GameSession.Tally.RETRY);
        port.changed(session, "force", "retry " + tries + " of " + maxRetries + ": choosing again from " + left);
        port.decide(session, force);
    }

    private void endForce(String failure) {
        String query = force.request().query();
        force = null;
        if (failure == null) {
            port.changed(session, "force", "force done: " + query);
        } else {
            session.warn(DiagnosticCode.FORCE_FAILED, "force ended without success, " + failure + " (query: " + query + ")");
        }
    }
}
