package dev.switchboard.bus;

import dev.switchboard.Fuzz;
import dev.switchboard.ItSupport;
import dev.switchboard.RawWebSocket;
import dev.switchboard.ServerLog;
import dev.switchboard.client.WsClient;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.switchboard.ItSupport.metric;
import static dev.switchboard.ItSupport.object;
import static dev.switchboard.ItSupport.ws;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code /events} contract over real WebSockets, with the built-in Pickle agent. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EventsIT {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @ArquillianResource
    URL base;

    URI events() {
        return ws(base, "events");
    }

    @Test
    void twentyClientsReceiveEveryEventInTheSameOrder() throws Exception {
        List<WsClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                clients.add(subscribed(WsClient.connect(events())));
            }
            clients.get(0).send("{\"source\":\"test\",\"content\":\"Hello, Pickle!\"}");
            for (int i = 1; i <= 4; i++) {
                clients.get(i).send("{\"source\":\"c" + i + "\",\"content\":\"what is " + i + " times 7?\"}");
            }
            List<String> first = read(clients.get(0), 10);
            for (WsClient client : clients.subList(1, 20)) {
                assertEquals(first, read(client, 10), "every client sees the same events in the same order");
            }
            List<JsonObject> events = first.stream().map(dev.switchboard.ItSupport::object).toList();
            long offset = events.get(0).getJsonNumber("offset").longValue();
            for (int i = 0; i < events.size(); i++) {
                assertEquals(offset + i, events.get(i).getJsonNumber("offset").longValue(), "offsets have no gap");
            }
            JsonObject hello = events.stream().filter(e -> e.getString("content").equals("Hello, Pickle!")).findFirst().orElseThrow();
            assertEquals(List.of("type", "session_id", "source", "content", "timestamp", "retry_count", "offset", "epoch"),
                    List.copyOf(hello.keySet()), "exactly the seed's fields, type first");
            assertEquals("InboundEvent", hello.getString("type"));
            assertEquals("platform-ws:test", hello.getString("source"));
            assertEquals(0, hello.getInt("retry_count"));
            assertTrue(hello.getJsonNumber("timestamp").doubleValue() > 1.7e9);
            JsonObject answer = events.stream().filter(e -> e.getString("type").equals("OutboundEvent")
                    && e.getString("session_id").equals(hello.getString("session_id"))).findFirst().orElseThrow();
            assertEquals(List.of("type", "session_id", "source", "content", "timestamp", "error", "offset", "epoch"),
                    List.copyOf(answer.keySet()));
            assertEquals("agent:pickle", answer.getString("source"));
            assertTrue(answer.getString("content").startsWith("*waves paws*"), answer.toString());
            assertTrue(answer.isNull("error"), answer.toString());
            assertTrue(events.indexOf(hello) < events.indexOf(answer));
            assertTrue(first.stream().anyMatch(e -> e.contains("\"content\":\"*purrs* 3 times 7 is 21.\"")), first.toString());
        } finally {
            clients.forEach(WsClient::close);
        }
    }

    @Test
    void badInputIsAnsweredToTheSenderOnly() throws Exception {
        try (WsClient sender = WsClient.connect(events()); WsClient other = subscribed(WsClient.connect(events()))) {
            String[][] cases = {
                    {"{\"content\":", "invalid_json"},
                    {"[\"hi\"]", "invalid_request"},
                    {"{\"source\":\"x\"}", "invalid_request"},
                    {"{\"content\":\"\"}", "invalid_request"},
                    {"{\"content\":42}", "invalid_request"},
                    {"{\"content\":\"hi\",\"source\":\"" + "s".repeat(65) + "\"}", "invalid_request"},
                    {"{\"content\":\"" + "x".repeat(16 * 1024 + 1) + "\"}", "too_large"},
                    {"{\"type\":\"unsubscribe\"}", "invalid_request"},
                    {"{\"type\":\"subscribe\",\"types\":[\"Nope\"]}", "invalid_request"},
                    {"{\"type\":\"subscribe\",\"after_offset\":\"x\"}", "invalid_request"},
                    {"[".repeat(1000) + "]".repeat(1000), "invalid_json"},
                    {"{\"content\":" + "{\"a\":".repeat(5000) + "1" + "}".repeat(5001), "invalid_json"}};
            for (String[] c : cases) {
                sender.send(c[0]);
                JsonObject error = object(sender.next(WAIT));
                assertEquals("ErrorEvent", error.getString("type"), c[0]);
                assertEquals(c[1], error.getString("code"), c[0]);
                assertTrue(!error.getString("message").isBlank());
            }
            sender.send("{\"content\":\"still here\"}");
            JsonObject firstForOther = object(other.next(WAIT));
            assertEquals("InboundEvent", firstForOther.getString("type"), "nothing of the bad input reached others");
            assertEquals("still here", firstForOther.getString("content"));
            assertEquals("platform-ws:anonymous", firstForOther.getString("source"));
            assertEquals("InboundEvent", object(sender.next(WAIT)).getString("type"));
            answered(sender, firstForOther.getString("session_id"));
            answered(other, firstForOther.getString("session_id"));
        }
    }

    @Test
    void aChatFloodFromOneClientIsRateLimitedAndTheRestIsPublished() throws Exception {
        int sent = 2000; // the ITs' burst is 1,600 at 100 per second (arquillian.xml)
        try (WsClient flooder = WsClient.connect(events())) {
            long start = System.nanoTime();
            for (int i = 0; i < sent; i++) {
                flooder.send("{\"source\":\"flood\",\"content\":\"f" + i + "\"}");
            }
            int published = 0;
            int limited = 0;
            String mySession = null;
            while (published + limited < sent) {
                JsonObject event = object(flooder.next(WAIT));
                if (event.getString("type").equals("ErrorEvent")) {
                    assertEquals("rate_limited", event.getString("code"));
                    limited++;
                } else if (event.getString("type").equals("InboundEvent") && event.getString("content").startsWith("f")) {
                    mySession = mySession == null ? event.getString("session_id") : mySession;
                    assertEquals(mySession, event.getString("session_id"));
                    published++;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9; // the server took at most this long to read them
            assertTrue(limited > 0, "over the burst, chat is refused");
            assertTrue(published >= 1600, "the burst is published: " + published);
            assertTrue(published <= 1600 + 100 * seconds + 100, published + " published in " + seconds + " s");
        }
    }

    @Test
    void tenThousandFuzzedFramesGetOneErrorEachAndNothingIsBroadcast() throws Exception {
        List<JsonObject> templates = List.of(object("{\"source\":\"fz\",\"content\":\"hello\"}"),
                object("{\"type\":\"subscribe\",\"types\":[\"InboundEvent\"],\"after_offset\":3}"));
        List<Fuzz.Field> fields = List.of(new Fuzz.Field(templates.get(0), "content"),
                new Fuzz.Field(templates.get(0), "source"), new Fuzz.Field(templates.get(1), "types"),
                new Fuzz.Field(templates.get(1), "type"));
        List<Fuzz.Frame> frames = new Fuzz(20261202L, templates, fields, 16 * 1024).frames(10_000);
        int logMark = ServerLog.mark();
        try (WsClient observer = subscribed(WsClient.connect(events()))) {
            List<String> replies = Fuzz.exchangeAnswered(events(), frames, "{\"source\":\"fz\",\"content\":\"fuzz-sentinel\"}",
                    reply -> reply.contains("fuzz-sentinel") && reply.contains("InboundEvent"), Duration.ofSeconds(60));
            int errors = 0;
            for (String reply : replies) {
                JsonObject event = object(reply);
                assertTrue(!event.getString("type").equals("InboundEvent"), "a fuzzed frame was published: " + reply);
                if (event.getString("type").equals("ErrorEvent")) {
                    assertTrue(Set.of("invalid_json", "invalid_request", "too_large").contains(event.getString("code")), reply);
                    errors++;
                }
            }
            assertEquals(frames.size(), errors, "exactly one error per frame");
            while (true) {
                JsonObject event = object(observer.next(WAIT));
                if (event.getString("type").equals("InboundEvent")) {
                    assertEquals("fuzz-sentinel", event.getString("content"), "nothing was broadcast before the sentinel");
                    break;
                }
            }
        }
        assertEquals(List.of(), ServerLog.problemsSince(logMark, events()), "nothing unexpected is logged");
    }

    /** One unfragmented frame over the limit, as a hostile client sends it (the JDK client fragments). */
    @Test
    void anUnfragmentedFrameOverTheLimitCloses1009() throws Exception {
        try (RawWebSocket raw = RawWebSocket.open(events(), WAIT)) {
            raw.sendText("{\"content\":\"" + "x".repeat(70_000) + "\"}");
            assertEquals(1009, raw.awaitClose().closeCode());
        }
        try (RawWebSocket raw = RawWebSocket.open(events(), WAIT)) {
            raw.sendText("{\"content\":\"small\",\"source\":\"raw\"}");
            JsonObject event = object(raw.readText());
            assertEquals("InboundEvent", event.getString("type"));
        }
    }

    /**
     * A frame announced as 64 MB is refused as soon as what has arrived is over the limit: the server neither
     * waits for nor holds the rest. Payara's Tyrus buffers at most 1088 KiB of it and closes first, with 1011.
     */
    @Test
    void aHugeFrameIsRefusedBeforeItHasAllArrived() throws Exception {
        RawWebSocket.Frame close = RawWebSocket.closeBeforeAHugeFrameEnds(events(), WAIT);
        assertEquals(ItSupport.onWildFly() ? 1009 : 1011, close.closeCode(), close.closeReason());
    }

    @Test
    void subscribeFiltersByType() throws Exception {
        try (WsClient watcher = WsClient.connect(events()); WsClient sender = WsClient.connect(events())) {
            // Frames of one connection are handled in order: the filter is in place before this chat.
            watcher.send("{\"type\":\"subscribe\",\"types\":[\"OutboundEvent\"]}");
            watcher.send("{\"content\":\"hello there\"}");
            JsonObject own = object(watcher.next(WAIT));
            assertEquals("OutboundEvent", own.getString("type"), "its own InboundEvent is filtered out");
            assertTrue(own.getString("content").startsWith("*waves paws*"));
            sender.send("{\"content\":\"what is 2 plus 2\"}");
            JsonObject inbound = object(sender.next(WAIT));
            while (!inbound.getString("content").equals("what is 2 plus 2")) {
                inbound = object(sender.next(WAIT));
            }
            JsonObject answer = object(watcher.next(WAIT));
            assertEquals("OutboundEvent", answer.getString("type"));
            assertEquals("*purrs* 2 plus 2 is 4.", answer.getString("content"));
            assertEquals(inbound.getString("session_id"), answer.getString("session_id"));
        }
    }

    @Test
    void replayByOffsetAfterAReconnectHasNoGap() throws Exception {
        long lastSeen;
        try (WsClient listener = WsClient.connect(events())) {
            listener.send("{\"content\":\"first\"}");
            read(listener, 2);
            listener.send("{\"content\":\"second\"}");
            List<String> seen = read(listener, 2);
            lastSeen = object(seen.get(1)).getJsonNumber("offset").longValue();
        }
        try (WsClient other = WsClient.connect(events())) {
            other.send("{\"content\":\"while you were away 1\"}");
            other.send("{\"content\":\"while you were away 2\"}");
            read(other, 4);
        }
        try (WsClient listener = WsClient.connect(events())) {
            listener.send("{\"type\":\"subscribe\",\"after_offset\":" + lastSeen + "}");
            List<JsonObject> replayed = read(listener, 4).stream().map(dev.switchboard.ItSupport::object).toList();
            for (int i = 0; i < 4; i++) {
                assertEquals(lastSeen + 1 + i, replayed.get(i).getJsonNumber("offset").longValue());
            }
            assertTrue(replayed.stream().anyMatch(e -> e.getString("content").equals("while you were away 2")));
            listener.send("{\"content\":\"back\"}");
            JsonObject back = object(listener.next(WAIT));
            assertEquals(lastSeen + 5, back.getJsonNumber("offset").longValue(), "then live");
            answered(listener, back.getString("session_id"));
        }
    }

    @Test
    void aClientThatNeverReadsIsClosedWhileOthersGetEverything() throws Exception {
        long closedBefore = metric(base, "switchboard_outbox_slow_consumers_closed");
        int messages = 1500;
        String content = "y".repeat(16 * 1024 - 100);
        try (WsClient stalled = WsClient.connectNotReading(events());
             WsClient reader = subscribed(WsClient.connect(events()));
             WsClient sender = WsClient.connect(events())) {
            sender.send("{\"type\":\"subscribe\",\"types\":[\"OutboundEvent\"]}");
            Thread drain = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        sender.next(Duration.ofSeconds(60));
                    }
                } catch (Exception done) {
                    // the test is over
                }
            });
            drain.start();
            for (int i = 0; i < messages; i++) {
                sender.send("{\"source\":\"flood\",\"content\":\"" + i + content + "\"}");
            }
            // A client that does not read cannot see a close frame (nor, reliably, the TCP close behind
            // it): the server's counter of 1008 "slow consumer" closes says it was cut off.
            dev.switchboard.ItSupport.await(() -> metric(base, "switchboard_outbox_slow_consumers_closed") > closedBefore);
            long expected = -1;
            int inbound = 0;
            int outbound = 0;
            while (inbound < messages || outbound < messages) {
                JsonObject event = object(reader.next(WAIT));
                long offset = event.getJsonNumber("offset").longValue();
                assertTrue(expected < 0 || offset == expected, "no event lost for the reader");
                expected = offset + 1;
                if (event.getString("type").equals("InboundEvent")) {
                    assertTrue(event.getString("content").startsWith(inbound + "y"));
                    inbound++;
                } else {
                    outbound++;
                }
            }
            drain.interrupt();
        }
    }

    /**
     * Returns once the server has opened (and so subscribed) the client: its answer to an empty
     * message proves it, since a connection's frames are handled after its open.
     */
    @Test
    void aClientIsSubscribedFromItsHandshakeNotFromItsOpen() throws Exception {
        try (WsClient sender = subscribed(WsClient.connect(events()))) {
            for (int i = 0; i < 20; i++) {
                try (WsClient fresh = WsClient.connect(events())) {
                    // Published the moment the client has its 101, while its @OnOpen may still be running.
                    String content = "right after handshake " + i;
                    sender.send("{\"source\":\"race\",\"content\":\"" + content + "\"}");
                    JsonObject event;
                    do {
                        event = object(fresh.next(WAIT));
                    } while (!event.getString("type").equals("InboundEvent"));
                    assertEquals(content, event.getString("content"), "the first chat after its handshake");
                }
            }
        }
    }

    private static WsClient subscribed(WsClient client) throws Exception {
        client.send("{}");
        assertEquals("ErrorEvent", object(client.next(WAIT)).getString("type"));
        return client;
    }

    /**
     * Waits for the agent's answer to a session's last message, so that no answer of this test reaches
     * the next one's clients.
     */
    private static void answered(WsClient client, String sessionId) throws Exception {
        JsonObject event;
        do {
            event = object(client.next(WAIT));
        } while (!(event.getString("type").equals("OutboundEvent") && event.getString("session_id").equals(sessionId)));
    }

    private static List<String> read(WsClient client, int count) throws Exception {
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            messages.add(client.next(WAIT));
        }
        return messages;
    }
}
