package dev.switchboard.runs;

import dev.switchboard.cluster.Cluster;
import dev.switchboard.cluster.LocalGrid;
import dev.switchboard.concurrent.Workers;
import dev.switchboard.security.Caller;
import dev.switchboard.websocket.FakeSession;
import dev.switchboard.websocket.JsonSupport;
import dev.switchboard.websocket.Outbox;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Two instances' RunManagers side by side on one in-memory grid: a run started on A, reached from B. */
class RunsAcrossInstancesTest {
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final LocalGrid.Space space = new LocalGrid.Space();
    private final CountDownLatch blocker = new CountDownLatch(1);
    /** The {@code stream} task waits here between its two bursts of output. */
    private final CountDownLatch streamGate = new CountDownLatch(1);
    /** The oldest member, so the coordinator until it is lost. */
    private final Instance a = new Instance("a");
    private final Instance b = new Instance("b");

    @AfterEach
    void stop() {
        blocker.countDown();
        streamGate.countDown();
        executor.shutdownNow();
        scheduler.shutdownNow();
    }

    private final class Instance {
        final RunManager manager = TestTasks.manager(Workers.using(executor, scheduler));
        /** What this instance told the other features (the bus) of runs, as owner and event type. */
        final java.util.concurrent.BlockingQueue<String> mirrored = new java.util.concurrent.LinkedBlockingQueue<>();

        Instance(String member) {
            manager.publisher = new RunPublisher() {
                @Override
                void publish(String owner, RunEvent event) {
                    mirrored.add(owner + ":" + event.runId() + ":" + event.eventType());
                }
            };
            TestTasks.setTasks(manager, new DemoTask(), TestTasks.blocking(blocker), TestTasks.streaming(streamGate));
            manager.keepFinishedRuns();
            manager.share(Cluster.of(space.member(member, executor)));
        }

        Client client(String principal, String... roles) {
            FakeSession session = new FakeSession(new RunsEncoder());
            return new Client(new RunsConnection(new Outbox(session.session(), 10_000, 1000, Runnable::run),
                    new Caller(principal, Set.of(roles))), session, manager);
        }
    }

    private record Client(RunsConnection connection, FakeSession session, RunManager manager) {
        void start(String runId, String task, String input) {
            manager.start(connection, new RunCommand.StartRun(runId, task,
                    input == null ? null : JsonSupport.readTree(input).asJsonObject()));
        }

        void resume(String runId, long afterSeq, String owner) {
            manager.resume(connection, new RunCommand.Resume(runId, afterSeq, owner));
        }

        void cancel(String runId, String reason, String owner) {
            manager.cancel(connection, new RunCommand.CancelRun(runId, reason, owner));
        }

        JsonObject read() throws InterruptedException {
            return JsonSupport.readTree(session.next()).asJsonObject();
        }

        /** Reads run events up to the terminal one, as sent. */
        List<String> readToEnd() throws InterruptedException {
            List<String> texts = new ArrayList<>();
            while (true) {
                String text = session.next();
                texts.add(text);
                JsonObject message = JsonSupport.readTree(text).asJsonObject();
                assertEquals("run_event", message.getString("type"), text);
                if (RemoteReplayTerminal.is(message.getString("event_type"))) {
                    return texts;
                }
            }
        }

        List<String> listed() throws InterruptedException {
            manager.list(connection);
            JsonObject runs = read();
            assertEquals("runs", runs.getString("type"), runs.toString());
            return runs.getJsonArray("runs").stream().map(r -> r.asJsonObject().getString("run_id") + "@"
                    + r.asJsonObject().getString("owner") + ":" + r.asJsonObject().getString("status")).toList();
        }
    }

    private static final class RemoteReplayTerminal {
        static boolean is(String eventType) {
            return Set.of(RunEvent.COMPLETED, RunEvent.FAILED, RunEvent.CANCELLED).contains(eventType);
        }
    }

    private static long seq(String text) {
        return JsonSupport.readTree(text).asJsonObject().getJsonNumber("seq").longValue();
    }

