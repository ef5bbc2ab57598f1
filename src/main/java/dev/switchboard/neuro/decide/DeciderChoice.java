package dev.switchboard.neuro.decide;

import dev.switchboard.neuro.bounds.Shorten;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which decider chooses a force: one per priority where the operator said so
 * ({@code switchboard.neuro.decider-by-priority}, e.g. {@code low=random,critical=operator}), the
 * default one for the rest. Immutable: a change makes a new one.
 */
public record DeciderChoice(String defaultDecider, Map<String, String> byPriority) {
    static final Set<String> PRIORITIES = Set.of("low", "medium", "high", "critical");
    /** As a decider of a priority: no decider of its own, the default one chooses. */
    static final String DEFAULT = "default";

    public DeciderChoice {
        byPriority = Map.copyOf(new TreeMap<>(byPriority));
    }

    /**
     * Reads {@code low=random,critical=operator}; a pair naming an unknown priority or decider is an
     * error (the message says which), since a silently ignored setting would surprise the operator.
     */
    static DeciderChoice parse(String defaultDecider, String pairs, Set<String> deciders) {
        Map<String, String> byPriority = new TreeMap<>();
        for (String pair : pairs.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] parts = pair.split("=", 2);
            String priority = parts[0].trim();
            String decider = parts.length == 2 ? parts[1].trim() : "";
            check(priority, decider, deciders);
            byPriority.put(priority, decider);
        }
        return new DeciderChoice(defaultDecider, byPriority);
    }

    static void check(String priority, String decider, Set<String> deciders) {
        if (!PRIORITIES.contains(priority)) {
            throw new IllegalArgumentException("Unknown priority '" + Shorten.name(priority) + "' (priorities: critical, high, low, medium)");
        }
        if (!deciders.contains(decider) && !DEFAULT.equals(decider)) {
            throw new IllegalArgumentException("Unknown decider '" + Shorten.name(decider) + "' for priority " + priority
                    + " (deciders: " + String.join(", ", new java.util.TreeSet<>(deciders)) + ")");
        }
    }

    /** The decider for a force of this priority (null or unknown: the default). */
    String forPriority(String priority) {
        return priority == null ? defaultDecider : byPriority.getOrDefault(priority, defaultDecider);
    }

    DeciderChoice withDefault(String decider) {
        return new DeciderChoice(decider, byPriority);
    }

    /** {@code decider} "default" removes the priority's own decider. */
    DeciderChoice withPriority(String priority, String decider) {
        Map<String, String> changed = new TreeMap<>(byPriority);
        if (DEFAULT.equals(decider)) {
            changed.remove(priority);
        } else {
            changed.put(priority, decider);
        }
        return new DeciderChoice(defaultDecider, changed);
    }
}
