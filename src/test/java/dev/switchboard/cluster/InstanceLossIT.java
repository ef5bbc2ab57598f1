package dev.switchboard.cluster;

import dev.switchboard.ItSupport;
import dev.switchboard.client.WsClient;
import dev.switchboard.neuro.ConsoleClient;
import dev.switchboard.neuro.GameClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.switchboard.cluster.BusClusterIT.chat;
import static dev.switchboard.cluster.BusClusterIT.next;
import static dev.switchboard.cluster.BusClusterIT.until;
import static dev.switchboard.cluster.RunsClusterIT.runId;
import static dev.switchboard.cluster.RunsClusterIT.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Member C is killed (SIGKILL) while it has bus traffic, a live run and a game: on member A nothing
 * acknowledged on the bus is missing, the run ends with {@code instance_lost}, the game leaves the console.
 */
@Tag("cluster")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class InstanceLossIT {
    /** How soon a survivor must end a lost member's runs, on loopback where the kill closes its sockets at once. */
    static final long LOSS_BOUND_MILLIS = 15_000;

    @ArquillianResource
    URL base;

    @Test
    void whenAMemberIsKilledNothingAcknowledgedIsLostItsRunsFailAndItsGamesLeave() throws Exception {
        ClusterSupport.memberB(base);
        URI health = URI.create("http://127.0.0.1:" + base.getPort() + "/health/ready");
        ClusterMember c = ClusterSupport.startMember("c", base);
        try (WsClient busOnA = WsClient.connect(ItSupport.ws(base, "events"));
             WsClient runsOnA = WsClient.connect(ItSupport.ws(base, "runs"));
             ConsoleClient consoleOnA = new ConsoleClient(ItSupport.ws(base, "neuro/console"))) {
            ClusterSupport.awaitMembers(health, 3);
            String run = runId("lost");
            String source = "loss-" + UUID.randomUUID().toString().substring(0, 8);
            List<Long> acknowledged = new ArrayList<>();
            long killedAt;
            String doomed;
            String epoch = null;
            try (WsClient busOnC = WsClient.connect(c.ws("events"));
                 WsClient runsOnC = WsClient.connect(c.ws("runs"));
                 GameClient gameOnC = new GameClient(c.ws("neuro"), "Doomed")) {
                gameOnC.startupAndRegister();
                doomed = consoleOnA.until(m -> m.getString("type").equals("game")
                        && m.getJsonObject("view").getString("game", "").equals("Doomed")).getJsonObject("view").getString("connection_id");

                runsOnC.send(start(run, 1000, 200));
                until(runsOnC, e -> "run_started".equals(e.getString("event_type", "")));
                runsOnA.send("{\"type\":\"resume\",\"run_id\":\"" + run + "\",\"after_seq\":-1}");
                until(runsOnA, e -> e.getJsonNumber("seq") != null && e.getJsonNumber("seq").longValue() >= 2);

                for (int i = 0; i < 20; i++) {
                    busOnC.send(chat(source, "before the crash " + i));
                    JsonObject echoed = until(busOnC, f -> f.getString("type").equals("InboundEvent")
                            && f.getString("source").equals("platform-ws:" + source));
                    acknowledged.add(echoed.getJsonNumber("offset").longValue());
                    epoch = echoed.getString("epoch");
                }
                c.kill();
                killedAt = System.nanoTime();
            }

            long lastSeq = -1;
            JsonObject ended;
            while (true) {
                JsonObject event = next(runsOnA);
                if (RunsClusterIT.terminal(event)) {
                    ended = event;
                    break;
                }
                lastSeq = event.getJsonNumber("seq").longValue();
            }
            long tookMillis = (System.nanoTime() - killedAt) / 1_000_000;
            System.out.println("InstanceLossIT: run_failed instance_lost reached a client of a survivor " + tookMillis
                    + " ms after the kill");
            assertEquals("run_failed", ended.getString("event_type"), ended.toString());
            assertEquals("instance_lost", ended.getJsonObject("payload").getString("code"));
            assertEquals(lastSeq + 1, ended.getJsonNumber("seq").longValue(), "the terminal event follows the last one");
            assertTrue(tookMillis < LOSS_BOUND_MILLIS, "ended " + tookMillis + " ms after the kill");

            List<Long> received = new ArrayList<>();
            while (received.size() < acknowledged.size()) {
                JsonObject frame = next(busOnA);
                if (frame.getString("type").equals("InboundEvent") && frame.getString("source").equals("platform-ws:" + source)) {
                    received.add(frame.getJsonNumber("offset").longValue());
                }
            }
            assertEquals(acknowledged, received, "every event whose offset was assigned reached the survivor's client");
            try (WsClient movedToA = WsClient.connect(ItSupport.ws(base, "events"))) {
                // C's client, reconnected to A, resumes from before its first chat
                movedToA.send("{\"type\":\"subscribe\",\"types\":[\"InboundEvent\"],\"after_offset\":"
                        + (acknowledged.get(0) - 1) + ",\"epoch\":\"" + epoch + "\"}");
                List<Long> replayed = new ArrayList<>();
                while (replayed.size() < acknowledged.size()) {
                    JsonObject frame = next(movedToA);
                    assertTrue(!frame.getString("type").equals("ReplayGapEvent"), frame.toString());
                    if (frame.getString("type").equals("InboundEvent") && frame.getString("source").equals("platform-ws:" + source)
                            && !replayed.contains(frame.getJsonNumber("offset").longValue())) {
                        replayed.add(frame.getJsonNumber("offset").longValue());
                    }
                }
                assertEquals(acknowledged, replayed, "a client that moves to a survivor replays every acknowledged event");
            }

            consoleOnA.until(m -> m.getString("type").equals("game_closed") && m.getString("connection_id").equals(doomed));
            JsonObject snapshot = consoleOnA.command("{\"type\":\"snapshot\"}");
            assertTrue(snapshot.getJsonArray("games").stream().map(JsonValue::asJsonObject)
                    .noneMatch(g -> g.getString("game", "").equals("Doomed")), snapshot.toString());

            runsOnA.send("{\"type\":\"cancel_run\",\"run_id\":\"" + run + "\"}");
            assertEquals("already_finished", until(runsOnA, m -> m.getString("type").equals("error")).getString("code"));
            ClusterSupport.awaitMembers(health, 2);
        } finally {
            c.kill();
        }
    }
}
