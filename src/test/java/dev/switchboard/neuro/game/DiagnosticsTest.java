package dev.switchboard.neuro.game;

import dev.switchboard.neuro.NeuroHub;
import dev.switchboard.neuro.diagnostics.Diagnostic;
import dev.switchboard.neuro.diagnostics.DiagnosticCode;
import dev.switchboard.neuro.diagnostics.DiagnosticsReport;
import dev.switchboard.neuro.diagnostics.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each diagnostic code, raised where the game does that wrong thing, and how frames are routed. */
class DiagnosticsTest {
    private final RecordingPort port = new RecordingPort();
    private final GameSession session = port.session("G");

    private GameFrame read(String json) {
        return new GameFrameDecoder().read(json);
    }

    private List<DiagnosticCode> codesOf(GameFrame frame) {
        return frame.warning() == null ? List.of() : frame.warning().codes();
    }

    private void started(String... actions) {
        session.startup();
        session.register(java.util.Arrays.stream(actions).map(a -> new Action(a, "d", null)).toList());
    }

    private Diagnostic last() {
        return port.diagnostics.get(port.diagnostics.size() - 1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "not json|invalid_json",
            "[1,2]|invalid_json",
            "{\"game\":\"g\"}|missing_field",
            "{\"command\":\"context\",\"data\":{\"message\":\"m\",\"silent\":true}}|missing_field",
            "{\"command\":\"dance\",\"game\":\"g\"}|unknown_command",
            "{\"command\":\"context\",\"game\":\"g\",\"data\":{\"message\":1,\"silent\":true}}|wrong_field_type",
            "{\"command\":\"context\",\"game\":\"g\",\"data\":[]}|wrong_field_type",
            "{\"command\":\"startup\",\"game\":\"g\",\"extra\":1}|unknown_field",
            "{\"command\":\"actions/force\",\"game\":\"g\",\"data\":{\"query\":\"q\",\"action_names\":[\"a\"],\"priority\":\"urgent\"}}|unknown_priority",
            "{\"command\":\"actions/register\",\"game\":\"g\",\"data\":{\"actions\":[{\"name\":\"Bad Name\",\"description\":\"d\"}]}}|action_name_style",
            "{\"command\":\"actions/register\",\"game\":\"g\",\"data\":{\"actions\":[{\"name\":\"a\"}]}}|action_invalid",
            "{\"command\":\"actions/register\",\"game\":\"g\",\"data\":{\"actions\":[{\"name\":\"a\",\"description\":\"d\",\"schema\":\"x\"}]}}|schema_invalid",
            "{\"command\":\"actions/register\",\"game\":\"g\",\"data\":{\"actions\":[{\"name\":\"a\",\"description\":\"d\",\"schema\":{\"type\":7}}]}}|schema_invalid",
            "{\"command\":\"actions/register\",\"game\":\"g\",\"data\":{\"actions\":[{\"name\":\"a\",\"description\":\"d\",\"schema\":{\"type\":\"string\"}}]}}|schema_not_object",
            "{\"command\":\"actions/register\",\"game\":\"g\",\"data\":{\"actions\":[{\"name\":\"a\",\"description\":\"d\",\"schema\":{\"type\":\"object\",\"$comment\":\"c\"}}]}}|schema_keyword",
    })
    void readingAFrameGivesItsCode(String frame, String code) {
        assertEquals(List.of(code), codesOf(read(frame)).stream().map(DiagnosticCode::code).toList());
    }

    @Test
    void aBinaryFrameHasItsCode() {
        assertEquals(List.of(DiagnosticCode.BINARY_FRAME), GameFrameDecoder.binary(3).frame().warning().codes());
    }

    @Test
    void severalProblemsOfAFrameAreItsDistinctCodesInOrderInOneDiagnosticNamedByTheWorst() {
        GameFrame frame = read("{\"command\":\"actions/register\",\"game\":\"g\",\"x\":1,\"data\":{\"actions\":["
                + "{\"name\":\"Bad\",\"description\":\"d\"},{\"name\":\"Worse\",\"description\":\"d\"},{\"name\":\"c\"}]}}");
        assertEquals(List.of(DiagnosticCode.UNKNOWN_FIELD, DiagnosticCode.ACTION_NAME_STYLE, DiagnosticCode.ACTION_INVALID),
                codesOf(frame));
        session.frame("raw", frame.warning(), () -> session.force(new ForceRequest(null, "q", false, "low", List.of("nope"))));
        assertEquals(1, port.diagnostics.size(), port.diagnostics.toString());
        Diagnostic d = last();
        assertEquals(DiagnosticCode.ACTION_INVALID, d.code(), "the first of the most severe");
        assertEquals(Severity.ERROR, d.severity());
        assertEquals(List.of(DiagnosticCode.UNKNOWN_FIELD, DiagnosticCode.ACTION_NAME_STYLE, DiagnosticCode.ACTION_INVALID,
                DiagnosticCode.FORCE_UNKNOWN_ACTIONS, DiagnosticCode.FORCE_FAILED),
                d.codes());
        assertEquals("raw", d.frame());
        assertEquals("connection-of-G", d.connectionId());
        assertEquals("G", d.game());
        assertEquals(d, session.warnings().get(0), "the console view shows the same diagnostic");
    }

