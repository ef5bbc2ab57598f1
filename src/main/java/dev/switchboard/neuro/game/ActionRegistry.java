package dev.switchboard.neuro.game;

import dev.switchboard.neuro.bounds.Shorten;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A game's registered actions by name, in the order they were registered: at most {@code maxActions}
 * of them and {@code maxBytes} in all (UTF-8 of name, description and schema). Not thread-safe: its
 * session's lock guards it.
 */
final class ActionRegistry {
    /**
     * What one registration did: the names registered, those ignored because a different action of that
     * name is registered already, and those kept out by the caps.
     */
    record Registration(List<String> added, List<String> ignored, List<String> keptOut) {
    }

    private final int maxActions;
    private final long maxBytes;
    private final Map<String, Action> actions = new LinkedHashMap<>();
    private long bytes;

    ActionRegistry(int maxActions, long maxBytes) {
        this.maxActions = maxActions;
        this.maxBytes = maxBytes;
    }

    /** A name registered already keeps its first action; registering that same action again is no mistake. */
    Registration register(List<Action> registered) {
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
            if (actions.size() >= maxActions || bytes + size > maxBytes) {
                keptOut.add(action.name());
                continue;
            }
            actions.put(action.name(), action);
            bytes += size;
            added.add(action.name());
        }
        return new Registration(added, ignored, keptOut);
    }

    /** False if there was no such action. */
    boolean remove(String name) {
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
