package dev.switchboard.neuro.diagnostics;

import dev.switchboard.neuro.bounds.BoundedLog;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every diagnostic since start, by game, for {@code GET /neuro/diagnostics}: counts by code and
 * severity (all of them) and the last {@link #KEPT_PER_GAME} diagnostics of each game. At most
 * {@link #MAX_GAMES} games are kept (the one seen least recently goes); diagnostics of frames whose game
 * could not be read are kept under {@code game: null}.
 */
public final class DiagnosticsReport {
    static final int MAX_GAMES = 100;
    public static final int KEPT_PER_GAME = 50;
    static final int KEPT_BYTES = 256 * 1024;

    @JsonbPropertyOrder({"errors", "warnings", "infos", "games"})
    public record Report(int errors, int warnings, int infos, List<GameReport> games) {
    }

    @JsonbPropertyOrder({"game", "errors", "warnings", "infos", "byCode", "dropped", "diagnostics"})
    public record GameReport(String game, int errors, int warnings, int infos,
                             @JsonbProperty("by_code") Map<String, Integer> byCode,
                             int dropped, List<DiagnosticView> diagnostics) {
    }

    @JsonbPropertyOrder({"at", "code", "severity", "codes", "game", "connectionId", "message", "frame"})
    public record DiagnosticView(String at, String code, String severity, List<String> codes, String game,
                                 @JsonbProperty("connection_id") String connectionId, String message, String frame) {
        public static DiagnosticView of(Diagnostic d) {
            return new DiagnosticView(d.at().toString(), d.code().code(), d.severity().label(),
                    d.codes().stream().map(DiagnosticCode::code).toList(), d.game(), d.connectionId(), d.message(), d.frame());
        }
    }

    private static final class Game {
        final Map<DiagnosticCode, Integer> byCode = new EnumMap<>(DiagnosticCode.class);
        final Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
        final BoundedLog<Diagnostic> last = new BoundedLog<>(KEPT_PER_GAME, KEPT_BYTES, Diagnostic::size);
        int dropped;
    }

    /** Keyed by game name ("" for frames without a readable game); access order, for dropping the eldest. */
    private final Map<String, Game> games = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Game> eldest) {
            return size() > MAX_GAMES;
        }
    };

    public synchronized void add(Diagnostic diagnostic) {
        Game game = games.computeIfAbsent(diagnostic.game() == null ? "" : diagnostic.game(), g -> new Game());
        // The worst code decides the severity counted: one frame, one diagnostic, one count.
        game.bySeverity.merge(diagnostic.severity(), 1, Integer::sum);
        diagnostic.codes().forEach(code -> game.byCode.merge(code, 1, Integer::sum));
        game.dropped += game.last.add(diagnostic);
    }

    /** Every game kept ({@code game} null) or that one only (no games if it has no diagnostics). */
    public synchronized Report report(String only) {
        List<GameReport> shown = new ArrayList<>();
        int[] totals = new int[Severity.values().length];
        new TreeMap<>(games).forEach((name, game) -> {
            if (only != null && !only.equals(name)) {
                return;
            }
            Map<String, Integer> byCode = new TreeMap<>();
            game.byCode.forEach((code, count) -> byCode.put(code.code(), count));
            game.bySeverity.forEach((severity, count) -> totals[severity.ordinal()] += count);
            shown.add(new GameReport(name.isEmpty() ? null : name, count(game, Severity.ERROR), count(game, Severity.WARNING),
                    count(game, Severity.INFO), byCode, game.dropped,
                    game.last.list().stream().map(DiagnosticView::of).toList()));
        });
        return new Report(totals[Severity.ERROR.ordinal()], totals[Severity.WARNING.ordinal()],
                totals[Severity.INFO.ordinal()], shown);
    }

    private static int count(Game game, Severity severity) {
        return game.bySeverity.getOrDefault(severity, 0);
    }
}
