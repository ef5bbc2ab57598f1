package dev.switchboard.cluster;

import dev.switchboard.ItSupport;
import dev.switchboard.neuro.ConsoleClient;
import dev.switchboard.neuro.GameClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A game on member A, operated from the console of member B. */
@Tag("cluster")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class NeuroClusterIT {
    @ArquillianResource
    URL base;

    ClusterMember b;

    @BeforeEach
    void cluster() throws Exception {
        b = ClusterSupport.twoMembers(base);
    }

    private static boolean registered(JsonObject message, String game) {
        return message.getString("type").equals("game") && message.getJsonObject("view").getString("game", "").equals(game)
                && message.getJsonObject("view").getJsonArray("actions").size() == 2;
    }

    @Test
    void aConsoleOnOneMemberSeesAndOperatesAGameOnTheOther() throws Exception {
        try (ConsoleClient onB = new ConsoleClient(b.ws("neuro/console"));
             GameClient game = new GameClient(ItSupport.ws(base, "neuro"), "Across")) {
            game.startupAndRegister();
            JsonObject view = onB.until(m -> registered(m, "Across")).getJsonObject("view");
            String connection = view.getString("connection_id");
            assertEquals("play", view.getJsonArray("actions").getJsonObject(0).getString("name"));

            JsonObject sent = onB.command("{\"type\":\"send_action\",\"request_id\":\"r1\",\"connection_id\":\"" + connection
                    + "\",\"game\":\"Across\",\"action\":\"play\",\"data\":{\"x\":1,\"y\":0}}");
            assertEquals("ack", sent.getString("type"), sent.toString());
            assertEquals("r1", sent.getString("request_id"));
            JsonObject action = game.next();
            assertEquals("action", action.getString("command"));
            assertEquals(sent.getString("action_id"), action.getJsonObject("data").getString("id"));
            assertEquals("{\"x\":1,\"y\":0}", action.getJsonObject("data").getString("data"));
            game.send("action/result", "{\"id\":\"" + sent.getString("action_id") + "\",\"success\":true}");

            JsonObject invalid = onB.command("{\"type\":\"send_action\",\"request_id\":\"r2\",\"connection_id\":\"" + connection
                    + "\",\"game\":\"Across\",\"action\":\"play\",\"data\":{\"x\":5,\"y\":0},\"send_anyway\":false}");
            assertEquals("invalid_data", invalid.getString("code"), invalid.toString());
            assertFalse(invalid.getJsonArray("problems").isEmpty());

            assertEquals("ack", onB.command("{\"type\":\"reregister_all\",\"connection_id\":\"" + connection + "\"}").getString("type"));
            assertEquals("{\"command\":\"actions/reregister_all\"}", game.ws.next(GameClient.WAIT));
            assertEquals("ack", onB.command("{\"type\":\"shutdown_graceful\",\"connection_id\":\"" + connection
                    + "\",\"wants_shutdown\":true}").getString("type"));
            assertEquals("{\"command\":\"shutdown/graceful\",\"data\":{\"wants_shutdown\":true}}", game.ws.next(GameClient.WAIT));
            assertEquals("unknown_connection", onB.command("{\"type\":\"reregister_all\",\"connection_id\":\"nope\"}").getString("code"));
        }
    }

    @Test
    void aForceWaitingForTheOperatorOnOneMemberIsAnsweredFromTheOther() throws Exception {
        try (ConsoleClient onA = new ConsoleClient(ItSupport.ws(base, "neuro/console"));
             ConsoleClient onB = new ConsoleClient(b.ws("neuro/console"));
             GameClient game = new GameClient(ItSupport.ws(base, "neuro"), "Forced")) {
            assertEquals("ack", onA.command("{\"type\":\"set_decider\",\"decider\":\"operator\"}").getString("type"));
            try {
                game.startupAndRegister();
                onB.until(m -> registered(m, "Forced"));
                game.send("actions/force", "{\"query\":\"Your move\",\"action_names\":[\"play\",\"pass\"]}");
                JsonObject view = onB.view("Forced", "force");
                assertEquals("choosing", view.getJsonObject("pending_force").getString("status"), view.toString());
                JsonObject answered = onB.command("{\"type\":\"answer_force\",\"request_id\":\"f1\",\"connection_id\":\""
                        + view.getString("connection_id") + "\",\"game\":\"Forced\",\"action\":\"play\",\"data\":{\"x\":2,\"y\":2}}");
                assertEquals("ack", answered.getString("type"), answered.toString());
                JsonObject action = game.next();
                assertEquals(answered.getString("action_id"), action.getJsonObject("data").getString("id"));
                assertEquals("{\"x\":2,\"y\":2}", action.getJsonObject("data").getString("data"));
            } finally {
                onA.command("{\"type\":\"set_decider\",\"decider\":\"random\"}");
            }
        }
    }

    @Test
    void theDiagnosticsOfEitherMemberReportEveryMembersGames() throws Exception {
        try (GameClient game = new GameClient(ItSupport.ws(base, "neuro"), "Diagnosed");
             ConsoleClient onB = new ConsoleClient(b.ws("neuro/console"))) {
            game.startupAndRegister();
            onB.until(m -> registered(m, "Diagnosed"));
            game.send("dance", null);
            ItSupport.await(() -> gameOf(report(), "Diagnosed") != null
                    && gameOf(report(), "Diagnosed").toString().contains("unknown_command"));
            JsonObject report = report();
            assertEquals(2, report.getJsonArray("members").size(), report.toString());
            assertTrue(report.getJsonArray("unanswered").isEmpty(), report.toString());
            String memberA = ItSupport.object(ClusterMember.get(URI.create("http://127.0.0.1:" + base.getPort() + "/health/ready")))
                    .getJsonArray("checks").getJsonObject(0).getJsonObject("data").getString("cluster-member");
            assertEquals(memberA, gameOf(report, "Diagnosed").getString("member"), "the game's member is named");
        }
    }

    private JsonObject report() {
        try {
            return ItSupport.object(ClusterMember.get(b.http("neuro/diagnostics")));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static JsonObject gameOf(JsonObject report, String name) {
        return report.getJsonArray("games").stream().map(JsonValue::asJsonObject)
                .filter(g -> name.equals(g.getString("game", ""))).findFirst().orElse(null);
    }
}
