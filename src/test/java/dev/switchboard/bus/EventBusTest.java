package dev.switchboard.bus;

import dev.switchboard.security.Caller;
import dev.switchboard.websocket.EndpointName;
import dev.switchboard.websocket.ErrorReplies;
import dev.switchboard.websocket.FakeSession;
import dev.switchboard.websocket.JsonSupport;
import dev.switchboard.websocket.Outbox;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bus with real fan-out lanes on a thread pool: one order for every client, nothing lost or repeated. */
class EventBusTest {
    private final ExecutorService workers = Executors.newFixedThreadPool(4);
    private final EventBus bus = new EventBus();

    EventBusTest() {
        bus.enabled = true;
        bus.historySize = 100_000;
        bus.historyBytes = 64L << 20;
        bus.laneCount = 3;
        bus.start(workers);
        bus.inbound = TestBus.inboundTo(message -> { });
    }

    @AfterEach
    void stop() {
        workers.shutdownNow();
    }

    /** Big events (a compute run's start with its 60 KiB input, say) are kept within the byte budget, not only the count. */
    @Test
    void theHistoryKeepsWithinItsByteBudgetWhateverTheEventsSize() {
        bus.historyBytes = 1L << 20;
        bus.start(workers);
        String big = "x".repeat(60_000);
        for (int i = 0; i < 100; i++) {
            bus.publish(chat(big));
        }
        assertTrue(bus.historyBytes() <= bus.historyBytes, "kept " + bus.historyBytes());
        long kept = bus.historyCount();
        assertTrue(kept >= 1 && kept < 100, "kept " + kept + " events");
        assertEquals(100 - kept, bus.oldestOffset(), "the oldest were freed first");
        bus.publish(chat("small"));
        assertTrue(bus.historyBytes() <= bus.historyBytes);

        bus.historyBytes = 0;
        bus.start(workers);
        bus.publish(chat(big));
        assertEquals(1, bus.historyCount(), "the newest event is always kept");
    }

