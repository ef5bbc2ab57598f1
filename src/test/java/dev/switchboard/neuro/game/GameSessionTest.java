package dev.switchboard.neuro.game;

import dev.switchboard.neuro.bounds.Shorten;
import dev.switchboard.neuro.diagnostics.Diagnostic;
import dev.switchboard.neuro.diagnostics.DiagnosticCode;
import dev.switchboard.websocket.JsonSupport;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The force flow state machine, with a port that records what it is asked to do. */
class GameSessionTest {
    private final RecordingPort port = new RecordingPort();
    private final List<RecordingPort.Sent> sent = port.sent;
    private final List<GameSession.PendingForce> decisions = port.decisions;
    private final List<CompletableFuture<?>> timers = port.timers;
    private final GameSession session = port.session("Tic Tac Toe");

    GameSessionTest() {
        session.startup();
        session.register(List.of(new Action("play", "play a cell", null), new Action("pass", "pass", null),
                new Action("quit", "quit", null)));
    }

    private GameSession.PendingForce lastDecision() {
        return decisions.get(decisions.size() - 1);
    }

    private RecordingPort.Sent choose(String name) {
        assertTrue(session.choose(lastDecision(), name, null));
        return port.lastSent();
    }

    @Test
    void aNameAlreadyRegisteredIsIgnoredWithAWarningAndTheFirstStands() {
        java.util.function.LongSupplier actionChanges = () -> port.changes.stream().filter("actions"::equals).count();
        long changesBefore = actionChanges.getAsLong();
        session.register(List.of(new Action("play", "a different play", null), new Action("dance", "dance", null)));
        assertEquals("play a cell", session.actions().stream().filter(a -> a.name().equals("play")).findFirst()
                .orElseThrow().description(), "the first registration stands");
        assertTrue(session.actions().stream().anyMatch(a -> a.name().equals("dance")));
        assertTrue(session.warnings().get(session.warnings().size() - 1).message()
                .contains("ignored a different registration of actions already registered (unregister them first): [play]"));
        assertEquals(changesBefore + 1, actionChanges.getAsLong(), "one change of the actions, for dance");
        session.register(List.of(new Action("play", "again", null)));
        assertEquals(changesBefore + 1, actionChanges.getAsLong(), "nothing registered: no change of the actions sent");
        session.unregister(List.of("play"));
        session.register(List.of(new Action("play", "play anew", null)));
        assertEquals("play anew", session.actions().stream().filter(a -> a.name().equals("play")).findFirst()
                .orElseThrow().description(), "after an unregister the name can be registered again");
    }

    /** A game answering the server's actions/reregister_all registers everything again: no mistake, no warning. */
    @Test
    void anIdenticalReRegistrationIsNoMistake() {
        List<Action> registered = session.actions();
        int warningsBefore = session.warnings().size();
        session.register(registered);
        assertEquals(warningsBefore, session.warnings().size(), session.warnings().toString());
        assertEquals(registered, session.actions());
    }

    @Test
    void successEndsTheForce() {
        session.force(new ForceRequest("board", "your move", false, "low", List.of("play", "pass")));
        assertEquals(List.of("play", "pass"), lastDecision().actionNames());
        RecordingPort.Sent action = choose("play");
        session.result(action.id(), true, "");
        assertNull(session.pendingForce());
        assertEquals(1, decisions.size());
        assertTrue(timers.get(0).isCancelled(), "the result stops the timeout");
    }

    @Test
    void failureRetriesUpToTheLimitThenEnds() {
        session.force(new ForceRequest(null, "your move", false, "low", List.of("play")));
        for (int attempt = 0; attempt <= 3; attempt++) {
            assertEquals(attempt + 1, decisions.size());
            assertEquals(attempt, lastDecision().retries());
            session.result(choose("play").id(), false, "cell taken");
        }
        assertEquals(4, decisions.size(), "one try and three retries");
        assertNull(session.pendingForce());
        assertTrue(session.warnings().get(session.warnings().size() - 1).message().contains("failed 4 times"));
    }