    @Test
    void aResumeOnBReplaysTheRestOfARunOfAAndFollowsItsLiveEventsWithoutGapToTheEnd() throws Exception {
        Client starter = a.client("jwt:alice");
        starter.start("s1", "stream", "{\"before\":5,\"after\":200}");
        List<String> onA = new ArrayList<>();
        for (int seq = 0; seq <= 5; seq++) {
            onA.add(starter.session().next());
            assertEquals(seq, seq(onA.get(seq)));
        }
        Client resumer = b.client("jwt:alice");
        resumer.resume("s1", 2, null);
        for (int seq = 3; seq <= 5; seq++) {
            assertEquals(onA.get(seq), resumer.session().next(), "the event as A's client got it, seq " + seq);
        }
        streamGate.countDown(); // the live events, while B follows
        onA.addAll(starter.readToEnd());
        List<String> onB = resumer.readToEnd();
        assertEquals(201, onB.size(), "seq 6 to 206");
        for (int i = 0; i < onB.size(); i++) {
            assertEquals(onA.get(6 + i), onB.get(i), "seq " + (6 + i) + ": same text, in order, no gap");
        }
        assertEquals("run_completed", JsonSupport.readTree(onB.get(200)).asJsonObject().getString("event_type"));
        assertNull(resumer.session().poll(), "nothing after the terminal event");
        assertEquals(0, b.manager.replayCount(), "the follow gave its replay place back");
    }

    @Test
    void aFinishedRunOfAIsResumableAndReadableOnB() throws Exception {
        Client starter = a.client("jwt:alice");
        starter.start("f1", "demo", "{\"steps\":3,\"delay_ms\":0}");
        List<String> onA = starter.readToEnd();
        assertEquals(5, onA.size());

        Client resumer = b.client("jwt:alice");
        resumer.resume("f1", -1, null);
        assertEquals(onA, resumer.readToEnd(), "every kept event, as A's client got them");
        resumer.resume("f1", 4, null);
        resumer.resume("f1", 1, null);
        assertEquals(onA.subList(2, 5), resumer.readToEnd(), "after the terminal event nothing; from the middle the rest");

        Caller alice = new Caller("jwt:alice", Set.of());
        RunPage page = b.manager.eventsAfter(alice, "f1", null, 1, 2);
        assertNull(page.refusal());
        assertEquals(onA.subList(2, 4), page.events());
        assertEquals(true, page.more());
        assertEquals("unknown_run", b.manager.eventsAfter(new Caller("jwt:bob", Set.of()), "f1", null, -1, 10)
                .refusal().code(), "another principal's run, on B too");

        Client bob = b.client("jwt:bob");
        bob.resume("f1", -1, null);
        assertEquals("unknown_run", bob.read().getString("code"));
    }

    @Test
    void aCancelOnBReachesTheRunOnAAndIsAnsweredByTheSameRules() throws Exception {
        Client starter = a.client("jwt:alice");
        starter.start("c1", "block", null);
        assertEquals("run_started", starter.read().getString("event_type"));

        Client bob = b.client("jwt:bob");
        bob.cancel("c1", null, "jwt:alice");
        JsonObject refused = bob.read();
        assertEquals("unknown_run", refused.getString("code"), "another principal's run is unknown on B too");

        Client alice = b.client("jwt:alice");
        alice.cancel("c1", "from b", null);
        JsonObject end = starter.read();
        assertEquals("run_cancelled", end.getString("event_type"));
        assertEquals("from b", end.getJsonObject("payload").getString("reason"));
        assertEquals(Run.Status.CANCELLED, a.manager.statusOf("jwt:alice", "c1"));

        alice.cancel("c1", null, null);
        JsonObject again = alice.read();
        assertEquals("already_finished", again.getString("code"), "the first cancel got no error; the second one does");
        assertEquals("Run 'c1' has already cancelled", again.getString("message"));
        assertEquals(0, a.manager.liveRunCount());

        Caller carol = new Caller("api-key:3", Set.of(Caller.OPERATOR));
        assertNull(a.manager.startFor(carol, "m1", "block", null));
        assertNull(b.manager.cancelFor(carol, "m1", null, "by mcp on b"), "cancelled on A");
        assertEquals(Run.Status.CANCELLED, a.manager.statusOf("api-key:3", "m1"));
        assertEquals("already_finished", b.manager.cancelFor(carol, "m1", null, null).code());
    }