    @Test
    void concurrentPublishersAndManyClientsSeeOneGapFreeOrder() throws Exception {
        List<FakeSession> clients = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            FakeSession client = new FakeSession(String::valueOf);
            clients.add(client);
            bus.subscribe("client-" + i, new Outbox(client.session(), 100_000, 1000, Runnable::run), Set.of(), null, Viewer.UNRESTRICTED);
        }
        publishConcurrently(4, 500);
        for (FakeSession client : clients) {
            for (long offset = 0; offset < 2000; offset++) {
                assertEquals(offset, offset(client.next()), "every client gets every offset, in order");
            }
        }
    }

    @Test
    void aSubscriptionDuringPublishingReplaysThenGoesLiveWithNoGapOrRepeat() throws Exception {
        FakeSession late = new FakeSession(String::valueOf);
        Thread publishers = new Thread(() -> publishConcurrently(2, 1000));
        publishers.start();
        while (bus.mark() < 500) {
            Thread.onSpinWait(); // join while the publishers are busy
        }
        bus.subscribe("late", new Outbox(late.session(), 100_000, 1000, Runnable::run), Set.of(), 99L, Viewer.UNRESTRICTED);
        publishers.join();
        for (long offset = 100; offset < 2000; offset++) {
            assertEquals(offset, offset(late.next()));
        }
        assertEquals(null, late.poll(), "nothing twice");
    }

    @Test
    void aReplayLargerThanTheOutboxIsPacedAndLiveEventsFollowItInOrder() throws Exception {
        for (int i = 0; i < 500; i++) {
            bus.publish(chat("old " + i));
        }
        FakeSession reader = new FakeSession(String::valueOf);
        reader.stall(); // every send waits until the client "reads" it
        bus.subscribe("reader", new Outbox(reader.session(), 10, 1000, Runnable::run), Set.of(), -1L, Viewer.UNRESTRICTED);
        Thread live = new Thread(() -> publishConcurrently(2, 100));
        live.start();
        for (long offset = 0; offset < 700; offset++) {
            assertEquals(offset, offset(reader.next()), "replay, then live, gap-free");
            reader.completePending();
        }
        live.join();
        assertTrue(!reader.isClosed(), "a client that reads is never closed for replaying");
    }

    @Test
    void aClientThatFallsMoreThanTheHistoryBehindIsClosedAsASlowConsumer() throws Exception {
        bus.historySize = 50;
        bus.start(workers);
        FakeSession stuck = new FakeSession(String::valueOf);
        stuck.stall();
        bus.subscribe("stuck", new Outbox(stuck.session(), 10, 1000, Runnable::run), Set.of(), null, Viewer.UNRESTRICTED);
        FakeSession reader = new FakeSession(String::valueOf);
        bus.subscribe("reader", new Outbox(reader.session(), 1000, 1000, Runnable::run), Set.of(), null, Viewer.UNRESTRICTED);
        for (int i = 0; i < 100; i++) {
            bus.publish(chat("m" + i));
        }
        assertEquals(Outbox.SLOW_CONSUMER, stuck.awaitClose());
        for (long offset = 0; offset < 100; offset++) {
            assertEquals(offset, offset(reader.next()), "the reader gets everything");
        }
    }

    @Test
    void aFilterIsAppliedAndASubscriptionStartsAtItsMark() throws Exception {
        long mark = bus.mark(); // what the handshake notes
        bus.publish(chat("before open"));
        FakeSession client = new FakeSession(String::valueOf);
        bus.subscribe("c", new Outbox(client.session(), 100, 1000, Runnable::run), Set.of(), mark - 1, Viewer.UNRESTRICTED);
        assertEquals("before open", content(client.next()), "published between handshake and open: replayed");
        bus.subscribe("c", new Outbox(client.session(), 100, 1000, Runnable::run), Set.of("OutboundEvent"), null, Viewer.UNRESTRICTED);
        bus.publish(chat("filtered out"));
        bus.publish(new BusEvent.OutboundEvent("s", "agent:test", "kept", BusEvent.now(), null, -1));
        assertEquals("kept", content(client.next()));
        bus.unsubscribe("c");
        bus.publish(new BusEvent.OutboundEvent("s", "agent:test", "after leaving", BusEvent.now(), null, -1));
        workers.shutdown();
        assertTrue(workers.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(null, client.poll());
    }

    /**
     * Every client reads what it could read on the event's own endpoint, live and in a replay: a run's
     * activity its owner and admins, the Neuro API's operators and admins, chat everyone.
     */
    @Test
    void mirroredActivityReachesOnlyThoseWhoCouldSeeItOnItsOwnEndpoint() throws Exception {
        Map<String, Viewer> viewers = new LinkedHashMap<>();
        viewers.put("alice", Viewer.of(new Caller("jwt:alice", Set.of())));
        viewers.put("bob", Viewer.of(new Caller("api-key:1", Set.of(Caller.OPERATOR))));
        viewers.put("root", Viewer.of(new Caller("jwt:root", Set.of(Caller.ADMIN))));
        viewers.put("no-auth", Viewer.UNRESTRICTED);
        Map<String, List<String>> expected = Map.of(
                "alice", List.of("run of jwt:alice", "chat", "end"),
                "bob", List.of("run of api-key:1", "neuro", "chat", "end"),
                "root", List.of("run of jwt:alice", "run of api-key:1", "neuro", "chat", "end"),
                "no-auth", List.of("run of jwt:alice", "run of api-key:1", "neuro", "chat", "end"));

        Map<String, FakeSession> live = subscribeEach(viewers, "live-", null);
        publishOneOfEachKind();
        Map<String, FakeSession> replayed = subscribeEach(viewers, "replayed-", -1L);
        bus.publish(chat("end"));
        for (String name : viewers.keySet()) {
            assertEquals(expected.get(name), readUntilEnd(live.get(name)), name + ", live");
            assertEquals(expected.get(name), readUntilEnd(replayed.get(name)), name + ", replayed");
        }
    }

    @Test
    void aResubscriptionKeepsTheClientsVisibility() throws Exception {
        Viewer alice = Viewer.of(new Caller("jwt:alice", Set.of()));
        FakeSession client = new FakeSession(String::valueOf);
        bus.subscribe("alice", new Outbox(client.session(), 1000, 1000, Runnable::run), Set.of(), null, alice);
        publishOneOfEachKind();
        bus.subscribe("alice", new Outbox(client.session(), 1000, 1000, Runnable::run), Set.of("RunEvent", "NeuroEvent"),
                -1L, alice);
        bus.publish(new BusEvent.RunActivity("r2", "jwt:alice", 0, "run_started", Map.of(), BusEvent.now(), -1));
        bus.publish(chat("end"));
        assertEquals(List.of("run of jwt:alice", "chat"), readUntil(client, 2), "the first subscription");
        assertEquals(List.of("run of jwt:alice", "run of jwt:alice"), readUntil(client, 2), "its replay and live events");
        workers.shutdown();
        assertTrue(workers.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(null, client.poll(), "nothing else: not the filtered chat, not another's run");
    }

    /** Every event carries the history's epoch, made at startup: a restarted bus has another. */
    @Test
    void eventsCarryTheEpochWhichARestartChanges() throws Exception {
        FakeSession client = new FakeSession(String::valueOf);
        bus.subscribe("c", new Outbox(client.session(), 100, 1000, Runnable::run), Set.of(), null, Viewer.UNRESTRICTED);
        BusEvent published = bus.publish(chat("m"));
        JsonObject event = object(client.next());
        assertEquals(List.of("type", "session_id", "source", "content", "timestamp", "retry_count", "offset", "epoch"),
                List.copyOf(event.keySet()), "epoch after offset");
        assertEquals(bus.epoch(), event.getString("epoch"));
        assertEquals(bus.epoch(), published.epoch());
        String before = bus.epoch();
        bus.start(workers);
        assertTrue(!before.equals(bus.epoch()), "a restart may have lost the history: a new epoch");
    }

    @Test
    void aReplayFromAnotherEpochGetsAGapEventThenEverythingKept() throws Exception {
        publishSome(5);
        FakeSession client = subscribeFrom(3L, "an epoch before a restart", Set.of("OutboundEvent"));
        JsonObject gap = object(client.next());
        assertEquals("{\"type\":\"ReplayGapEvent\",\"reason\":\"epoch_changed\",\"epoch\":\"" + bus.epoch()
                + "\",\"after_offset\":3,\"oldest_offset\":0}", gap.toString(), "whatever the client filters");
        FakeSession all = subscribeFrom(3L, "an epoch before a restart", Set.of());
        assertEquals("epoch_changed", object(all.next()).getString("reason"));
        for (long offset = 0; offset < 5; offset++) {
            assertEquals(offset, offset(all.next()), "then everything kept");
        }
    }

    @Test
    void aReplayFromOlderThanWhatIsKeptGetsAGapEventThenEverythingKept() throws Exception {
        bus.historySize = 5;
        bus.start(workers);
        publishSome(10);
        FakeSession watcher = subscribeFrom(null, null, Set.of());
        FakeSession client = subscribeFrom(3L, bus.epoch(), Set.of());
        JsonObject gap = object(client.next());
        assertEquals("too_old", gap.getString("reason"));
        assertEquals(3, gap.getInt("after_offset"));
        assertEquals(5, gap.getInt("oldest_offset"));
        for (long offset = 5; offset < 10; offset++) {
            assertEquals(offset, offset(client.next()));
        }
        FakeSession exact = subscribeFrom(4L, bus.epoch(), Set.of());
        assertEquals(5, offset(exact.next()), "the oldest kept minus one is no gap");
        bus.publish(chat("end"));
        assertEquals("end", content(watcher.next()), "a gap event goes to its subscriber only");
    }

    @Test
    void aReplayFromAnOffsetNeverGivenGetsAGapEventThenEverythingKept() throws Exception {
        publishSome(3);
        FakeSession client = subscribeFrom(3L, null, Set.of());
        JsonObject gap = object(client.next());
        assertEquals("unknown_offset", gap.getString("reason"));
        assertEquals(0, gap.getInt("oldest_offset"));
        for (long offset = 0; offset < 3; offset++) {
            assertEquals(offset, offset(client.next()));
        }
        FakeSession newest = subscribeFrom(2L, bus.epoch(), Set.of());
        bus.publish(chat("end"));
        assertEquals("end", content(newest.next()), "the newest offset is no gap: nothing to replay");
    }

    private void publishSome(int count) {
        for (int i = 0; i < count; i++) {
            bus.publish(chat("m" + i));
        }
    }

    private FakeSession subscribeFrom(Long afterOffset, String epoch, Set<String> types) {
        FakeSession client = new FakeSession(String::valueOf);
        bus.subscribe(client, new Outbox(client.session(), 1000, 1000, Runnable::run), types, afterOffset, epoch,
                Viewer.UNRESTRICTED);
        return client;
    }

    private Map<String, FakeSession> subscribeEach(Map<String, Viewer> viewers, String prefix, Long afterOffset) {
        Map<String, FakeSession> clients = new LinkedHashMap<>();
        viewers.forEach((name, viewer) -> {
            FakeSession client = new FakeSession(String::valueOf);
            clients.put(name, client);
            bus.subscribe(prefix + name, new Outbox(client.session(), 1000, 1000, Runnable::run), Set.of(), afterOffset, viewer);
        });
        return clients;
    }

    private void publishOneOfEachKind() {
        bus.publish(new BusEvent.RunActivity("r1", "jwt:alice", 0, "run_started", Map.of("input", "alice's"),
                BusEvent.now(), -1));
        bus.publish(new BusEvent.RunActivity("r1", "api-key:1", 0, "run_started", Map.of("input", "bob's"),
                BusEvent.now(), -1));
        bus.publish(new BusEvent.NeuroActivity("c1", "game", "connected", Map.of(), BusEvent.now(), -1));
        bus.publish(chat("hello"));
    }

    /** What a client got, up to the {@code end} chat message (each client's events arrive in order). */
    private static List<String> readUntilEnd(FakeSession client) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        String last;
        do {
            last = describe(client.next());
            seen.add(last);
        } while (!last.equals("end"));
        return seen;
    }

    private static List<String> readUntil(FakeSession client, int count) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            seen.add(describe(client.next()));
        }
        return seen;
    }

    private static String describe(String json) {
        JsonObject event = object(json);
        return switch (event.getString("type")) {
            case "RunEvent" -> "run of " + event.getString("owner");
            case "NeuroEvent" -> "neuro";
            default -> event.getString("content").equals("end") ? "end" : "chat";
        };
    }

    private void publishConcurrently(int threads, int each) {
        ExecutorService publishers = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            publishers.execute(() -> {
                for (int i = 0; i < each; i++) {
                    bus.publish(chat("m"));
                }
            });
        }
        publishers.shutdown();
        try {
            assertTrue(publishers.awaitTermination(30, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static BusEvent chat(String content) {
        return new BusEvent.InboundEvent("s", "platform-ws:test", content, BusEvent.now(), 0, -1);
    }

    private static long offset(String json) {
        return object(json).getJsonNumber("offset").longValue();
    }

    private static String content(String json) {
        return object(json).getString("content");
    }

    private static JsonObject object(String json) {
        return JsonSupport.readTree(json).asJsonObject();
    }

    @Test
    void publishedEventsAndTheHistoryAreCounted() {
        bus.historySize = 3;
        bus.start(workers);
        for (int i = 0; i < 5; i++) {
            bus.publish(chat("m" + i));
        }
        assertEquals(5, bus.publishedCount());
        assertEquals(3, bus.historyCount(), "the history keeps its last events only");
    }

    @Test
    void errorRepliesAreCountedByCode() {
        long before = ErrorReplies.countOf(EndpointName.EVENTS, "invalid_request");
        EventsReply.error("invalid_request", "bad");
        assertEquals(before + 1, ErrorReplies.countOf(EndpointName.EVENTS, "invalid_request"));
    }
}
