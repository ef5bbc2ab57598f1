package dev.switchboard.neuro.decide;

import dev.switchboard.neuro.game.GameView;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OperatorQueueTest {
    private static GameView waiting(String game, String priority, String since, String status) {
        return new GameView("c", game, true, List.of(), new GameView.ForceView("f-" + game, "q", null, priority, false,
                List.of("a"), 0, status, since), List.of(), List.of(), List.of());
    }

    @Test
    void forcesWaitingForTheOperatorAreByPriorityThenOldestFirst() {
        List<GameView> views = List.of(
                waiting("low-old", "low", "2026-01-01T00:00:00Z", "choosing"),
                waiting("high-new", "high", "2026-01-01T00:00:09Z", "choosing"),
                waiting("critical", "critical", "2026-01-01T00:00:10Z", "choosing"),
                waiting("high-old", "high", "2026-01-01T00:00:01.500Z", "choosing"),
                waiting("high-older", "high", "2026-01-01T00:00:01Z", "choosing"),
                waiting("medium", "medium", "2026-01-01T00:00:05Z", "choosing"),
                waiting("sent", "critical", "2026-01-01T00:00:00Z", "awaiting_result"),
                new GameView("c", "idle", true, List.of(), null, List.of(), List.of(), List.of()));
        List<String> order = OperatorQueue.of(views, new DeciderChoice(OperatorDecider.NAME, Map.of()))
                .stream().map(OperatorQueue.Waiting::game).toList();
        assertEquals(List.of("critical", "high-older", "high-old", "high-new", "medium", "low-old"), order,
                "by priority, then by age (an instant with a fraction compares as a time, not as text)");
    }

    @Test
    void onlyForcesWhosePriorityGoesToTheOperatorWait() {
        List<GameView> views = List.of(
                waiting("low", "low", "2026-01-01T00:00:00Z", "choosing"),
                waiting("critical", "critical", "2026-01-01T00:00:01Z", "choosing"));
        DeciderChoice choice = new DeciderChoice(RandomDecider.NAME, Map.of("critical", OperatorDecider.NAME));
        assertEquals(List.of("critical"), OperatorQueue.of(views, choice).stream().map(OperatorQueue.Waiting::game).toList());
    }
}
