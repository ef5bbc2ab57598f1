package dev.switchboard.cluster;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalGridTest {
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final LocalGrid.Space space = new LocalGrid.Space();
    private final Grid a = space.member("a", executor);
    private final Grid b = space.member("b", executor);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void aLogNumbersItemsOnceForEveryMemberAndKeepsTheNewestWithinItsCapacity() throws Exception {
        SharedLog onA = a.log("bus", 3);
        assertEquals(-1, onA.tail());
        for (int i = 0; i < 5; i++) {
            assertEquals(i, onA.append("{\"n\":" + i + "}"));
        }
        SharedLog onB = b.log("bus", 3);
        assertEquals(2, onB.head());
        assertEquals(4, onB.tail());
        SharedLog.Batch fromTheStart = onB.read(0, 10).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(2, fromTheStart.first(), "what is gone is skipped, and the batch says where it starts");
        assertEquals(List.of("{\"n\":2}", "{\"n\":3}", "{\"n\":4}"), fromTheStart.items());
        assertEquals(5, fromTheStart.next());
    }

    @Test
    void aReadPastTheTailWaitsForTheNextAppend() throws Exception {
        SharedLog log = a.log("runs:x", 10);
        var pending = b.log("runs:x", 10).read(0, 10).toCompletableFuture();
        assertFalse(pending.isDone());
        log.append("first");
        assertEquals(List.of("first"), pending.get(5, TimeUnit.SECONDS).items());
    }

    @Test
    void topicsReachEveryMemberInOrderAndMapsAreShared() throws Exception {
        LinkedBlockingQueue<String> onB = new LinkedBlockingQueue<>();
        b.subscribe("commands", onB::add);
        for (int i = 0; i < 100; i++) {
            a.publish("commands", Integer.toString(i));
        }
        for (int i = 0; i < 100; i++) {
            assertEquals(Integer.toString(i), onB.poll(5, TimeUnit.SECONDS));
        }
        a.map("runs").put("r1", "{}");
        assertEquals("{}", b.map("runs").get("r1"));
        assertEquals("{}", b.map("runs").putIfAbsent("r1", "[]"));
        assertFalse(b.map("runs").replace("r1", "[]", "1"), "replaced only while it holds what was expected");
        assertTrue(b.map("runs").replace("r1", "{}", "2"));
        assertEquals("2", a.map("runs").get("r1"));
    }

    @Test
    void theOldestMemberIsTheCoordinatorAndTheOthersHearOfALostOne() throws Exception {
        assertTrue(a.coordinator());
        assertFalse(b.coordinator());
        List<String> heard = new CopyOnWriteArrayList<>();
        CountDownLatch told = new CountDownLatch(1);
        b.onMemberLeft(left -> {
            heard.add(left);
            told.countDown();
        });
        space.lose("a");
        assertTrue(told.await(5, TimeUnit.SECONDS));
        assertEquals(List.of("a"), heard);
        assertTrue(b.coordinator(), "the next oldest takes over");
        assertFalse(a.joined());
    }

    @Test
    void workWhoseWorkersRefuseIsDoneOnTheCallingThreadNotDropped() throws Exception {
        Grid refusing = space.member("c", command -> {
            throw new java.util.concurrent.RejectedExecutionException("every worker busy");
        });
        var pending = refusing.log("refused", 4).read(0, 4).toCompletableFuture();
        a.log("refused", 4).append("late, not lost");
        assertEquals(List.of("late, not lost"), pending.get(5, TimeUnit.SECONDS).items());
    }
}
