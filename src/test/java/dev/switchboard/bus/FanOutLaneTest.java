package dev.switchboard.bus;

import dev.switchboard.websocket.FakeSession;
import dev.switchboard.websocket.JsonSupport;
import dev.switchboard.websocket.Outbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fan-out lanes on their own, fed as {@link EventBus} feeds them (offers under one lock, started
 * after it): every subscriber gets every event once, in order; a hand-off the executor refuses is
 * delivered on the caller's thread; a subscriber that does not read, or is closed, holds up no other.
 */
class FanOutLaneTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final Object busLock = new Object();
    private long nextOffset;

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** A pool that refuses every task, as a saturated pool without a queue does. */
    private static ExecutorService refusing() {
        ThreadPoolExecutor saturated = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS, new SynchronousQueue<>());
        saturated.shutdown();
        return saturated;
    }

    private static Outbox outbox(FakeSession client, int capacity) {
        return new Outbox(client.session(), capacity, 1000, Runnable::run);
    }

    private static void join(FanOutLane lane, Object client, Outbox outbox) {
        if (lane.offer(new FanOutLane.Join(client, new EventBus.Subscription(outbox, Set.of(), Viewer.UNRESTRICTED), List.of()))) {
            lane.start();
        }
    }

    /** Publishes the next event to these lanes as the bus does: numbered and offered under its lock, started after. */
    private void publish(FanOutLane... lanes) {
        List<FanOutLane> toStart = new ArrayList<>();
        synchronized (busLock) {
            BusEvent event = new BusEvent.InboundEvent("s", "platform-ws:test", "m", BusEvent.now(), 0, -1)
                    .numbered(nextOffset++, "e");
            FanOutLane.Kept kept = new FanOutLane.Kept(event.offset(), EventBus.typeName(event), Audience.of(event),
                    JsonSupport.JSONB.toJson(event));
            for (FanOutLane lane : lanes) {
                if (lane.offer(kept)) {
                    toStart.add(lane);
                }
            }
        }
        toStart.forEach(FanOutLane::start);
    }

    private static long offset(String json) {
        return JsonSupport.readTree(json).asJsonObject().getJsonNumber("offset").longValue();
    }

    @Test
    void everySubscriberOfEveryLaneGetsEveryEventOnceInOrder() throws Exception {
        List<FanOutLane> lanes = List.of(new FanOutLane(pool, 100_000), new FanOutLane(pool, 100_000), new FanOutLane(pool, 100_000));
        List<FakeSession> clients = new ArrayList<>();
        for (FanOutLane lane : lanes) {
            for (int i = 0; i < 3; i++) {
                FakeSession client = new FakeSession(String::valueOf);
                clients.add(client);
                join(lane, client, outbox(client, 100_000));
            }
        }
        FanOutLane[] all = lanes.toArray(FanOutLane[]::new);
        ExecutorService publishers = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            publishers.execute(() -> {
                for (int i = 0; i < 1000; i++) {
                    publish(all);
                }
            });
        }
        publishers.shutdown();
        assertTrue(publishers.awaitTermination(30, TimeUnit.SECONDS));

        for (FakeSession client : clients) {
            for (long offset = 0; offset < 4000; offset++) {
                assertEquals(offset, offset(client.next()), "every event, in order");
            }
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        for (FakeSession client : clients) {
            assertNull(client.poll(), "each event once");
        }
    }

    @Test
    void aHandOffTheExecutorRefusesIsDeliveredOnTheCallersThread() throws Exception {
        FanOutLane lane = new FanOutLane(refusing(), 100);
        FakeSession client = new FakeSession(String::valueOf);
        join(lane, client, outbox(client, 100));
        for (long offset = 0; offset < 3; offset++) {
            publish(lane);
            String delivered = client.poll();
            assertTrue(delivered != null, "delivered before publishing returned: nothing else could deliver it");
            assertEquals(offset, offset(delivered));
        }
    }

    @Test
    void aSubscriberResumedWhenTheExecutorRefusesIsPacedOnTheThreadThatMadeRoom() throws Exception {
        FanOutLane lane = new FanOutLane(refusing(), 100);
        FakeSession reader = new FakeSession(String::valueOf);
        reader.stall(); // each send waits until the client "reads" it
        join(lane, reader, outbox(reader, 4)); // room for 2 queued: the rest waits in the lane
        for (int i = 0; i < 20; i++) {
            publish(lane);
        }
        for (long offset = 0; offset < 20; offset++) {
            assertEquals(offset, offset(reader.next()), "paced, in order, none lost");
            reader.completePending(); // room again: the lane goes on, on this thread
        }
        assertFalse(reader.isClosed());
    }

    @Test
    void aSubscriberThatDoesNotReadHoldsUpNoOtherAndGetsEverythingOnceItReads() throws Exception {
        FanOutLane lane = new FanOutLane(pool, 100);
        FakeSession slow = new FakeSession(String::valueOf);
        slow.stall();
        join(lane, slow, outbox(slow, 4));
        FakeSession reader = new FakeSession(String::valueOf);
        join(lane, reader, outbox(reader, 1000));
        for (int i = 0; i < 50; i++) {
            publish(lane);
        }
        for (long offset = 0; offset < 50; offset++) {
            assertEquals(offset, offset(reader.next()), "the reader gets everything while the slow one reads nothing");
        }
        for (long offset = 0; offset < 50; offset++) {
            assertEquals(offset, offset(slow.next()), "the slow one gets everything, in order, as it reads");
            slow.completePending();
        }
        assertFalse(slow.isClosed(), "within the backlog it may keep, a client that reads late is not closed");
    }

    @Test
    void aClosedSubscriberAndOneTooFarBehindAreDroppedAndTheOthersGoOn() throws Exception {
        FanOutLane lane = new FanOutLane(pool, 10);
        FakeSession closed = new FakeSession(String::valueOf);
        Outbox closedOutbox = outbox(closed, 100);
        join(lane, closed, closedOutbox);
        FakeSession stuck = new FakeSession(String::valueOf);
        stuck.stall();
        join(lane, stuck, outbox(stuck, 4));
        FakeSession reader = new FakeSession(String::valueOf);
        join(lane, reader, outbox(reader, 1000));
        closedOutbox.close(); // the client left

        for (int i = 0; i < 50; i++) {
            publish(lane);
        }
        for (long offset = 0; offset < 50; offset++) {
            assertEquals(offset, offset(reader.next()), "the reader gets everything");
        }
        assertEquals(Outbox.SLOW_CONSUMER, stuck.awaitClose(), "more than 10 events behind: closed");
        assertNull(closed.poll(), "nothing is sent to a closed subscriber");
    }
}
