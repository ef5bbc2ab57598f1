package dev.switchboard.neuro;

import dev.switchboard.neuro.decide.RandomDecider;
import dev.switchboard.neuro.diagnostics.DiagnosticCode;
import dev.switchboard.neuro.game.GameSession;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two games registering the same action name, on two connections and on one: the name is shown as a
 * collision to the game that registered it second, and otherwise each game's actions, forces, choices
 * and results stay its own (docs/neuro.md, "State is kept per connection and game").
 */
class ActionNameCollisionTest {
    private static final String ALPHA_PLAY = "{\"name\":\"play\",\"description\":\"Alpha's play\",\"schema\":{\"type\":\"object\","
            + "\"properties\":{\"x\":{\"type\":\"integer\",\"enum\":[1]}},\"required\":[\"x\"]}}";
    private static final String BETA_PLAY = "{\"name\":\"play\",\"description\":\"Beta's play\",\"schema\":{\"type\":\"object\","
            + "\"properties\":{\"cell\":{\"type\":\"string\",\"enum\":[\"b2\"]}},\"required\":[\"cell\"]}}";

    private final TestHub test = new TestHub();
    private final NeuroHub hub = test.hub;

    @AfterEach
    void stop() {
        test.close();
    }

    private void start(TestHub.Game connection, String game, String action) {
        test.send(connection, game, "startup", null);
        test.send(connection, game, "actions/register", "{\"actions\":[" + action + "]}");
    }

    private void force(TestHub.Game connection, String game, String query) {
        test.send(connection, game, "actions/force", "{\"query\":\"" + query + "\",\"action_names\":[\"play\"]}");
    }

    private void result(TestHub.Game connection, String game, String id, boolean success) {
        test.send(connection, game, "action/result", "{\"id\":\"" + id + "\",\"success\":" + success
                + ",\"message\":\"" + (success ? "done" : "that cell is taken") + "\"}");
    }

    private static List<DiagnosticCode> codes(GameSession session) {
        return session.warnings().stream().flatMap(w -> w.codes().stream()).toList();
    }

    /** The decider answers the request it was last given with data made up from that game's schema. */
    private void answerLastRequestAtRandom() {
        TestHub.RecordingDecider.Asked asked = test.decider.last();
        new RandomDecider().chooseNow(asked.session(), asked.force());
    }

    private static String data(JsonObject actionCommand) {
        return actionCommand.getJsonObject("data").getString("data");
    }

    private static String id(JsonObject actionCommand) {
        return actionCommand.getJsonObject("data").getString("id");
    }

    @Test
    void onTwoConnectionsTheSecondRegistrationIsWarnedOfTheCollisionAndBothGamesKeepTheirOwnAction() {
        TestHub.Game first = test.connect();
        TestHub.Game second = test.connect();
        start(first, "Alpha", ALPHA_PLAY);
        start(second, "Beta", BETA_PLAY);

        GameSession alpha = test.session(first, "Alpha");
        GameSession beta = test.session(second, "Beta");
        assertEquals("Alpha's play", alpha.action("play").description());
        assertEquals("Beta's play", beta.action("play").description(), "the other game's registration does not stand for this one");
        assertEquals(List.of(), codes(alpha), "the first to register the name is not warned");
        assertEquals(List.of(DiagnosticCode.ACTION_NAME_COLLISION), codes(beta));
        assertEquals("1 action names collide with other games' actions: 'play' (also registered by 'Alpha' on connection "
                + first.connection.id() + ")", beta.warnings().get(0).message());
        assertEquals(1, hub.diagnosed(DiagnosticCode.ACTION_NAME_COLLISION));

        test.send(first, "Alpha", "actions/unregister", "{\"action_names\":[\"play\"]}");
        assertNull(alpha.action("play"));
        assertEquals("Beta's play", beta.action("play").description(), "unregistering is the game's own business");
    }

    @Test
    void onTwoConnectionsEachForceIsDecidedForItsOwnGameAndItsActionSentOnItsOwnConnection() {
        TestHub.Game first = test.connect();
        TestHub.Game second = test.connect();
        start(first, "Alpha", ALPHA_PLAY);
        start(second, "Beta", BETA_PLAY);
        GameSession alpha = test.session(first, "Alpha");
        GameSession beta = test.session(second, "Beta");

        force(second, "Beta", "Beta's turn");
        assertEquals(1, test.decider.asked.size());
        assertEquals(beta, test.decider.last().session(), "the decider is asked for the game that forced");
        assertNull(alpha.pendingForce());
        answerLastRequestAtRandom();
        assertEquals(List.of(), first.sent("action"), "nothing is sent to the other game");
        List<JsonObject> toBeta = second.sent("action");
        assertEquals(1, toBeta.size());
        assertEquals("{\"cell\":\"b2\"}", data(toBeta.get(0)), "data made up from this game's own schema of 'play'");

        force(first, "Alpha", "Alpha's turn");
        assertEquals(alpha, test.decider.last().session());
        assertEquals("Alpha's turn", test.decider.last().force().request().query());
        answerLastRequestAtRandom();
        assertEquals(1, second.sent("action").size(), "still only Beta's own action");
        List<JsonObject> toAlpha = first.sent("action");
        assertEquals(1, toAlpha.size());
        assertEquals("{\"x\":1}", data(toAlpha.get(0)));
        assertEquals(List.of(id(toAlpha.get(0))), alpha.inFlight().stream().map(GameSession.InFlight::id).toList());
        assertEquals(List.of(id(toBeta.get(0))), beta.inFlight().stream().map(GameSession.InFlight::id).toList());
    }

