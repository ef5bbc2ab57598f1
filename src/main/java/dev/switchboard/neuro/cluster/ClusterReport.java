package dev.switchboard.neuro.cluster;

import dev.switchboard.neuro.diagnostics.DiagnosticsReport;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /neuro/diagnostics} with clustering on: every instance's report, the counts summed, each
 * game's entry saying which instance ({@code member}) it is from; {@code unanswered} lists the
 * instances whose report did not come in time (their games are missing).
 */
@JsonbPropertyOrder({"errors", "warnings", "infos", "members", "unanswered", "games"})
public record ClusterReport(int errors, int warnings, int infos, List<String> members, List<String> unanswered,
                            List<MemberGame> games) {

    @JsonbPropertyOrder({"member", "game", "errors", "warnings", "infos", "byCode", "dropped", "diagnostics"})
    public record MemberGame(String member, String game, int errors, int warnings, int infos,
                             @JsonbProperty("by_code") Map<String, Integer> byCode, int dropped,
                             List<DiagnosticsReport.DiagnosticView> diagnostics) {
    }

    /** {@code reports}: by member, in the members' order. */
    static ClusterReport of(Map<String, DiagnosticsReport.Report> reports, List<String> unanswered) {
        int errors = 0;
        int warnings = 0;
        int infos = 0;
        List<MemberGame> games = new java.util.ArrayList<>();
        for (Map.Entry<String, DiagnosticsReport.Report> entry : reports.entrySet()) {
            DiagnosticsReport.Report report = entry.getValue();
            errors += report.errors();
            warnings += report.warnings();
            infos += report.infos();
            report.games().forEach(g -> games.add(new MemberGame(entry.getKey(), g.game(), g.errors(), g.warnings(), g.infos(),
                    g.byCode(), g.dropped(), g.diagnostics())));
        }
        games.sort(Comparator.comparing(MemberGame::game, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(MemberGame::member));
        return new ClusterReport(errors, warnings, infos, List.copyOf(reports.keySet()), unanswered, games);
    }
}
