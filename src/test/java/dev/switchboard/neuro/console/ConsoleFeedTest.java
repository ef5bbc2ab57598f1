package dev.switchboard.neuro.console;

import dev.switchboard.neuro.TestHub;
import dev.switchboard.websocket.FakeSession;
import dev.switchboard.websocket.JsonSupport;
import dev.switchboard.websocket.Outbox;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How a console's snapshot and the updates in flight are merged ({@link ConsoleFeed}): updates are
 * numbered as they are published; those that reach a console while its snapshot is being built are held,
 * and only the ones numbered after the snapshot began follow it, in order (the older ones are in it).
 */
class ConsoleFeedTest {
    private final ConsoleFeed feed = new ConsoleFeed();
    private final List<Thread> threads = new ArrayList<>();

    @AfterEach
    void joinThreads() throws InterruptedException {
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    private static Outbox outboxOf(FakeSession console) {
        return new Outbox(console.session(), 100_000, 1000, Runnable::run);
    }

    private static ConsoleMessage.GameUpdate update(String detail) {
        return new ConsoleMessage.GameUpdate(List.of(new ConsoleMessage.Change("context", detail)), 0, null);
    }

    private static ConsoleMessage.Snapshot snapshot(String decider) {
        return new ConsoleMessage.Snapshot(decider, Map.of(), List.of(decider), List.of(), List.of());
    }

    /** A message as the console shows it: "snapshot <decider>", "update <detail>" or "decider <decider>". */
    private static String describe(String json) {
        JsonObject message = JsonSupport.readTree(json).asJsonObject();
        return switch (message.getString("type")) {
            case "snapshot" -> "snapshot " + message.getString("decider");
            case "game" -> "update " + message.getJsonArray("changes").getJsonObject(0).getString("detail");
            case "decider" -> "decider " + message.getString("decider");
            default -> json;
        };
    }

    private static List<String> read(FakeSession console, int count) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            seen.add(describe(console.next()));
        }
        return seen;
    }

    private Thread started(Runnable work) {
        Thread thread = new Thread(work);
        threads.add(thread);
        thread.start();
        return thread;
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS), "timed out");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The changes of an update whose encoding stops, once, until released: the update has its number
     * then (it is numbered before it is encoded) but reaches no console yet.
     */
    private static final class HeldChanges extends AbstractList<ConsoleMessage.Change> {
        final CountDownLatch encoding = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final List<ConsoleMessage.Change> changes;

        HeldChanges(String detail) {
            changes = List.of(new ConsoleMessage.Change("context", detail));
        }

        private void hold() {
            encoding.countDown();
            await(release);
        }

        @Override
        public ConsoleMessage.Change get(int index) {
            hold();
            return changes.get(index);
        }

        @Override
        public int size() {
            hold();
            return changes.size();
        }

        @Override
        public Iterator<ConsoleMessage.Change> iterator() {
            hold();
            return changes.iterator();
        }
    }

    @Test
    void anUpdateNumberedBeforeTheSnapshotBeganIsLeftOutAndOneNumberedAfterItFollowsIt() throws Exception {
        FakeSession console = new FakeSession(String::valueOf);
        HeldChanges inFlight = new HeldChanges("numbered before the snapshot");
        Thread publisher = started(() -> feed.publish(new ConsoleMessage.GameUpdate(inFlight, 0, null)));
        await(inFlight.encoding); // numbered, not yet delivered

        feed.add(outboxOf(console), () -> {
            // While the snapshot is built, the update numbered before it reaches the console, and a new one is published.
            inFlight.release.countDown();
            try {
                publisher.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            feed.publish(update("numbered after the snapshot began"));
            return snapshot("as of the snapshot");
        });
        feed.publish(update("later"));

        assertEquals(List.of("snapshot as of the snapshot", "update numbered after the snapshot began", "update later"),
                read(console, 3));
        assertNull(console.poll(), "the update numbered before the snapshot is not sent after it");
    }

    @Test
    void aSnapshotOnRequestIsMergedWithTheUpdatesInFlightLikeTheFirst() throws Exception {
        FakeSession console = new FakeSession(String::valueOf);
        Outbox outbox = outboxOf(console);
        feed.add(outbox, () -> snapshot("first"));
        feed.publish(update("before the request"));
        feed.resend(outbox, () -> {
            feed.publish(update("while the second snapshot is built"));
            return snapshot("second");
        });
        feed.publish(update("after it"));

        assertEquals(List.of("snapshot first", "update before the request", "snapshot second",
                "update while the second snapshot is built", "update after it"), read(console, 5));
        assertNull(console.poll());
    }

    /**
     * A publisher changes the decider as fast as it can (under its lock, as a game's changes are made and
     * published under the game's lock) while consoles connect; each snapshot is built while at least one
     * more change is published. Each console gets its snapshot, then every later change once, in order:
     * a gap-free run of changes up to the last, starting no later than the one after the snapshot's and
     * with none whose publishing had ended before the console connected.
     */
    @Test
    void consolesConnectingWhileUpdatesAreInFlightGetASnapshotThenEveryLaterUpdateOnceInOrder() throws Exception {
        int consoles = 20;
        Object lock = new Object();
        AtomicInteger published = new AtomicInteger(); // the decider's number; changed and published under lock
        CountDownLatch allConnected = new CountDownLatch(1);
        Thread publisher = started(() -> {
            int more = 2_000; // after every console connected
            while (allConnected.getCount() > 0 || more-- > 0) {
                synchronized (lock) {
                    int next = published.get() + 1;
                    feed.publish(new ConsoleMessage.DeciderChanged("d" + next, Map.of()));
                    published.set(next);
                }
            }
        });

        List<FakeSession> clients = new ArrayList<>();
        List<Integer> endedBeforeConnecting = new ArrayList<>();
        for (int c = 0; c < consoles; c++) {
            FakeSession console = new FakeSession(String::valueOf);
            clients.add(console);
            endedBeforeConnecting.add(published.get());
            feed.add(outboxOf(console), () -> {
                int shown;
                synchronized (lock) {
                    shown = published.get();
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (published.get() == shown) { // a change in flight while the snapshot is being built
                    assertTrue(System.nanoTime() < deadline, "the publisher stalled");
                    Thread.onSpinWait();
                }
                return snapshot("d" + shown);
            });
        }
        allConnected.countDown();
        publisher.join();
        int last = published.get();

        for (int c = 0; c < consoles; c++) {
            FakeSession console = clients.get(c);
            String first = describe(console.next());
            assertTrue(first.startsWith("snapshot d"), first);
            int shown = Integer.parseInt(first.substring("snapshot d".length()));
            int next = Integer.parseInt(describe(console.next()).substring("decider d".length()));
            assertTrue(next <= shown + 1, "console " + c + ": nothing after the snapshot lost (" + shown + ", then " + next + ")");
            assertTrue(next > endedBeforeConnecting.get(c), "console " + c + ": no update from before it connected");
            for (int expected = next + 1; expected <= last; expected++) {
                assertEquals("decider d" + expected, describe(console.next()), "console " + c);
            }
            assertNull(console.poll(), "console " + c + ": nothing twice, nothing after the last");
        }
    }

    @Test
    void throughTheHubAConsoleConnectingWhileAGameUpdateIsPendingGetsTheSnapshotAndThenThatUpdate() throws Exception {
        try (TestHub test = new TestHub()) {
            FakeSession watching = new FakeSession(String::valueOf);
            test.hub.addConsole(outboxOf(watching));
            TestHub.Game game = test.connect();
            test.send(game, "Alpha", "startup", null);
            test.workers.runAll();
            test.send(game, "Alpha", "context", "{\"message\":\"one\",\"silent\":true}");
            test.workers.runAll();
            test.send(game, "Alpha", "context", "{\"message\":\"two\",\"silent\":true}");
            assertTrue(test.workers.waiting() > 0, "the update for 'two' is pending");

            FakeSession joining = new FakeSession(String::valueOf);
            test.hub.addConsole(outboxOf(joining));
            test.workers.runAll();
            test.send(game, "Alpha", "context", "{\"message\":\"three\",\"silent\":true}");
            test.workers.runAll();

            assertEquals(List.of("snapshot", "game", "game", "game", "game"), types(watching, 5));
            JsonObject snapshot = JsonSupport.readTree(joining.next()).asJsonObject();
            assertEquals("snapshot", snapshot.getString("type"));
            assertEquals(List.of("one", "two"), contextOf(snapshot.getJsonArray("games").getJsonObject(0)));
            JsonObject pending = JsonSupport.readTree(joining.next()).asJsonObject();
            assertEquals("two", pending.getJsonArray("changes").getJsonObject(0).getString("detail"),
                    "the update in flight follows the snapshot");
            JsonObject later = JsonSupport.readTree(joining.next()).asJsonObject();
            assertEquals(List.of("one", "two", "three"), contextOf(later.getJsonObject("view")));
            assertNull(joining.poll(), "the updates published before it connected are not sent to it");
        }
    }

    private static List<String> types(FakeSession console, int count) throws InterruptedException {
        List<String> types = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            types.add(JsonSupport.readTree(console.next()).asJsonObject().getString("type"));
        }
        return types;
    }

    private static List<String> contextOf(JsonObject view) {
        return view.getJsonArray("context").stream().map(c -> c.asJsonObject().getString("message")).toList();
    }
}