    @Test
    void aCommandBeforeStartupIsSaidOnce() {
        session.beforeStartup("actions/register");
        session.beforeStartup("context");
        assertEquals(List.of(DiagnosticCode.BEFORE_STARTUP), port.diagnostics.stream().map(Diagnostic::code).toList());
        assertTrue(last().message().contains("'actions/register' before 'startup'"), last().message());
        session.startup();
        session.beforeStartup("context");
        assertEquals(1, port.diagnostics.size());
    }

    @Test
    void aStartedGameIsNotToldAboutStartup() {
        session.startup();
        session.beforeStartup("context");
        assertTrue(port.diagnostics.isEmpty());
    }

    @Test
    void aReRegistrationIsIgnoredWithItsCode() {
        started("a");
        session.register(List.of(new Action("a", "other", null)));
        assertEquals(DiagnosticCode.REREGISTER_IGNORED, last().code());
    }

    @Test
    void actionsOverTheCapAreKeptOutWithItsCode() {
        session.register(java.util.stream.IntStream.range(0, GameSession.MAX_ACTIONS + 1)
                .mapToObj(i -> new Action("a" + i, "d", null)).toList());
        assertEquals(DiagnosticCode.ACTIONS_KEPT_OUT, last().code());
    }

    @Test
    void forceNamesNotRegisteredAndAForceWhilePending() {
        started("a");
        session.force(new ForceRequest(null, "q", false, "low", List.of("a", "ghost")));
        assertEquals(DiagnosticCode.FORCE_UNKNOWN_ACTIONS, last().code());
        session.force(new ForceRequest(null, "q2", false, "low", List.of("a")));
        assertEquals(DiagnosticCode.FORCE_WHILE_PENDING, last().code());
    }

    @Test
    void aForceWithNoRegisteredActionFails() {
        started("a");
        session.force(new ForceRequest(null, "q", false, "low", List.of("ghost")));
        assertEquals(List.of(DiagnosticCode.FORCE_UNKNOWN_ACTIONS, DiagnosticCode.FORCE_FAILED),
                port.diagnostics.stream().map(Diagnostic::code).toList());
    }

    @Test
    void resultsForUnknownIdsLateResultsAndTimeoutsHaveTheirCodes() {
        started("a");
        session.result("never-sent", true, null);
        assertEquals(DiagnosticCode.RESULT_UNKNOWN_ID, last().code());
        String id = session.sendUnforced("a", null);
        session.timeout(id);
        assertEquals(DiagnosticCode.RESULT_TIMEOUT, last().code());
        assertEquals(Severity.ERROR, last().severity());
        assertNull(last().frame(), "a timeout is no frame of the game");
        session.result(id, true, null);
        assertEquals(DiagnosticCode.RESULT_LATE, last().code());
        session.result(id, true, null);
        assertEquals(DiagnosticCode.RESULT_UNKNOWN_ID, last().code(), "late once: a second result is just unknown");
    }

    @Test
    void aFailureWithoutAMessage() {
        started("a");
        String id = session.sendUnforced("a", null);
        session.result(id, false, " ");
        assertEquals(DiagnosticCode.FAILURE_WITHOUT_MESSAGE, last().code());
        int before = port.diagnostics.size();
        session.result(session.sendUnforced("a", null), false, "the cell is taken");
        session.result(session.sendUnforced("a", null), true, null);
        assertEquals(before, port.diagnostics.size(), "a failure that says why, or a success, is fine");
    }

    @Test
    void anOversizedContextIsKeptShortenedWithItsCode() {
        session.context("c".repeat(GameSession.CONTEXT_ENTRY_BYTES), false);
        assertTrue(port.diagnostics.isEmpty());
        session.context("c".repeat(GameSession.CONTEXT_ENTRY_BYTES + 1), false);
        assertEquals(DiagnosticCode.CONTEXT_OVERSIZED, last().code());
    }

    @Test
    void contextDroppedWhileAResultIsPending() {
        started("a");
        session.sendUnforced("a", null);
        for (int i = 0; i <= GameSession.MAX_CONTEXT; i++) {
            session.context("c" + i, true);
        }
        assertEquals(DiagnosticCode.CONTEXT_DROPPED, last().code());
    }

