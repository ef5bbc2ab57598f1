package dev.switchboard.runs;

import dev.switchboard.runs.RunManager.RunOutcome;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** How many runs ended each way since start, as the metrics read them. */
final class RunOutcomes {
    private final Map<RunOutcome, LongAdder> counts = new EnumMap<>(RunOutcome.class);

    RunOutcomes() {
        for (RunOutcome outcome : RunOutcome.values()) {
            counts.put(outcome, new LongAdder());
        }
    }

    /** Counts a run that ended with this status and terminal payload. */
    void count(Run.Status status, Map<String, Object> payload) {
        counts.get(RunOutcome.of(status, payload)).increment();
    }

    long count(RunOutcome outcome) {
        return counts.get(outcome).sum();
    }
}