    @Test
    void listRunsOnBShowsTheClustersRunsByTheSameOwnershipRules() throws Exception {
        Client aliceOnA = a.client("jwt:alice");
        Client bobOnA = a.client("jwt:bob");
        Client aliceOnB = b.client("jwt:alice");
        aliceOnA.start("a1", "block", null);
        bobOnA.start("b1", "block", null);
        aliceOnB.start("a2", "demo", "{\"steps\":0}");
        aliceOnA.read();
        bobOnA.read();
        aliceOnB.readToEnd();

        assertEquals(List.of("a1@jwt:alice:running", "a2@jwt:alice:completed"), aliceOnB.listed(),
                "alice's run on A and her finished one on B, not bob's");
        assertEquals(List.of("b1@jwt:bob:running"), b.client("jwt:bob").listed());
        assertEquals(List.of("a1@jwt:alice:running", "a2@jwt:alice:completed", "b1@jwt:bob:running"),
                b.client("jwt:root", Caller.ADMIN).listed(), "an admin sees every run of the cluster");
        // From A, a2's status is B's to update after its terminal event: only which runs are listed is compared.
        assertEquals(List.of("a1@jwt:alice", "a2@jwt:alice"), a.client("jwt:alice").listed().stream()
                .map(run -> run.substring(0, run.lastIndexOf(':'))).toList(), "the same runs from A");
    }

    @Test
    void aRunIdTakenOnAIsADuplicateOnBForTheSamePrincipalOnly() throws Exception {
        Client aliceOnA = a.client("jwt:alice");
        aliceOnA.start("d1", "block", null);
        assertEquals("run_started", aliceOnA.read().getString("event_type"));

        Client aliceOnB = b.client("jwt:alice");
        aliceOnB.start("d1", "block", null);
        assertEquals("duplicate_run_id", aliceOnB.read().getString("code"));
        assertEquals(0, b.manager.liveRunCount(), "the refused start gave its live place back");
        assertEquals("duplicate_run_id", b.manager.startFor(new Caller("jwt:alice", Set.of()), "d1", "block", null).code());

        Client bobOnB = b.client("jwt:bob");
        bobOnB.start("d1", "block", null);
        assertEquals("run_started", bobOnB.read().getString("event_type"), "bob's own d1");
    }

    @Test
    void whenAIsLostBEndsItsLiveRunsWithInstanceLostForEveryoneFollowingThem() throws Exception {
        Client starter = a.client("jwt:alice");
        starter.start("l1", "block", null);
        starter.start("l2", "demo", "{\"steps\":1,\"delay_ms\":0}");
        starter.read();
        starter.readToEnd();
        Client follower = b.client("jwt:alice");
        follower.resume("l2", -1, null);
        assertEquals(3, follower.readToEnd().size(), "l2 ended on A, and its end is on the grid");


        follower.resume("l1", -1, null);
        assertEquals("run_started", follower.read().getString("event_type"), "B follows l1, live");

        space.lose("a");
        JsonObject lost = follower.read();
        assertEquals("run_failed", lost.getString("event_type"));
        assertEquals(1, lost.getInt("seq"), "right after the last event of the run");
        assertEquals(LostRuns.INSTANCE_LOST, lost.getJsonObject("payload").getString("code"));
        assertFalse(lost.getJsonObject("payload").getString("error").isBlank());
        assertTrue(mirroredOn(b, "jwt:alice:l1:run_failed"), "the bus's monitors hear of it too");

        Client later = b.client("jwt:alice");
        later.resume("l1", 0, null);
        assertEquals(lost.toString(), later.read().toString(), "a later resume replays the same end");
        assertEquals(List.of("l1@jwt:alice:failed", "l2@jwt:alice:completed"), later.listed(),
                "the finished run of A is left as it was");
        later.cancel("l1", null, null);
        assertEquals("already_finished", later.read().getString("code"));
    }

    /** Whether the instance tells the other features of that event within 5 s (the coordinator does after appending it). */
    private static boolean mirroredOn(Instance instance, String event) throws InterruptedException {
        for (String next = instance.mirrored.poll(5, TimeUnit.SECONDS); next != null; next = instance.mirrored.poll(5, TimeUnit.SECONDS)) {
            if (next.equals(event)) {
                return true;
            }
        }
        return false;
    }
}
