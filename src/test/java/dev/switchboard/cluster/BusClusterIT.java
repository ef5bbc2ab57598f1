package dev.switchboard.cluster;

import dev.switchboard.ItSupport;
import dev.switchboard.client.WsClient;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bus of two members is one bus: one order, one numbering, one epoch, replay from either, one answer per chat. */
@Tag("cluster")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BusClusterIT {
    static final Duration WAIT = Duration.ofSeconds(20);

    @ArquillianResource
    URL base;

    ClusterMember b;

    @BeforeEach
    void cluster() throws Exception {
        b = ClusterSupport.twoMembers(base);
    }

    static JsonObject next(WsClient client) throws Exception {
        return ItSupport.object(client.next(WAIT));
    }

    /** The next frame that {@code wanted} accepts; on a timeout, the error says how many others came, and the last. */
    static JsonObject until(WsClient client, Predicate<JsonObject> wanted) throws Exception {
        int others = 0;
        JsonObject last = null;
        while (true) {
            JsonObject frame;
            try {
                frame = next(client);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("no frame wanted within " + WAIT + " after " + others + " others; the last: " + last, e);
            }
            if (wanted.test(frame)) {
                return frame;
            }
            others++;
            last = frame;
        }
    }

    static String chat(String source, String content) {
        return "{\"source\":\"" + source + "\",\"content\":\"" + content + "\"}";
    }

    /** A chat's InboundEvent (by its source) or an answer to one of the sessions. */
    static Predicate<JsonObject> ofTest(String source, Set<String> sessions) {
        return frame -> frame.getString("type").equals("InboundEvent") && frame.getString("source").equals("platform-ws:" + source)
                || frame.getString("type").equals("OutboundEvent") && sessions.contains(frame.getString("session_id"));
    }

    @Test
    void clientsOnBothMembersGetEveryEventOnceInOneOrderWithOneNumberingAndOneAnswerPerChat() throws Exception {
        String source = "order-" + UUID.randomUUID().toString().substring(0, 8);
        List<WsClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                clients.add(WsClient.connect(ItSupport.ws(base, "events")));
                clients.add(WsClient.connect(b.ws("events")));
            }
            int chats = 10;
            for (int i = 0; i < chats; i++) {
                clients.get(i % clients.size()).send(chat(source, "hello " + i));
            }
            clients.get(0).send(chat(source, "last"));
            int sent = chats + 1;

            List<List<String>> seen = new ArrayList<>();
            for (WsClient client : clients) {
                Set<String> sessions = new HashSet<>();
                List<JsonObject> frames = new ArrayList<>();
                // A second answer to a chat would be published by another member's agent as soon as the first.
                while (inbound(frames) < sent || answers(frames) < sent) {
                    JsonObject frame = next(client);
                    if (frame.getString("type").equals("InboundEvent") && frame.getString("source").equals("platform-ws:" + source)) {
                        sessions.add(frame.getString("session_id"));
                    }
                    if (ofTest(source, sessions).test(frame)) {
                        frames.add(frame);
                    }
                }
                assertEquals(sent, inbound(frames), frames.toString());
                assertEquals(sent, answers(frames), "each chat answered once in the cluster: " + frames);
                long previous = -1;
                for (JsonObject frame : frames) {
                    long offset = frame.getJsonNumber("offset").longValue();
                    assertTrue(offset > previous, "offsets rise: " + frames);
                    previous = offset;
                }
                assertEquals(1, frames.stream().map(f -> f.getString("epoch")).distinct().count(), "one epoch");
                seen.add(frames.stream().map(JsonObject::toString).toList());
            }
            for (List<String> other : seen) {
                assertEquals(seen.get(0), other, "every client, on either member, the same frames in the same order");
            }
        } finally {
            clients.forEach(WsClient::close);
        }
    }

    private static long inbound(List<JsonObject> frames) {
        return frames.stream().filter(f -> f.getString("type").equals("InboundEvent")).count();
    }

    private static long answers(List<JsonObject> frames) {
        return frames.stream().filter(f -> f.getString("type").equals("OutboundEvent")).count();
    }

    @Test
    void aClientResumesOnTheOtherMemberFromItsOffsetWithNothingMissingAndIsToldWhenItCannot() throws Exception {
        String source = "resume-" + UUID.randomUUID().toString().substring(0, 8);
        long offset;
        String epoch;
        try (WsClient onA = WsClient.connect(ItSupport.ws(base, "events"))) {
            onA.send(chat(source, "before"));
            JsonObject mine = until(onA, f -> f.getString("type").equals("OutboundEvent") && f.getString("content").length() > 0
                    && f.getString("source").startsWith("agent:"));
            offset = mine.getJsonNumber("offset").longValue();
            epoch = mine.getString("epoch");
        }
        try (WsClient publisher = WsClient.connect(b.ws("events"))) {
            for (int i = 0; i < 3; i++) {
                publisher.send(chat(source, "while away " + i));
            }
            Set<String> sessions = new HashSet<>();
            int answered = 0;
            while (answered < 3) {
                JsonObject frame = next(publisher);
                if (frame.getString("type").equals("InboundEvent") && frame.getString("source").equals("platform-ws:" + source)) {
                    sessions.add(frame.getString("session_id"));
                } else if (frame.getString("type").equals("OutboundEvent") && sessions.contains(frame.getString("session_id"))) {
                    answered++;
                }
            }
        }
        try (WsClient onB = WsClient.connect(b.ws("events"))) {
            onB.send("{\"type\":\"subscribe\",\"after_offset\":" + offset + ",\"epoch\":\"" + epoch + "\"}");
            long expected = offset + 1;
            int whileAway = 0;
            while (whileAway < 3) {
                JsonObject frame = next(onB);
                assertNotEquals("ReplayGapEvent", frame.getString("type"), frame.toString());
                long got = frame.getJsonNumber("offset").longValue();
                if (got < expected) {
                    continue; // delivered live after the handshake, before the subscribe
                }
                assertEquals(expected, got, "no offset missing from the replay: " + frame);
                assertEquals(epoch, frame.getString("epoch"));
                expected++;
                if (frame.getString("type").equals("InboundEvent") && frame.getString("content").startsWith("while away")) {
                    whileAway++;
                }
            }

            onB.send("{\"type\":\"subscribe\",\"after_offset\":" + offset + ",\"epoch\":\"another-epoch\"}");
            JsonObject gap = until(onB, f -> f.getString("type").equals("ReplayGapEvent"));
            assertEquals("epoch_changed", gap.getString("reason"), gap.toString());
            assertEquals(epoch, gap.getString("epoch"));
            assertEquals(offset, gap.getJsonNumber("after_offset").longValue());

            onB.send("{\"type\":\"subscribe\",\"after_offset\":" + (offset + 1_000_000) + ",\"epoch\":\"" + epoch + "\"}");
            assertEquals("unknown_offset", until(onB, f -> f.getString("type").equals("ReplayGapEvent")).getString("reason"));

            onB.send("{\"type\":\"subscribe\",\"after_offset\":1,\"epoch\":7}");
            assertEquals("invalid_request", until(onB, f -> f.getString("type").equals("ErrorEvent")).getString("code"));
        }
    }

    @Test
    void bothMembersMeasureTheirPublishesOntoTheGrid() throws Exception {
        try (WsClient onA = WsClient.connect(ItSupport.ws(base, "events")); WsClient onB = WsClient.connect(b.ws("events"))) {
            onA.send(chat("metric", "a"));
            onB.send(chat("metric", "b"));
            until(onA, f -> f.getString("type").equals("InboundEvent") && f.getString("content").equals("b"));
        }
        assertTrue(ItSupport.metric(base, "switchboard_cluster_publish_seconds_count") > 0);
        String onB = ClusterMember.get(URI.create("http://127.0.0.1:" + b.httpPort() + "/metrics?scope=application"));
        assertTrue(onB.matches("(?s).*switchboard_cluster_publish_seconds_count\\{[^}]*\\} [1-9].*"), onB);
    }
}
