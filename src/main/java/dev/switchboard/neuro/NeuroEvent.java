package dev.switchboard.neuro;

import dev.switchboard.neuro.diagnostics.DiagnosticsReport;

/**
 * Activity on the Neuro game API, fired as a CDI event for other features (the bus) to observe.
 * {@code kind} {@code diagnostic} carries the diagnostic itself (code, severity, game, connection, time,
 * message, raw frame shortened) as {@code diagnostic}, and {@code "<code>: <message>"} as its detail.
 */
public record NeuroEvent(String connectionId, String game, String kind, String detail,
                         DiagnosticsReport.DiagnosticView diagnostic) {
    public NeuroEvent(String connectionId, String game, String kind, String detail) {
        this(connectionId, game, kind, detail, null);
    }
}