    @Test
    void unregisteredNamesArePrunedBeforeARetryAndAnEmptyForceEnds() {
        session.force(new ForceRequest(null, "your move", false, "low", List.of("play", "pass")));
        RecordingPort.Sent first = choose("play");
        session.unregister(List.of("pass"));
        session.result(first.id(), false, "no");
        assertEquals(List.of("play"), lastDecision().actionNames());
        RecordingPort.Sent second = choose("play");
        session.unregister(List.of("play"));
        session.result(second.id(), false, "no");
        assertNull(session.pendingForce(), "nothing left to choose from");
        assertEquals(2, decisions.size());
    }

    @Test
    void unregisteringWhileChoosingNarrowsOrEndsTheForce() {
        session.force(new ForceRequest(null, "q", false, "low", List.of("play", "pass")));
        session.unregister(List.of("pass"));
        assertEquals(List.of("play"), session.pendingForce().actionNames());
        assertFalse(session.choose(lastDecision(), "pass", null), "an unregistered name cannot be chosen");
        session.unregister(List.of("play"));
        assertNull(session.pendingForce());
    }

    @Test
    void aTimeoutFailsWithoutRetryAndTheLateResultIsDiscarded() {
        session.force(new ForceRequest(null, "q", false, "low", List.of("play")));
        RecordingPort.Sent action = choose("play");
        session.timeout(action.id());
        assertNull(session.pendingForce());
        assertEquals(1, decisions.size(), "no retry after a timeout");
        int warnings = session.warnings().size();
        session.result(action.id(), false, "late");
        assertEquals(1, decisions.size(), "the late result is discarded");
        assertEquals(DiagnosticCode.RESULT_LATE, session.warnings().get(warnings).code());
    }

    @Test
    void aNewForceReplacesThePendingOne() {
        session.force(new ForceRequest(null, "first", false, "low", List.of("play")));
        GameSession.PendingForce first = lastDecision();
        session.force(new ForceRequest(null, "second", false, "high", List.of("pass")));
        assertFalse(session.choose(first, "play", null), "the replaced force takes no choice");
        assertEquals("second", session.pendingForce().request().query());
        assertTrue(session.warnings().stream().anyMatch(w -> w.message().contains("replaced")));
    }

    @Test
    void anotherDeciderTakingOverVoidsTheFormerOnesAnswer() {
        session.force(new ForceRequest(null, "q", false, "low", List.of("play")));
        GameSession.PendingForce askedFirst = lastDecision();
        session.reoffer();
        assertEquals(2, decisions.size(), "the new decider is asked");
        assertFalse(session.choose(askedFirst, "play", null), "the former decider's late answer is void");
        assertTrue(session.choose(lastDecision(), "play", null));
    }

    @Test
    void aRetryIsANewRound() {
        session.force(new ForceRequest(null, "q", false, "low", List.of("play")));
        GameSession.PendingForce firstRound = lastDecision();
        session.result(choose("play").id(), false, "no");
        assertFalse(session.choose(firstRound, "play", null), "an answer for the first round does not count twice");
        assertEquals(1, lastDecision().round());
    }

    @Test
    void aResultOfAReplacedForceIsNotRetried() {
        session.force(new ForceRequest(null, "first", false, "low", List.of("play")));
        RecordingPort.Sent old = choose("play");
        session.force(new ForceRequest(null, "second", false, "low", List.of("pass")));
        session.result(old.id(), false, "no");
        assertEquals(2, decisions.size());
        assertEquals("second", session.pendingForce().request().query());
    }

    @Test
    void contextWhileAResultIsPendingIsLoggedAfterIt() {
        RecordingPort.Sent action = sentUnforced();
        session.context("during", true);
        assertTrue(session.contextLog().stream().noneMatch(c -> c.message().equals("during")));
        session.result(action.id(), true, null);
        List<String> log = session.contextLog().stream().map(GameSession.ContextEntry::message).toList();
        assertEquals("during", log.get(log.size() - 1));
        session.context("after", false);
        assertEquals("after", session.contextLog().get(session.contextLog().size() - 1).message());
    }

    @Test
    void aForcesStateAndQueryWaitBehindContextHeldForAResult() {
        RecordingPort.Sent action = sentUnforced();
        session.context("held first", true);
        session.force(new ForceRequest("the board", "your move", false, "low", List.of("play")));
        session.result(action.id(), true, null);
        List<String> log = session.contextLog().stream().map(GameSession.ContextEntry::message).toList();
        assertEquals(List.of("held first", "[state] the board", "[query] your move"), log.subList(log.size() - 3, log.size()));
    }

