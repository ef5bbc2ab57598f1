package dev.switchboard.neuro.game;

import dev.switchboard.neuro.bounds.Shorten;
import dev.switchboard.neuro.diagnostics.DiagnosticCode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A game's registered actions by name, in the order they were registered: at most
 * {@link GameSession#MAX_ACTIONS} of them and {@link GameSession#ACTIONS_BYTES} in all (UTF-8 of name,
 * description and schema). It tells the session's port what it registers and warns through the
 * session. Not thread-safe: its session's lock guards it.
 */
final class ActionRegistry {
    private final GameSession session;
    private final GameSession.Port port;
    private final Map<String, Action> actions = new LinkedHashMap<>();
    private long bytes;

    ActionRegistry(GameSession session, GameSession.Port port) {
        this.session = session;
        this.port = port;
    }

    /** A name registered already keeps its first action (see {@link GameSession#register}). */
    void register(List<Action> registered) {
        List<String> added = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        List<String> keptOut = new ArrayList<>();
        for (Action action : registered) {
            Action registeredAlready = actions.get(action.name());
            if (registeredAlready != null) {
                if (!registeredAlready.equals(action)) {
                    ignored.add(action.name());
                }
                continue;
            }
            int size = sizeOf(action);
            if (actions.size() >= GameSession.MAX_ACTIONS || bytes + size > GameSession.ACTIONS_BYTES) {
                keptOut.add(action.name());
                continue;
            }
            actions.put(action.name(), action);
            bytes += size;
            added.add(action.name());
        }
        if (!ignored.isEmpty()) {
            session.warn(DiagnosticCode.REREGISTER_IGNORED, "ignored a different registration of actions already registered "
                    + "(unregister them first): " + ignored.stream().map(Shorten::name).toList());
        }
        if (!keptOut.isEmpty()) {
            session.warn(DiagnosticCode.ACTIONS_KEPT_OUT, keptOut.size() + " actions kept out: a game may have at most "
                    + GameSession.MAX_ACTIONS + " actions of " + GameSession.ACTIONS_BYTES / 1024 + " KiB in all: " + keptOut);
        }
        if (!added.isEmpty()) {
            port.changed(session, "actions", "registered " + added);
        }
    }

    /** Unknown names are fine. */
    void unregister(List<String> names) {
        names.forEach(this::remove);
        port.changed(session, "actions", "unregistered " + names);
    }

    /** False if there was no such action. */
    private boolean remove(String name) {
        Action removed = actions.remove(name);
        if (removed != null) {
            bytes -= sizeOf(removed);
        }
        return removed != null;
    }

    void clear() {
        actions.clear();
        bytes = 0;
    }

    boolean contains(String name) {
        return actions.containsKey(name);
    }

    Action get(String name) {
        return actions.get(name);
    }

    List<Action> list() {
        return List.copyOf(actions.values());
    }

    List<String> names() {
        return new ArrayList<>(actions.keySet());
    }

    /** Those of {@code names} that are registered, each once, in their order. */
    List<String> registeredOf(List<String> names) {
        return names.stream().filter(actions::containsKey).distinct().toList();
    }

    private static int sizeOf(Action action) {
        return Shorten.utf8Length(action.name()) + Shorten.utf8Length(action.description())
                + (action.schema() == null ? 0 : Shorten.utf8Length(action.schema().toString()));
    }
}