    @Test
    void aChoiceTheForceDoesNotAllow() {
        started("a", "b");
        session.force(new ForceRequest(null, "q", false, "low", List.of("a")));
        session.choose(port.decisions.get(0), "b", null);
        assertEquals(DiagnosticCode.CHOICE_REFUSED, last().code());
    }

    @Test
    void everyCodeHasAStableSnakeCaseNameAndIsRaisedSomewhere() {
        Set<String> names = new java.util.HashSet<>();
        for (DiagnosticCode code : DiagnosticCode.values()) {
            assertTrue(code.code().matches("[a-z]+(_[a-z]+)*"), code.code());
            assertTrue(names.add(code.code()));
        }
    }

    @Test
    void framesAreRoutedUnderTheirConnectionWhenTheirGameCannotBeRead() {
        assertEquals(new NeuroHub.Route(NeuroHub.NO_GAME, null), NeuroHub.route(Set.of(), null));
        assertEquals(new NeuroHub.Route("G", null), NeuroHub.route(Set.of("G"), null), "the connection's only game");
        assertEquals(new NeuroHub.Route("G", null), NeuroHub.route(Set.of("G", NeuroHub.NO_GAME), null));
        assertEquals(new NeuroHub.Route(NeuroHub.NO_GAME, null), NeuroHub.route(Set.of("G", "H"), null),
                "with several games, under the connection");
        assertEquals(new NeuroHub.Route("G", null), NeuroHub.route(Set.of(NeuroHub.NO_GAME), "G"));
        assertEquals(new NeuroHub.Route("G", null), NeuroHub.route(Set.of("G"), "G"));
        assertEquals(new NeuroHub.Route("H", DiagnosticCode.GAME_NAME_CHANGED), NeuroHub.route(Set.of("G"), "H"));
        Set<String> full = new java.util.HashSet<>();
        for (int i = 0; i < NeuroHub.MAX_GAMES_PER_CONNECTION; i++) {
            full.add("g" + i);
        }
        assertEquals(new NeuroHub.Route(NeuroHub.NO_GAME, DiagnosticCode.TOO_MANY_GAMES), NeuroHub.route(full, "new"));
    }

    @Test
    void theConnectionsOwnViewHasNoGameName() {
        GameSession own = new GameSession("c1", NeuroHub.NO_GAME, port, 3, List.of());
        own.diagnose(List.of(DiagnosticCode.INVALID_JSON), "not JSON", "}{");
        assertNull(GameView.of(own).game());
        assertNull(last().game());
        assertEquals("invalid_json", GameView.of(own).warnings().get(0).code());
        assertEquals("error", GameView.of(own).warnings().get(0).severity());
    }

    @Test
    void theReportCountsByGameCodeAndSeverityAndKeepsTheLastOnes() {
        DiagnosticsReport report = new DiagnosticsReport();
        Instant now = Instant.now();
        for (int i = 0; i < DiagnosticsReport.KEPT_PER_GAME + 5; i++) {
            report.add(Diagnostic.of(now, List.of(DiagnosticCode.RESULT_TIMEOUT), "c", "G", "t" + i, null));
        }
        report.add(Diagnostic.of(now, List.of(DiagnosticCode.UNKNOWN_FIELD, DiagnosticCode.SCHEMA_KEYWORD), "c", "H", "m", "{}"));
        report.add(Diagnostic.of(now, List.of(DiagnosticCode.INVALID_JSON), "c", null, "x", "x"));
        DiagnosticsReport.Report all = report.report(null);
        assertEquals(DiagnosticsReport.KEPT_PER_GAME + 5 + 1, all.errors());
        assertEquals(1, all.warnings());
        assertEquals(0, all.infos(), "a frame counts once, by its worst code");
        assertEquals(java.util.Arrays.asList(null, "G", "H"), all.games().stream().map(DiagnosticsReport.GameReport::game).toList());
        DiagnosticsReport.GameReport g = report.report("G").games().get(0);
        assertEquals(1, report.report("G").games().size());
        assertEquals(DiagnosticsReport.KEPT_PER_GAME, g.diagnostics().size());
        assertEquals(5, g.dropped());
        assertEquals("t5", g.diagnostics().get(0).message(), "the oldest go");
        assertEquals(java.util.Map.of("result_timeout", DiagnosticsReport.KEPT_PER_GAME + 5), g.byCode());
        assertEquals(java.util.Map.of("unknown_field", 1, "schema_keyword", 1), report.report("H").games().get(0).byCode());
        assertTrue(report.report("nobody").games().isEmpty());
        assertEquals(0, report.report("nobody").errors());
    }
}