    @Test
    void aForceNoDeciderCanAnswerEnds() {
        session.force(new ForceRequest(null, "q", false, "low", List.of("play")));
        session.abandon(lastDecision(), "the decider failed");
        assertNull(session.pendingForce());
        assertTrue(session.warnings().get(session.warnings().size() - 1).message().contains("the decider failed"));
    }

    @Test
    void aClosedSessionReportsNothingMore() {
        RecordingPort quiet = new RecordingPort();
        List<String> changes = quiet.changes;
        GameSession watched = quiet.session("G");
        watched.close();
        watched.warn(DiagnosticCode.DECIDER_PROBLEM, "a late decider");
        watched.note("shutdown", "late");
        assertTrue(changes.isEmpty(), changes.toString());
    }

    @Test
    void unforcedActionsAreNeverRetriedAndUnknownResultsAreDiscarded() {
        RecordingPort.Sent action = sentUnforced();
        session.result(action.id(), false, "nope");
        assertTrue(decisions.isEmpty());
        session.result("no-such-id", true, null);
        assertTrue(session.warnings().get(session.warnings().size() - 1).message().contains("no-such-id"));
    }

    @Test
    void startupClearsActionsAndThePendingForce() {
        session.force(new ForceRequest(null, "q", false, "low", List.of("play")));
        session.startup();
        assertTrue(session.actions().isEmpty());
        assertNull(session.pendingForce());
    }

    @Test
    void aForceOfUnregisteredActionsEndsAtOnce() {
        session.force(new ForceRequest(null, "q", false, "low", List.of("fly")));
        assertNull(session.pendingForce());
        assertTrue(decisions.isEmpty());
    }

    @Test
    void nonEphemeralForcesLeaveStateAndQueryInTheContext() {
        session.force(new ForceRequest("the board", "your move", false, "low", List.of("play")));
        session.force(new ForceRequest("secret", "hidden", true, "low", List.of("play")));
        List<String> log = session.contextLog().stream().map(GameSession.ContextEntry::message).toList();
        assertTrue(log.contains("[state] the board") && log.contains("[query] your move"));
        assertTrue(log.stream().noneMatch(m -> m.contains("secret") || m.contains("hidden")));
    }

    private RecordingPort.Sent sentUnforced() {
        session.sendUnforced("quit", null);
        return port.lastSent();
    }

    @Test
    void everythingAFrameCausesToWarnAboutIsOneWarningWithTheFrameShortened() {
        String raw = "{\"command\":\"actions/force\"," + "x".repeat(1_048_000) + "}";
        session.force(new ForceRequest(null, "first", false, "low", List.of("play")));
        int before = session.warnings().size();
        port.changes.clear();
        session.frame(raw, FrameWarning.Found.of(DiagnosticCode.UNKNOWN_FIELD, "unknown field 'x' tolerated"),
                () -> session.force(new ForceRequest(null, "second", false, "low", List.of("play", "fly"))));
        List<Diagnostic> added = session.warnings().subList(before, session.warnings().size());
        assertEquals(1, added.size(), added.toString());
        assertEquals("unknown field 'x' tolerated; a new force replaced the pending force (query: first); "
                + "force names actions that are not registered: [fly]", added.get(0).message());
        assertEquals(raw.substring(0, Shorten.SHOWN_BYTES) + "… (" + raw.length() + " bytes, shortened)", added.get(0).frame());
        assertEquals(1, port.changes.stream().filter("warning"::equals).count());
    }

    @Test
    void theContextLogKeepsTheNewestWithinItsCountAndSize() {
        for (int i = 0; i < GameSession.MAX_CONTEXT + 50; i++) {
            session.context("short " + i, true);
        }
        List<GameSession.ContextEntry> log = session.contextLog();
        assertEquals(GameSession.MAX_CONTEXT, log.size());
        assertEquals("short 50", log.get(0).message(), "the oldest go first");

        String big = "b".repeat(GameSession.CONTEXT_ENTRY_BYTES);
        for (int i = 0; i < 20; i++) {
            session.context(big, true);
        }
        log = session.contextLog();
        assertTrue(bytes(log) <= GameSession.CONTEXT_BYTES, bytes(log) + " bytes");
        assertEquals(GameSession.CONTEXT_BYTES / GameSession.CONTEXT_ENTRY_BYTES, log.size());

        session.context("h".repeat(1_000_000), false);
        String kept = session.contextLog().get(session.contextLog().size() - 1).message();
        assertEquals("h".repeat(GameSession.CONTEXT_ENTRY_BYTES) + "… (1000000 bytes, shortened)", kept);
    }

