package dev.switchboard.neuro.diagnostics;

import java.util.Locale;

/** How bad a {@link DiagnosticCode} is: a game's CI fails on {@link #ERROR}. */
public enum Severity {
    INFO, WARNING, ERROR;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
