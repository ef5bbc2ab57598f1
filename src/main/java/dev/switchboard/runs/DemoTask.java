package dev.switchboard.runs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;

import java.util.Map;

/** The seed's simulated agent: {@code steps} step events {@code delay_ms} apart, then completion. */
@ApplicationScoped
public class DemoTask implements RunTask {
    @Override
    public String name() {
        return "demo";
    }

    @Override
    public RunJob prepare(JsonObject input) throws InvalidRunInput {
        int steps = TaskInput.integer(input, "steps", 5, 0, 1000);
        int delay = TaskInput.integer(input, "delay_ms", 200, 0, 10_000);
        return context -> {
            for (int i = 1; i <= steps; i++) {
                Thread.sleep(delay);
                context.step(i, steps, "Step " + i + " of " + steps, Map.of());
            }
            return "Completed " + steps + " steps";
        };
    }
}
