package dev.switchboard.cluster;

import dev.switchboard.ItSupport;
import dev.switchboard.client.WsClient;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.switchboard.cluster.BusClusterIT.next;
import static dev.switchboard.cluster.BusClusterIT.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run started on member A is resumed, cancelled and listed from member B. */
@Tag("cluster")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RunsClusterIT {
    @ArquillianResource
    URL base;

    ClusterMember b;

    @BeforeEach
    void cluster() throws Exception {
        b = ClusterSupport.twoMembers(base);
    }

    static String start(String runId, int steps, int delayMillis) {
        return "{\"type\":\"start_run\",\"run_id\":\"" + runId + "\",\"task\":\"demo\",\"input\":{\"steps\":" + steps
                + ",\"delay_ms\":" + delayMillis + "}}";
    }

    static boolean terminal(JsonObject event) {
        return List.of("run_completed", "run_failed", "run_cancelled").contains(event.getString("event_type", ""));
    }

    static String runId(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aRunOfOneMemberIsResumedOnTheOtherFromItsSeqWithNoGapUntilItEnds() throws Exception {
        String run = runId("across");
        try (WsClient onA = WsClient.connect(ItSupport.ws(base, "runs")); WsClient onB = WsClient.connect(b.ws("runs"))) {
            onA.send(start(run, 20, 100));
            List<String> fromA = new ArrayList<>();
            while (fromA.size() < 6) {
                fromA.add(next(onA).toString());
            }
            onB.send("{\"type\":\"resume\",\"run_id\":\"" + run + "\",\"after_seq\":3}");
            List<JsonObject> fromB = new ArrayList<>();
            do {
                fromB.add(next(onB));
            } while (!terminal(fromB.get(fromB.size() - 1)));
            do {
                fromA.add(next(onA).toString());
            } while (!terminal(ItSupport.object(fromA.get(fromA.size() - 1))));

            for (int i = 0; i < fromB.size(); i++) {
                assertEquals(4 + i, fromB.get(i).getJsonNumber("seq").longValue(), "no gap, nothing twice: " + fromB);
            }
            assertEquals("run_completed", fromB.get(fromB.size() - 1).getString("event_type"));
            assertEquals(fromA.subList(4, fromA.size()), fromB.stream().map(JsonObject::toString).toList(),
                    "B replays and follows exactly what A's client got");
        }
    }

    @Test
    void aRunOfOneMemberIsCancelledAndListedFromTheOtherAndItsIdIsTakenClusterWide() throws Exception {
        String run = runId("cancel");
        try (WsClient onA = WsClient.connect(ItSupport.ws(base, "runs")); WsClient onB = WsClient.connect(b.ws("runs"))) {
            onA.send(start(run, 1000, 100));
            until(onA, e -> "run_started".equals(e.getString("event_type", "")));

            onB.send("{\"type\":\"list_runs\"}");
            JsonObject list = until(onB, m -> m.getString("type").equals("runs"));
            assertTrue(list.getJsonArray("runs").stream().map(JsonValue::asJsonObject)
                    .anyMatch(r -> r.getString("run_id").equals(run) && r.getString("status").equals("running")), list.toString());

            onB.send(start(run, 1, 0));
            JsonObject duplicate = until(onB, m -> m.getString("type").equals("error"));
            assertEquals("duplicate_run_id", duplicate.getString("code"), duplicate.toString());

            onB.send("{\"type\":\"cancel_run\",\"run_id\":\"" + run + "\",\"reason\":\"from-b\"}");
            JsonObject cancelled = until(onA, e -> terminal(e));
            assertEquals("run_cancelled", cancelled.getString("event_type"), cancelled.toString());
            assertEquals("from-b", cancelled.getJsonObject("payload").getString("reason"));

            onB.send("{\"type\":\"cancel_run\",\"run_id\":\"" + run + "\"}");
            assertEquals("already_finished", until(onB, m -> m.getString("type").equals("error")).getString("code"));
            onB.send("{\"type\":\"cancel_run\",\"run_id\":\"never-" + run + "\"}");
            assertEquals("unknown_run", until(onB, m -> m.getString("type").equals("error")).getString("code"));
        }
    }
}
