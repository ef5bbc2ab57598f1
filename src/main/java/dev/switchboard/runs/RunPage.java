package dev.switchboard.runs;

import java.util.List;

/**
 * A run's kept events after a {@code seq}, read without watching it ({@link RunManager#eventsAfter}): their
 * JSON text (each a {@code run_event} as {@code /runs} sends it), the run's status then, the first
 * {@code seq} still kept (events before it were dropped, past {@code max-events}), and whether more kept
 * events follow the last one here. Or, instead, the error that says why there is none.
 */
public record RunPage(String status, List<String> events, long firstKeptSeq, boolean more,
                      RunMessage.RunError refusal) {
    static RunPage refused(RunMessage.RunError refusal) {
        return new RunPage(null, List.of(), 0, false, refusal);
    }
}
