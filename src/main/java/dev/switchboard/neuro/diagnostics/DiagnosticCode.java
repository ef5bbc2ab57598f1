package dev.switchboard.neuro.diagnostics;

import java.util.Locale;

/**
 * The stable codes of what a game does wrong or oddly (docs/neuro.md, "Neuro diagnostics"). A code's wire
 * name ({@link #code()}) never changes once released; new codes may be added.
 */
public enum DiagnosticCode {
    // reading a frame
    INVALID_JSON(Severity.ERROR),
    BINARY_FRAME(Severity.ERROR),
    MISSING_FIELD(Severity.ERROR),
    UNKNOWN_COMMAND(Severity.ERROR),
    WRONG_FIELD_TYPE(Severity.ERROR),
    UNKNOWN_FIELD(Severity.INFO),
    UNKNOWN_PRIORITY(Severity.WARNING),
    CONTEXT_OVERSIZED(Severity.WARNING),
    // the game's session
    BEFORE_STARTUP(Severity.WARNING),
    GAME_NAME_CHANGED(Severity.WARNING),
    TOO_MANY_GAMES(Severity.ERROR),
    // actions
    ACTION_INVALID(Severity.ERROR),
    ACTION_NAME_STYLE(Severity.WARNING),
    ACTIONS_KEPT_OUT(Severity.ERROR),
    ACTION_NAME_COLLISION(Severity.WARNING),
    REREGISTER_IGNORED(Severity.WARNING),
    SCHEMA_INVALID(Severity.ERROR),
    SCHEMA_NOT_OBJECT(Severity.WARNING),
    SCHEMA_KEYWORD(Severity.WARNING),
    // forces and results
    FORCE_UNKNOWN_ACTIONS(Severity.WARNING),
    FORCE_WHILE_PENDING(Severity.WARNING),
    FORCE_FAILED(Severity.WARNING),
    CONTEXT_DROPPED(Severity.WARNING),
    CHOICE_REFUSED(Severity.WARNING),
    RESULT_UNKNOWN_ID(Severity.WARNING),
    RESULT_LATE(Severity.WARNING),
    RESULT_TIMEOUT(Severity.ERROR),
    FAILURE_WITHOUT_MESSAGE(Severity.WARNING),
    // the server's side (not the game's fault)
    DECIDER_PROBLEM(Severity.INFO);

    private final Severity severity;

    DiagnosticCode(Severity severity) {
        this.severity = severity;
    }

    public Severity severity() {
        return severity;
    }

    /** The wire name, e.g. {@code result_timeout}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
