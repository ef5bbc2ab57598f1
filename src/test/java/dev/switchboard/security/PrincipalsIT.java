package dev.switchboard.security;

import dev.switchboard.client.WsClient;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static dev.switchboard.ItSupport.await;
import static dev.switchboard.ItSupport.metric;
import static dev.switchboard.ItSupport.object;
import static dev.switchboard.ItSupport.ws;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With authentication on, one principal learns nothing of another's runs, on {@code /runs} or on the
 * bus: against the alternate-config server (SecurityIT's credentials, the bus on). At most 5 connections
 * at once: the server allows 6 per address.
 */
@Tag("alternate-config")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class PrincipalsIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** SecurityIT's API key: principal api-key:&lt;n&gt;, role operator. */
    private static final String OPERATOR_KEY = SecurityIT.API_KEY;

    @ArquillianResource
    URL base;

    private final List<WsClient> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        open.forEach(WsClient::close);
        await(Duration.ofSeconds(45), () -> metric(base, "switchboard_connections_admitted") == 0,
                () -> "admitted=" + metric(base, "switchboard_connections_admitted"));
    }

    @Test
    void anotherPrincipalsRunIsNeitherListedNorAddressableAndItsIdIsFree() throws Exception {
        WsClient alice = connect("runs", jwt("alice"));
        WsClient operator = connect("runs", OPERATOR_KEY);
        WsClient admin = connect("runs", jwt("root", "admin"));
        alice.send(startLong("p-1"));
        assertEquals("run_started", object(alice.next(WAIT)).getString("event_type"));

        operator.send("{\"type\":\"list_runs\"}");
        JsonObject listed = object(operator.next(WAIT));
        assertTrue(listed.getJsonArray("runs").stream().noneMatch(r -> r.asJsonObject().getString("owner").equals("jwt:alice")),
                listed.toString());

        for (String command : List.of("{\"type\":\"cancel_run\",\"run_id\":\"%s\"}", "{\"type\":\"resume\",\"run_id\":\"%s\"}",
                "{\"type\":\"resume\",\"run_id\":\"%s\",\"owner\":\"jwt:alice\"}")) {
            operator.send(command.formatted("p-1"));
            String answer = operator.next(WAIT);
            operator.send(command.formatted("p-unused"));
            assertEquals(operator.next(WAIT).replace("p-unused", "p-1"), answer, "answered as if unused: " + command);
            assertEquals("unknown_run", object(answer).getString("code"));
        }

        operator.send(startLong("p-1"));
        JsonObject operatorsOwn = object(operator.next(WAIT));
        assertEquals("run_started", operatorsOwn.getString("event_type"), "the id is free in the operator's namespace");
        String operatorName = ownerOf(operator, "p-1");

        admin.send("{\"type\":\"list_runs\"}");
        List<String> all = object(admin.next(WAIT)).getJsonArray("runs").stream()
                .map(r -> r.asJsonObject().getString("run_id") + "@" + r.asJsonObject().getString("owner")).toList();
        assertTrue(all.containsAll(List.of("p-1@jwt:alice", "p-1@" + operatorName)), all.toString());

        admin.send("{\"type\":\"cancel_run\",\"run_id\":\"p-1\",\"owner\":\"jwt:alice\",\"reason\":\"by admin\"}");
        JsonObject end = nextOfType(alice, "run_cancelled");
        assertEquals("by admin", end.getJsonObject("payload").getString("reason"));
        operator.send("{\"type\":\"cancel_run\",\"run_id\":\"p-1\"}");
        assertEquals("run_cancelled", nextOfType(operator, "run_cancelled").getString("event_type"),
                "the operator's own p-1 was still running");
    }

    @Test
    void theBusShowsEachPrincipalOnlyWhatItCouldSeeOnItsOwnEndpoint() throws Exception {
        WsClient aliceBus = connect("events", jwt("alice"));
        WsClient operatorBus = connect("events", OPERATOR_KEY);
        WsClient adminBus = connect("events", jwt("root", "admin"));
        WsClient aliceRuns = connect("runs", jwt("alice"));
        aliceRuns.send("{\"type\":\"start_run\",\"run_id\":\"bus-1\",\"task\":\"demo\",\"input\":{\"steps\":1,\"delay_ms\":0}}");
        WsClient game = connect("neuro", SecurityIT.GAME_KEY); // a game connecting is Neuro activity

        Predicate<JsonObject> alicesRunEnded = e -> e.getString("type").equals("RunEvent")
                && e.getString("run_id").equals("bus-1") && e.getString("event_type").equals("run_completed");
        List<JsonObject> alicesView = readUntil(aliceBus, alicesRunEnded);
        List<JsonObject> adminsView = readUntil(adminBus, alicesRunEnded);
        List<JsonObject> operatorsView = readUntil(operatorBus, e -> e.getString("type").equals("NeuroEvent"));
        // Everything above is on the bus now; whatever else a client was to get comes before this chat message.
        String marker = "marker " + System.nanoTime();
        operatorBus.send("{\"content\":\"" + marker + "\"}");
        Predicate<JsonObject> theMarker = e -> e.getString("type").equals("InboundEvent") && e.getString("content").equals(marker);
        alicesView.addAll(readUntil(aliceBus, theMarker));
        adminsView.addAll(readUntil(adminBus, theMarker));
        operatorsView.addAll(readUntil(operatorBus, theMarker));
        assertTrue(operatorsView.stream().noneMatch(PrincipalsIT::alicesRunEvent), "the operator sees none of alice's run");
        assertTrue(alicesView.stream().noneMatch(e -> e.getString("type").equals("NeuroEvent")), "alice is no operator");
        assertTrue(adminsView.stream().anyMatch(e -> e.getString("type").equals("NeuroEvent")), "an admin sees Neuro activity");

        for (WsClient client : List.of(aliceBus, operatorBus, adminBus)) { // the same, replayed from the oldest kept event
            client.send("{\"type\":\"subscribe\",\"after_offset\":-1}");
        }
        List<JsonObject> alicesReplay = readUntil(aliceBus, theMarker);
        List<JsonObject> operatorsReplay = readUntil(operatorBus, theMarker);
        List<JsonObject> adminsReplay = readUntil(adminBus, theMarker);
        assertTrue(alicesReplay.stream().filter(e -> e.getString("type").equals("RunEvent"))
                .allMatch(e -> e.getString("owner").equals("jwt:alice")), "alice's replay: her own runs only");
        assertTrue(alicesReplay.stream().anyMatch(PrincipalsIT::alicesRunEvent));
        assertTrue(alicesReplay.stream().noneMatch(e -> e.getString("type").equals("NeuroEvent")));
        assertTrue(operatorsReplay.stream().noneMatch(PrincipalsIT::alicesRunEvent));
        assertTrue(operatorsReplay.stream().anyMatch(e -> e.getString("type").equals("NeuroEvent")));
        assertTrue(adminsReplay.stream().anyMatch(PrincipalsIT::alicesRunEvent));
        assertFalse(game.isClosed());
    }

    private static boolean alicesRunEvent(JsonObject event) {
        return event.getString("type").equals("RunEvent") && event.getString("owner").equals("jwt:alice");
    }

    /** The events a client reads up to and including the first that matches. */
    private static List<JsonObject> readUntil(WsClient client, Predicate<JsonObject> last) throws Exception {
        List<JsonObject> read = new ArrayList<>();
        JsonObject event;
        do {
            event = object(client.next(WAIT));
            read.add(event);
        } while (!last.test(event));
        return read;
    }

    private static JsonObject nextMatching(WsClient client, Predicate<JsonObject> wanted) throws Exception {
        List<JsonObject> read = readUntil(client, wanted);
        return read.get(read.size() - 1);
    }

    private static JsonObject nextOfType(WsClient client, String eventType) throws Exception {
        return nextMatching(client, e -> eventType.equals(e.getString("event_type", null)));
    }

    /** The owner that {@code list_runs} names for one of the client's own runs (its events may come first). */
    private static String ownerOf(WsClient client, String runId) throws Exception {
        client.send("{\"type\":\"list_runs\"}");
        return nextMatching(client, e -> e.getString("type").equals("runs")).getJsonArray("runs").stream()
                .map(JsonObject.class::cast).filter(r -> r.getString("run_id").equals(runId))
                .findFirst().orElseThrow().getString("owner");
    }

    private static String startLong(String runId) {
        return "{\"type\":\"start_run\",\"run_id\":\"" + runId + "\",\"task\":\"demo\",\"input\":{\"steps\":1000,\"delay_ms\":50}}";
    }

    private WsClient connect(String path, String token) throws Exception {
        WsClient client = WsClient.connect(URI.create(ws(base, path) + "?access_token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8)));
        open.add(client);
        return client;
    }

    private static String jwt(String name, String... groups) {
        return TestJwt.token(name, List.of(groups), Instant.now().plusSeconds(3600));
    }
}
