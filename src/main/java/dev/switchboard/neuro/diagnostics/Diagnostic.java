package dev.switchboard.neuro.diagnostics;

import dev.switchboard.neuro.bounds.Shorten;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * What a game did wrong or oddly, as shown in the console, on the bus, in the metrics and in
 * {@code GET /neuro/diagnostics}. One frame makes at most one diagnostic: {@code codes} lists every
 * distinct code it raised (in order), {@code code} is the most severe of them, and {@code message}
 * joins their texts (each bounded, see {@code FrameWarning}). {@code game} is null when the frame's
 * game could not be read and the connection had no single game to show it under; {@code frame} is the
 * raw frame, shortened to {@link Shorten#SHOWN_BYTES}, or null when nothing the game sent caused it
 * (a timeout).
 */
public record Diagnostic(Instant at, DiagnosticCode code, List<DiagnosticCode> codes, String connectionId,
                         String game, String message, String frame) {

    public static Diagnostic of(Instant at, List<DiagnosticCode> codes, String connectionId, String game, String message,
                                String frame) {
        List<DiagnosticCode> distinct = codes.stream().distinct().toList();
        DiagnosticCode worst = distinct.stream()
                .max(Comparator.comparing(DiagnosticCode::severity)).orElseThrow(); // the first of the worst
        for (DiagnosticCode c : distinct) {
            if (c.severity() == worst.severity()) {
                worst = c;
                break;
            }
        }
        return new Diagnostic(at, worst, distinct, connectionId, game,
                Shorten.toBytes(message, Shorten.SHOWN_BYTES), Shorten.toBytes(frame, Shorten.SHOWN_BYTES));
    }

    public Severity severity() {
        return code.severity();
    }

    public int size() {
        return Shorten.utf8Length(message) + (frame == null ? 0 : Shorten.utf8Length(frame));
    }
}
