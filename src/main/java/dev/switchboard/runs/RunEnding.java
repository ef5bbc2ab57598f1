package dev.switchboard.runs;

import java.util.Map;

/** Ends a run as the manager ends every run: its terminal event and its books; false if it had ended already. */
@FunctionalInterface
interface RunEnding {
    boolean end(Run run, Run.Status status, String eventType, Map<String, Object> payload);
}
