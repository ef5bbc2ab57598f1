package dev.switchboard.runs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Connections of other instances following this instance's runs, counted per run and member: a run
 * they follow is watched, so its disconnect grace does not cancel it. A lost member's count goes with it.
 */
final class RemoteWatchers {
    private final Map<RunKey, Map<String, Integer>> counts = new HashMap<>();

    synchronized void add(RunKey key, String member) {
        counts.computeIfAbsent(key, k -> new HashMap<>()).merge(member, 1, Integer::sum);
    }

    synchronized void remove(RunKey key, String member) {
        Map<String, Integer> byMember = counts.get(key);
        if (byMember != null) {
            byMember.computeIfPresent(member, (m, n) -> n > 1 ? n - 1 : null);
            if (byMember.isEmpty()) {
                counts.remove(key);
            }
        }
    }

    /** Forgets what the member followed; returns those runs. */
    synchronized List<RunKey> forgetMember(String member) {
        List<RunKey> followed = new ArrayList<>();
        counts.entrySet().removeIf(entry -> {
            if (entry.getValue().remove(member) != null) {
                followed.add(entry.getKey());
            }
            return entry.getValue().isEmpty();
        });
        return followed;
    }

    synchronized boolean watched(RunKey key) {
        return counts.containsKey(key);
    }
}