    @Test
    void onTwoConnectionsAChoiceForOneGamesForceIsRefusedByTheOther() {
        TestHub.Game first = test.connect();
        TestHub.Game second = test.connect();
        start(first, "Alpha", ALPHA_PLAY);
        start(second, "Beta", BETA_PLAY);
        GameSession alpha = test.session(first, "Alpha");
        GameSession beta = test.session(second, "Beta");
        force(first, "Alpha", "Alpha's turn");
        GameSession.PendingForce askedForAlpha = test.decider.last().force();
        force(second, "Beta", "Beta's turn");

        assertFalse(beta.choose(askedForAlpha, "play", "{\"cell\":\"b2\"}"), "Alpha's force is not Beta's");
        assertEquals(List.of(), second.sent("action"));
        assertEquals(GameSession.ForceStatus.CHOOSING, beta.pendingForce().status(), "Beta still waits for its own choice");
        assertTrue(alpha.choose(askedForAlpha, "play", "{\"x\":1}"));
        assertEquals(1, first.sent("action").size());
        assertEquals(GameSession.ForceStatus.CHOOSING, beta.pendingForce().status());
    }

    @Test
    void onTwoConnectionsAResultIsTakenOnlyByTheGameThatWasSentTheAction() {
        TestHub.Game first = test.connect();
        TestHub.Game second = test.connect();
        start(first, "Alpha", ALPHA_PLAY);
        start(second, "Beta", BETA_PLAY);
        GameSession alpha = test.session(first, "Alpha");
        GameSession beta = test.session(second, "Beta");
        force(first, "Alpha", "Alpha's turn");
        answerLastRequestAtRandom();
        force(second, "Beta", "Beta's turn");
        answerLastRequestAtRandom();
        String alphasAction = id(first.sent("action").get(0));
        String betasAction = id(second.sent("action").get(0));

        result(second, "Beta", alphasAction, true);
        assertEquals(DiagnosticCode.RESULT_UNKNOWN_ID, beta.warnings().get(beta.warnings().size() - 1).code(),
                "Beta was never sent Alpha's action");
        assertEquals(GameSession.ForceStatus.AWAITING_RESULT, alpha.pendingForce().status(), "Alpha's action is still pending");
        assertEquals(alphasAction, alpha.pendingForce().actionId());

        int asked = test.decider.asked.size();
        result(first, "Alpha", alphasAction, false);
        assertEquals(asked + 1, test.decider.asked.size(), "Alpha's failure is retried");
        assertEquals(alpha, test.decider.last().session(), "for Alpha only");
        assertEquals(GameSession.ForceStatus.AWAITING_RESULT, beta.pendingForce().status());
        assertEquals(betasAction, beta.pendingForce().actionId(), "Beta's force is untouched");

        result(second, "Beta", betasAction, true);
        assertNull(beta.pendingForce(), "Beta's success ends Beta's force");
        assertEquals(GameSession.ForceStatus.CHOOSING, alpha.pendingForce().status(), "and not Alpha's retry");
    }

    @Test
    void onOneConnectionTwoGamesKeepTheirOwnActionsForcesChoicesAndResults() {
        TestHub.Game both = test.connect();
        start(both, "Alpha", ALPHA_PLAY);
        start(both, "Beta", BETA_PLAY);
        GameSession alpha = test.session(both, "Alpha");
        GameSession beta = test.session(both, "Beta");

        assertEquals("Alpha's play", alpha.action("play").description());
        assertEquals("Beta's play", beta.action("play").description());
        assertTrue(codes(beta).contains(DiagnosticCode.ACTION_NAME_COLLISION), codes(beta).toString());
        assertTrue(beta.warnings().stream().anyMatch(w -> w.message().contains(
                "'play' (also registered by 'Alpha' on connection " + both.connection.id() + ")")), beta.warnings().toString());
        assertFalse(codes(alpha).contains(DiagnosticCode.ACTION_NAME_COLLISION), codes(alpha).toString());

        force(both, "Beta", "Beta's turn");
        assertEquals(beta, test.decider.last().session());
        answerLastRequestAtRandom();
        force(both, "Alpha", "Alpha's turn");
        assertEquals(alpha, test.decider.last().session());
        answerLastRequestAtRandom();
        List<JsonObject> actions = both.sent("action");
        assertEquals(List.of("{\"cell\":\"b2\"}", "{\"x\":1}"), actions.stream().map(ActionNameCollisionTest::data).toList(),
                "each game's choice made from its own schema");
        String betasAction = id(actions.get(0));
        String alphasAction = id(actions.get(1));

        result(both, "Alpha", betasAction, true);
        assertEquals(DiagnosticCode.RESULT_UNKNOWN_ID, alpha.warnings().get(alpha.warnings().size() - 1).code(),
                "a result is the game's it names: Alpha was not sent Beta's action");
        assertEquals(betasAction, beta.pendingForce().actionId(), "Beta's action is still pending");

        result(both, "Beta", betasAction, true);
        assertNull(beta.pendingForce());
        assertEquals(alphasAction, alpha.pendingForce().actionId(), "Alpha's force still waits for its own result");
        result(both, "Alpha", alphasAction, true);
        assertNull(alpha.pendingForce());

        test.send(both, "Beta", "actions/unregister", "{\"action_names\":[\"play\"]}");
        assertNull(beta.action("play"));
        assertEquals("Alpha's play", alpha.action("play").description());
    }
}
