package dev.switchboard.bus;

import dev.switchboard.cluster.Cluster;
import dev.switchboard.cluster.LocalGrid;
import dev.switchboard.websocket.FakeSession;
import dev.switchboard.websocket.JsonSupport;
import dev.switchboard.websocket.Outbox;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances' buses on one in-memory grid ({@link LocalGrid.Space}), with real fan-out lanes: one
 * order and the same offsets for every client of either, replay from either, the agent once.
 */
class EventBusClusterTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final LocalGrid.Space space = new LocalGrid.Space();

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        pool.shutdownNow();
        timers.shutdownNow();
    }

    private EventBus bus(String member, Executor executor, int history, Consumer<BusEvent.InboundEvent> agent) {
        EventBus bus = new EventBus();
        bus.enabled = true;
        bus.historySize = history;
        bus.historyBytes = 64L << 20;
        bus.laneCount = 2;
        bus.cluster = Cluster.of(space.member(member, executor));
        bus.inbound = TestBus.inboundTo(agent);
        bus.start(executor, timers);
        return bus;
    }

    private EventBus bus(String member) {
        return bus(member, pool, 1000, message -> { });
    }

    private static FakeSession subscribe(EventBus bus, String id, Long afterOffset, String epoch, Set<String> types) {
        FakeSession client = new FakeSession(String::valueOf);
        bus.subscribe(id, new Outbox(client.session(), 100_000, 1000, Runnable::run), types, afterOffset, epoch,
                Viewer.UNRESTRICTED);
        return client;
    }

    private static FakeSession subscribe(EventBus bus, String id, Long afterOffset, String epoch) {
        return subscribe(bus, id, afterOffset, epoch, Set.of());
    }

    @Test
    void everyClientOfEitherInstanceGetsEveryEventOnceInOneOrderWithTheSameOffsets() throws Exception {
        EventBus a = bus("a");
        EventBus b = bus("b");
        List<FakeSession> clients = List.of(subscribe(a, "a1", null, null), subscribe(a, "a2", null, null),
                subscribe(b, "b1", null, null), subscribe(b, "b2", null, null));
        List<Long> acknowledged = new CopyOnWriteArrayList<>();
        ExecutorService publishers = Executors.newFixedThreadPool(4);
        for (EventBus bus : List.of(a, a, b, b)) {
            publishers.execute(() -> {
                for (int i = 0; i < 100; i++) {
                    acknowledged.add(bus.publish(chat("m" + i)).offset());
                }
            });
        }
        publishers.shutdown();
        assertTrue(publishers.awaitTermination(30, TimeUnit.SECONDS));

        List<String> first = read(clients.get(0), 400);
        for (int i = 0; i < first.size(); i++) {
            assertEquals(i, object(first.get(i)).getJsonNumber("offset").longValue(), "offsets 0, 1, 2… with no gap");
            assertEquals(a.epoch(), object(first.get(i)).getString("epoch"));
        }
        for (FakeSession client : clients.subList(1, 4)) {
            assertEquals(first, read(client, 400), "the same events, in the same order, with the same offsets");
        }
        assertEquals(400, acknowledged.stream().distinct().count(), "each publish acknowledged with its own offset");
        assertEquals(a.epoch(), b.epoch(), "one epoch for the cluster");
    }

    @Test
    void aClientReplaysOnTheOtherInstanceWhatItMissedOnTheFirst() throws Exception {
        EventBus a = bus("a");
        EventBus b = bus("b");
        FakeSession onB = subscribe(b, "watcher", null, null);
        for (int i = 0; i < 10; i++) {
            a.publish(chat("m" + i));
        }
        read(onB, 10); // b has delivered them all

        FakeSession moved = subscribe(b, "moved", 4L, a.epoch());
        for (long offset = 5; offset < 10; offset++) {
            assertEquals(offset, offset(moved.next()), "the replay, after offset 4, with no gap event");
        }
        a.publish(chat("live"));
        assertEquals("live", object(moved.next()).getString("content"), "then live events");
        assertNull(moved.poll());
    }

    @Test
    void theAgentIsAskedOnceByTheInstanceWhereTheMessageWasPublished() throws Exception {
        List<BusEvent.InboundEvent> askedOnA = new CopyOnWriteArrayList<>();
        List<BusEvent.InboundEvent> askedOnB = new CopyOnWriteArrayList<>();
        EventBus a = bus("a", pool, 1000, askedOnA::add);
        EventBus b = bus("b", pool, 1000, askedOnB::add);
        FakeSession onA = subscribe(a, "ca", null, null);
        FakeSession onB = subscribe(b, "cb", null, null);

        BusEvent published = a.publish(chat("hello"));
        read(onA, 1);
        read(onB, 1); // delivered on both instances
        assertEquals(List.of(published), askedOnA, "asked with the event as numbered");
        assertEquals(0, askedOnA.get(0).offset());
        assertEquals(List.of(), askedOnB);

        b.publish(chat("from b"));
        read(onA, 1);
        read(onB, 1);
        assertEquals(1, askedOnA.size());
        assertEquals(List.of(1L), askedOnB.stream().map(BusEvent::offset).toList());
    }

    @Test
    void anAcknowledgedEventIsOnTheGridAndOutlivesItsPublisher() throws Exception {
        EventBus a = bus("a");
        EventBus b = bus("b");
        long offset = a.publish(chat("kept")).offset();
        assertTrue(space.member("observer", pool).log(GridNumbering.NAME, 1000).tail() >= offset,
                "the grid keeps it when publish returns");
        space.lose("a");
        FakeSession late = subscribe(b, "late", -1L, null);
        JsonObject replayed = object(late.next());
        assertEquals(offset, replayed.getJsonNumber("offset").longValue());
        assertEquals("kept", replayed.getString("content"));
    }

    @Test
    void aJoiningInstanceStartsAtTheOldestEventTheClusterKeeps() throws Exception {
        EventBus a = bus("a", pool, 5, message -> { });
        for (int i = 0; i < 8; i++) {
            a.publish(chat("m" + i));
        }
        EventBus c = bus("c", pool, 5, message -> { });
        FakeSession client = subscribe(c, "c1", -1L, a.epoch());
        JsonObject gap = object(client.next());
        assertEquals(List.of("type", "reason", "epoch", "after_offset", "oldest_offset"), List.copyOf(gap.keySet()));
        assertEquals("ReplayGapEvent", gap.getString("type"));
        assertEquals("too_old", gap.getString("reason"), "offsets 0 to 2 are gone from the cluster");
        assertEquals(3, gap.getInt("oldest_offset"));
        for (long offset = 3; offset < 8; offset++) {
            assertEquals(offset, offset(client.next()));
        }
    }

    @Test
    void anOffsetBeyondWhatThisInstanceDeliveredButGivenByTheClusterIsNoGap() throws Exception {
        ManualExecutor onA = new ManualExecutor();
        ManualExecutor onB = new ManualExecutor();
        EventBus a = bus("a", onA, 1000, message -> { });
        EventBus b = bus("b", onB, 1000, message -> { });
        for (int i = 0; i < 5; i++) {
            a.publish(chat("m" + i));
        }
        onA.runAll(); // b's reader has its batch, but has not delivered it
        assertEquals(5, b.mark(), "a new client starts at the cluster's next offset, though b has delivered none yet");

        FakeSession ahead = subscribe(b, "ahead", 3L, a.epoch());
        FakeSession unknown = subscribe(b, "unknown", 9L, a.epoch());
        onB.runAll();
        List<Long> offsets = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            offsets.add(offset(ahead.next()));
        }
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), offsets, "live, as the instance catches up (the client dedupes)");
        JsonObject gap = object(unknown.next());
        assertEquals("unknown_offset", gap.getString("reason"), "9 was never given");
        assertEquals(9, gap.getInt("after_offset"));
    }

    @Test
    void anInstanceThatFallsBehindTheLogTellsItsSubscribersAndCountsWhatItSkipped() throws Exception {
        ManualExecutor onA = new ManualExecutor();
        ManualExecutor onB = new ManualExecutor();
        EventBus a = bus("a", onA, 3, message -> { });
        EventBus b = bus("b", onB, 3, message -> { });
        FakeSession client = subscribe(b, "c", null, null);
        a.publish(chat("m0"));
        onA.runAll(); // b's reader gets its batch (offset 0) but does not run yet
        for (int i = 1; i < 10; i++) {
            a.publish(chat("m" + i)); // the log keeps 3: offsets 1 to 6 are overwritten before b reads them
        }
        onB.runAll();

        assertEquals(0, offset(client.next()));
        JsonObject gap = object(client.next());
        assertEquals("ReplayGapEvent", gap.getString("type"));
        assertEquals("too_old", gap.getString("reason"));
        assertEquals(0, gap.getInt("after_offset"));
        assertEquals(7, gap.getInt("oldest_offset"));
        for (long offset = 7; offset < 10; offset++) {
            assertEquals(offset, offset(client.next()));
        }
        assertEquals(6, b.skippedCount());
        assertEquals(0, a.skippedCount());

        FakeSession replay = subscribe(b, "r", 2L, b.epoch());
        onB.runAll();
        assertEquals("too_old", object(replay.next()).getString("reason"), "no replay skips the hole silently");
        assertEquals(7, offset(replay.next()));
    }

    /** Events that the cluster's log numbered are the same JSON, field for field, as a single instance writes. */
    @Test
    void anEventReadFromTheLogIsWrittenAsASingleInstanceWritesIt() {
        List<BusEvent> events = List.of(
                chat("hello \"there\" é"),
                new BusEvent.OutboundEvent("s", "agent:pickle", "", BusEvent.now(), "busy", -1),
                new BusEvent.OutboundEvent("s", "agent:pickle", "purr", BusEvent.now(), null, -1),
                new BusEvent.RunActivity("r1", "jwt:alice", 3, "output",
                        java.util.Map.of("delta", List.of(1, 2.5, java.util.Map.of("deep", true))), BusEvent.now(), -1),
                new BusEvent.RunActivity("r2", null, 0, "run_started", java.util.Map.of(), BusEvent.now(), -1),
                new BusEvent.NeuroActivity("c1", "game", "connected", java.util.Map.of("message", "hi"), BusEvent.now(), -1));
        for (BusEvent event : events) {
            FanOutLane.Kept alone = LocalDelivery.kept(event.numbered(7, "e1"));
            FanOutLane.Kept read = BusLogReader.numbered(JsonSupport.JSONB.toJson(event), 7, "e1");
            assertEquals(alone, read);
        }
    }

    private static List<String> read(FakeSession client, int count) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            seen.add(client.next());
        }
        return seen;
    }

    static BusEvent chat(String content) {
        return new BusEvent.InboundEvent("s", "platform-ws:test", content, BusEvent.now(), 0, -1);
    }

    static long offset(String json) {
        JsonObject event = object(json);
        assertFalse(event.getString("type").equals("ReplayGapEvent"), json);
        return event.getJsonNumber("offset").longValue();
    }

    static JsonObject object(String json) {
        return JsonSupport.readTree(json).asJsonObject();
    }

    /** Runs what it is given only when asked: an instance whose reader is held back. */
    static final class ManualExecutor implements Executor {
        private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
                task.run();
            }
        }
    }

    @Test
    void epochsDifferBetweenClusters() {
        EventBus here = bus("a");
        LocalGrid.Space restarted = new LocalGrid.Space();
        EventBus there = new EventBus();
        there.enabled = true;
        there.historySize = 10;
        there.historyBytes = 1 << 20;
        there.laneCount = 1;
        there.cluster = Cluster.of(restarted.member("a", pool));
        there.start(pool, timers);
        assertNotEquals(here.epoch(), there.epoch(), "a whole-cluster restart makes a new epoch");
    }
}
