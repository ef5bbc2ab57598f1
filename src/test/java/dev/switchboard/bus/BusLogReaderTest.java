package dev.switchboard.bus;

import dev.switchboard.cluster.LocalGrid;
import dev.switchboard.cluster.SharedLog;
import dev.switchboard.cluster.SharedMap;
import dev.switchboard.websocket.FakeSession;
import dev.switchboard.websocket.JsonSupport;
import dev.switchboard.websocket.Outbox;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The reader of the cluster's bus log when the grid loses the log: the history gets a new epoch, and subscribers are told. */
class BusLogReaderTest {
    /** A log whose reads the test completes, and whose newest sequence it sets. */
    private static final class ScriptedLog implements SharedLog {
        final LinkedBlockingQueue<CompletableFuture<Batch>> reads = new LinkedBlockingQueue<>();
        volatile long head;
        volatile long tail = -1;

        @Override
        public long append(String json) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long head() {
            return head;
        }

        @Override
        public long tail() {
            return tail;
        }

        @Override
        public CompletionStage<Batch> read(long from, int max) {
            CompletableFuture<Batch> read = new CompletableFuture<>();
            reads.add(read);
            return read;
        }

        @Override
        public void destroy() {
        }

        CompletableFuture<Batch> nextRead() {
            CompletableFuture<Batch> read = reads.poll();
            assertEquals(false, read == null, "the reader is waiting for the log");
            return read;
        }
    }

    private final ScriptedLog log = new ScriptedLog();
    private final SharedMap epochs = new LocalGrid.Space().member("a", Runnable::run).map(GridNumbering.NAME);

    private LocalDelivery instance(FakeSession client) {
        SharedEpoch epoch = new SharedEpoch(epochs);
        LocalDelivery delivery = new LocalDelivery(Runnable::run, 1, 100, 1 << 20, "unused");
        delivery.startAt(0, epoch.current());
        delivery.subscribe("c", new EventBus.Subscription(new Outbox(client.session(), 100, 1000, Runnable::run),
                Set.of(), Viewer.UNRESTRICTED), null, null, -1);
        new BusLogReader(log, epoch, delivery, Runnable::run, null).start(0); // these scripts never retry
        return delivery;
    }

    private static String item(String content) {
        return JsonSupport.JSONB.toJson(EventBusClusterTest.chat(content));
    }

    @Test
    void aLogThatStartsOverGivesTheHistoryANewEpochAndTellsTheSubscribers() throws Exception {
        FakeSession client = new FakeSession(String::valueOf);
        LocalDelivery delivery = instance(client);
        String first = delivery.epoch();
        log.tail = 2;
        log.nextRead().complete(new SharedLog.Batch(0, List.of(item("a"), item("b"), item("c"))));
        for (long offset = 0; offset < 3; offset++) {
            assertEquals(offset, EventBusClusterTest.offset(client.next()));
        }

        log.tail = -1; // the grid lost the log (its owner and backup at once): a new one is empty
        log.nextRead().completeExceptionally(new IllegalArgumentException("sequence 3 is too large"));
        JsonObject gap = EventBusClusterTest.object(client.next());
        assertEquals("epoch_changed", gap.getString("reason"));
        assertEquals(2, gap.getInt("after_offset"));
        assertEquals(0, gap.getInt("oldest_offset"));
        String second = delivery.epoch();
        assertNotEquals(first, second);
        assertEquals(second, gap.getString("epoch"));

        log.tail = 0;
        log.nextRead().complete(new SharedLog.Batch(0, List.of(item("new"))));
        JsonObject event = EventBusClusterTest.object(client.next());
        assertEquals(0, event.getInt("offset"));
        assertEquals(second, event.getString("epoch"));
        assertEquals(1, delivery.historyCount(), "the lost epoch's events are no longer replayed");
        assertNull(client.poll());
    }

    @Test
    void instancesThatSeeTheSameLossAgreeOnOneNewEpoch() {
        SharedEpoch onA = new SharedEpoch(epochs);
        SharedEpoch onB = new SharedEpoch(epochs);
        String lost = onA.current();
        assertEquals(lost, onB.current(), "one epoch for the cluster");
        String replaced = onA.replace(lost);
        assertNotEquals(lost, replaced);
        assertEquals(replaced, onB.replace(lost), "the second to notice adopts the first one's");
        epochs.remove(SharedEpoch.KEY); // the grid lost the map too
        String afresh = onB.replace(replaced);
        assertNotEquals(replaced, afresh);
        assertEquals(afresh, onA.current());
    }
}