    @Test
    void contextHeldForAResultIsBoundedToo() {
        sentUnforced();
        for (int i = 0; i < 1000; i++) {
            session.context("c".repeat(1000) + i, true);
        }
        session.result(port.lastSent().id(), true, null);
        List<GameSession.ContextEntry> log = session.contextLog();
        assertEquals("c".repeat(1000) + 999, log.get(log.size() - 1).message(), "held context is logged in order");
        assertTrue(log.size() <= GameSession.MAX_CONTEXT && bytes(log) <= GameSession.CONTEXT_BYTES);
        assertTrue(session.warnings().stream().anyMatch(w -> w.message().contains("the oldest was dropped")));
    }

    @Test
    void warningsKeepTheNewestWithinTheirCountAndSize() {
        for (int i = 0; i < GameSession.MAX_WARNINGS + 10; i++) {
            session.warn(DiagnosticCode.DECIDER_PROBLEM, "w" + i);
        }
        assertEquals(GameSession.MAX_WARNINGS, session.warnings().size());
        assertEquals("w10", session.warnings().get(0).message());
        for (int i = 0; i < 100; i++) {
            session.diagnose(List.of(DiagnosticCode.DECIDER_PROBLEM), "m".repeat(1_000_000), "f".repeat(1_000_000));
        }
        List<Diagnostic> kept = session.warnings();
        long bytes = kept.stream().mapToLong(w -> Shorten.utf8Length(w.message()) + Shorten.utf8Length(w.frame())).sum();
        assertTrue(bytes <= GameSession.WARNINGS_BYTES, bytes + " bytes");
        assertTrue(kept.get(kept.size() - 1).message().endsWith("… (1000000 bytes, shortened)"));
        assertTrue(Shorten.utf8Length(kept.get(kept.size() - 1).frame()) < Shorten.SHOWN_BYTES + 40);
    }

    @Test
    void actionsBeyondTheCapAreKeptOutWithOneWarningAndOneChange() {
        List<Action> many = IntStream.range(0, GameSession.MAX_ACTIONS + 44)
                .mapToObj(i -> new Action("a" + i, "d", null)).toList();
        port.changes.clear();
        session.register(many);
        assertEquals(GameSession.MAX_ACTIONS, session.actions().size());
        assertTrue(session.actions().stream().anyMatch(a -> a.name().equals("play")), "earlier actions stay");
        assertTrue(session.warnings().get(session.warnings().size() - 1).message().startsWith("47 actions kept out"),
                session.warnings().get(session.warnings().size() - 1).message());
        assertEquals(List.of("warning", "actions"), port.changes, "one warning and one change for the whole frame");

        session.startup();
        JsonValue schema = JsonSupport.readTree("{\"type\":\"object\",\"description\":\"" + "s".repeat(100_000) + "\"}");
        session.register(List.of(new Action("one", "d", schema), new Action("two", "d", schema), new Action("three", "d", schema)));
        assertEquals(List.of("one", "two"), session.actionNames(), "within " + GameSession.ACTIONS_BYTES + " bytes of actions");
        session.unregister(List.of("one"));
        session.register(List.of(new Action("three", "d", schema)));
        assertEquals(List.of("two", "three"), session.actionNames(), "unregistering makes room again");
    }

    private static long bytes(List<GameSession.ContextEntry> log) {
        return log.stream().mapToLong(c -> Shorten.utf8Length(c.message())).sum();
    }

    @Test
    void forcesRetriesAndTimeoutsAreTallied() {
        session.force(new ForceRequest(null, "q", false, "low", List.of("play")));
        session.result(choose("play").id(), false, "cell taken");
        session.timeout(choose("play").id());
        assertEquals(List.of(GameSession.Tally.FORCE, GameSession.Tally.RETRY, GameSession.Tally.TIMEOUT), port.tallies);
        session.timeout("no-such-action");
        assertEquals(3, port.tallies.size(), "a timer of an action already answered is no timeout");
    }
}
