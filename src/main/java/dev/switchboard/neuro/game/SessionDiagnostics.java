package dev.switchboard.neuro.game;

import dev.switchboard.neuro.bounds.BoundedLog;
import dev.switchboard.neuro.diagnostics.Diagnostic;
import dev.switchboard.neuro.diagnostics.DiagnosticCode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A game session's diagnostics: the last ones, kept bounded by count and size for the console's view of
 * the game, and, while a frame is handled, the warnings it causes, collected into one diagnostic with
 * the frame. Not thread-safe: its session's lock guards it.
 */
final class SessionDiagnostics {
    private final BoundedLog<Diagnostic> kept =
            new BoundedLog<>(GameSession.MAX_WARNINGS, GameSession.WARNINGS_BYTES, Diagnostic::size);
    /** While a frame is being handled: what it caused to warn about, shown as one diagnostic. */
    private List<String> frameWarnings;
    private List<DiagnosticCode> frameCodes;

    /**
     * Runs {@code handling}, collecting the warnings it causes: they and what reading the frame found, if
     * anything, go to {@code diagnose} as the codes and the message of one diagnostic.
     */
    void duringFrame(FrameWarning.Found reading, Runnable handling, BiConsumer<List<DiagnosticCode>, String> diagnose) {
        List<String> caused = new ArrayList<>();
        List<DiagnosticCode> codes = new ArrayList<>();
        if (reading != null) {
            caused.add(reading.text());
            codes.addAll(reading.codes());
        }
        frameWarnings = caused;
        frameCodes = codes;
        try {
            handling.run();
        } finally {
            frameWarnings = null;
            frameCodes = null;
            if (!caused.isEmpty()) {
                diagnose.accept(codes, String.join("; ", caused));
            }
        }
    }

    /** True if a frame is being handled: the warning joins its diagnostic. */
    boolean joinedFrame(DiagnosticCode code, String message) {
        if (frameWarnings == null) {
            return false;
        }
        frameWarnings.add(message);
        frameCodes.add(code);
        return true;
    }

    void keep(Diagnostic diagnostic) {
        kept.add(diagnostic);
    }

    List<Diagnostic> list() {
        return kept.list();
    }
}
