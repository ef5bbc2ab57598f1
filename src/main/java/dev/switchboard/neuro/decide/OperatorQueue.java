package dev.switchboard.neuro.decide;

import dev.switchboard.neuro.game.GameView;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.Comparator;
import java.util.List;
import java.time.Instant;

/**
 * The forces waiting for the human operator (their priority's decider is {@code operator} and they wait
 * for a choice), in the order the console shows them: by priority (critical, high, medium, low), then
 * oldest first. The console (neuro.js) keeps the same order as updates come.
 */
public final class OperatorQueue {
    static final List<String> PRIORITY_ORDER = List.of("critical", "high", "medium", "low");

    @JsonbPropertyOrder({"connectionId", "game", "forceId", "priority", "since"})
    public record Waiting(@JsonbProperty("connection_id") String connectionId, String game,
                          @JsonbProperty("force_id") String forceId, String priority, String since) {
    }

    static final Comparator<Waiting> ORDER = Comparator.<Waiting>comparingInt(w -> rank(w.priority()))
            .thenComparing(w -> Instant.parse(w.since())).thenComparing(Waiting::connectionId).thenComparing(Waiting::game);

    private OperatorQueue() {
    }

    /** Unknown priorities rank as low (the decoder already reads them as low). */
    static int rank(String priority) {
        int rank = PRIORITY_ORDER.indexOf(priority);
        return rank < 0 ? PRIORITY_ORDER.size() - 1 : rank;
    }

    public static List<Waiting> of(List<GameView> views, DeciderChoice choice) {
        return views.stream()
                .filter(v -> v.pendingForce() != null && v.pendingForce().status().equals("choosing")
                        && OperatorDecider.NAME.equals(choice.forPriority(v.pendingForce().priority())))
                .map(v -> new Waiting(v.connectionId(), v.game(), v.pendingForce().id(), v.pendingForce().priority(),
                        v.pendingForce().since()))
                .sorted(ORDER).toList();
    }
}
