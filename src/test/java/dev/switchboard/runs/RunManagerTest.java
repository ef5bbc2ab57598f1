package dev.switchboard.runs;

import dev.switchboard.agent.Agent;
import dev.switchboard.agent.AgentChoice;
import dev.switchboard.agent.Conversation;
import dev.switchboard.bus.TestBus;
import dev.switchboard.calls.TestCalls;
import dev.switchboard.concurrent.Workers;
import dev.switchboard.security.Caller;
import dev.switchboard.websocket.EndpointName;
import dev.switchboard.websocket.ErrorReplies;
import dev.switchboard.websocket.FakeSession;
import dev.switchboard.websocket.JsonSupport;
import dev.switchboard.websocket.Outbox;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RunManager without a container: plain executors, a fake session, hand-set limits. */
class RunManagerTest {
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final ScheduledExecutorService realScheduler = Executors.newScheduledThreadPool(2);
    /** Every timer the manager arms, in order. */
    private final List<java.util.concurrent.Future<?>> scheduled = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Runs once, on the thread that arms the next timer, before it is armed. */
    private final AtomicReference<Runnable> beforeSchedule = new AtomicReference<>();
    private final ScheduledExecutorService scheduler = (ScheduledExecutorService) java.lang.reflect.Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[]{ScheduledExecutorService.class}, (proxy, method, args) -> {
                Runnable hook = beforeSchedule.getAndSet(null);
                if (hook != null) {
                    hook.run();
                }
                Object result = method.invoke(realScheduler, args);
                if (method.getName().equals("schedule")) {
                    scheduled.add((java.util.concurrent.Future<?>) result);
                }
                return result;
            });
    private final RunsDecoder decoder = new RunsDecoder();
    private final FakeSession session = new FakeSession(new RunsEncoder());
    private final List<RunEvent> published = new ArrayList<>();
    private final RunManager manager = TestTasks.manager(Workers.using(executor, scheduler));
    private final CountDownLatch blocker = new CountDownLatch(1);
    /** The {@code stream} task waits here between its two bursts of output. */
    private final CountDownLatch streamGate = new CountDownLatch(1);
    private RunsConnection connection;

    RunManagerTest() {
        manager.publisher = new RunPublisher() {
            @Override
            void publish(String owner, RunEvent event) {
                synchronized (published) {
                    published.add(event);
                    published.notifyAll();
                }
            }
        };
        setTasks(new DemoTask(), TestTasks.blocking(blocker), TestTasks.streaming(streamGate));
        manager.keepFinishedRuns();
        connection = new RunsConnection(new Outbox(session.session(), 10_000, 1000, Runnable::run));
    }

    @AfterEach
    void stop() {
        blocker.countDown();
        streamGate.countDown();
        executor.shutdownNow();
        realScheduler.shutdownNow();
    }

    private void setTasks(RunTask... tasks) {
        TestTasks.setTasks(manager, tasks);
    }

    private void command(String json) {
        RunCommand command;
        try {
            command = decoder.decode(json);
        } catch (jakarta.websocket.DecodeException overLimit) {
            throw new AssertionError(overLimit);
        }
        if (command instanceof RunCommand.StartRun start) {
            manager.start(connection, start);
        } else if (command instanceof RunCommand.CancelRun cancel) {
            manager.cancel(connection, cancel);
        } else if (command instanceof RunCommand.Resume resume) {
            manager.resume(connection, resume);
        } else {
            throw new AssertionError("unexpected " + command);
        }
    }

    private JsonObject next() throws InterruptedException {
        return JsonSupport.readTree(session.next()).asJsonObject();
    }

    @Test
    void aRunLongerThanTheMaximumFailsWithTimeout() throws Exception {
        manager.maxRunTimeMillis = 200;
        command("{\"type\":\"start_run\",\"run_id\":\"t\",\"task\":\"block\"}");
        assertEquals("run_started", next().getString("event_type"));
        JsonObject end = next();
        assertEquals("run_failed", end.getString("event_type"));
        assertEquals("timeout", end.getJsonObject("payload").getString("code"));
        assertEquals(0, awaitActiveTasks(), "the interrupted task ended");
    }

    @Test
    void theReplayBufferKeepsTheLastEventsAndTheTerminalOne() throws Exception {
        manager.maxEvents = 3;
        command("{\"type\":\"start_run\",\"run_id\":\"b\",\"task\":\"demo\",\"input\":{\"steps\":5,\"delay_ms\":0}}");
        for (int seq = 0; seq <= 6; seq++) {
            assertEquals(seq, next().getInt("seq"));
        }
        command("{\"type\":\"resume\",\"run_id\":\"b\",\"after_seq\":2}");
        for (int seq = 3; seq <= 6; seq++) {
            assertEquals(seq, next().getInt("seq"), "steps 3 to 5 (the last 3) and the terminal event");
        }
        command("{\"type\":\"resume\",\"run_id\":\"b\",\"after_seq\":1}");
        JsonObject error = next();
        assertEquals("invalid_request", error.getString("code"));
        assertEquals("Events before seq 3 of run 'b' are no longer kept", error.getString("message"));
    }

    @Test
    void shutdownCancelsEveryLiveRun() throws Exception {
        command("{\"type\":\"start_run\",\"run_id\":\"s1\",\"task\":\"block\"}");
        command("{\"type\":\"start_run\",\"run_id\":\"s2\",\"task\":\"block\"}");
        next();
        next();
        manager.shutdown();
        for (int i = 0; i < 2; i++) {
            JsonObject end = next();
            assertEquals("run_cancelled", end.getString("event_type"));
            assertEquals("server_shutdown", end.getJsonObject("payload").getString("reason"));
        }
        assertEquals(0, awaitActiveTasks());
    }

    @Test
    void finishedRunsAreFreedAfterRetention() throws Exception {
        manager.retentionMillis = 100;
        manager.keepFinishedRuns();
        command("{\"type\":\"start_run\",\"run_id\":\"f\",\"task\":\"demo\",\"input\":{\"steps\":0}}");
        assertEquals("run_started", next().getString("event_type"));
        assertEquals("run_completed", next().getString("event_type"));
        assertEquals(0, awaitActiveTasks(), "the task ended, and with it the run (its release is now scheduled)");
        scheduled.get(scheduled.size() - 1).get(10, TimeUnit.SECONDS);
        assertEquals(0, manager.runCount());
    }

    @Test
    void aResumeDisarmsTheGraceTimerSoASecondDisconnectGetsAFullGrace() throws Exception {
        manager.graceMillis = 60_000;
        command("{\"type\":\"start_run\",\"run_id\":\"g\",\"task\":\"block\"}");
        assertEquals("run_started", next().getString("event_type"));
        manager.disconnected(connection);
        java.util.concurrent.Future<?> firstGrace = scheduled.get(scheduled.size() - 1);
        RunsConnection second = new RunsConnection(new Outbox(session.session(), 10_000, 1000, Runnable::run));
        manager.resume(second, new RunCommand.Resume("g", 0L, null));
        assertTrue(firstGrace.isCancelled(), "a resume disarms the grace timer");
        manager.graceMillis = 100;
        manager.disconnected(second);
        RunEvent end = awaitPublished("run_cancelled");
        assertEquals("disconnected", end.payload().get("reason"), "the second disconnect got its own grace, then the run ended");
        assertEquals(Run.Status.CANCELLED, runStatus("g"));
    }

    /** A connection of a principal, and the fake client that reads what it is sent. */
    private record Principal(RunsConnection connection, FakeSession client) {
        JsonObject read() throws InterruptedException {
            return RunManagerTest.read(client);
        }
    }

    private static Principal principal(String name, String... roles) {
        FakeSession client = new FakeSession(new RunsEncoder());
        return new Principal(new RunsConnection(new Outbox(client.session(), 10_000, 1000, Runnable::run),
                new Caller(name, Set.of(roles))), client);
    }

    @Test
    void anotherPrincipalsRunAnswersExactlyLikeAnUnknownId() throws Exception {
        Principal alice = principal("jwt:alice");
        Principal bob = principal("jwt:bob", Caller.OPERATOR);
        manager.start(alice.connection(), new RunCommand.StartRun("owned", "block", null));
        assertEquals("run_started", alice.read().getString("event_type"));

        for (String owner : java.util.Arrays.asList(null, "jwt:alice")) { // naming the owner does not help a non-admin
            manager.cancel(bob.connection(), new RunCommand.CancelRun("owned", null, owner));
            String refused = bob.client().next();
            manager.cancel(bob.connection(), new RunCommand.CancelRun("nobody-s", null, owner));
            assertEquals(bob.client().next().replace("nobody-s", "owned"), refused, "cancel: as if the id were unused");
            assertEquals("unknown_run", JsonSupport.readTree(refused).asJsonObject().getString("code"));

            manager.resume(bob.connection(), new RunCommand.Resume("owned", -1L, owner));
            refused = bob.client().next();
            manager.resume(bob.connection(), new RunCommand.Resume("nobody-s", -1L, owner));
            assertEquals(bob.client().next().replace("nobody-s", "owned"), refused, "resume: as if the id were unused");
        }
        assertEquals(Run.Status.RUNNING, manager.statusOf("jwt:alice", "owned"), "bob's cancel did nothing");
        assertNull(bob.client().poll(), "bob got none of alice's events");

        manager.resume(alice.connection(), new RunCommand.Resume("owned", -1L, null));
        assertEquals(0, alice.read().getInt("seq"), "the starter resumes its own run");
    }

    @Test
    void eachPrincipalHasItsOwnRunIds() throws Exception {
        Principal alice = principal("jwt:alice");
        Principal bob = principal("api-key:2", Caller.OPERATOR);
        manager.start(alice.connection(), new RunCommand.StartRun("r1", "block", null));
        assertEquals("run_started", alice.read().getString("event_type"));
        manager.start(bob.connection(), new RunCommand.StartRun("r1", "block", null));
        JsonObject bobs = bob.read();
        assertEquals("run_started", bobs.getString("event_type"), "alice's r1 does not take the id from bob");
        assertEquals("r1", bobs.getString("run_id"));
        manager.start(bob.connection(), new RunCommand.StartRun("r1", "block", null));
        assertEquals("duplicate_run_id", bob.read().getString("code"), "within one principal an id stays unique");

        manager.cancel(bob.connection(), new RunCommand.CancelRun("r1", "mine", null));
        assertEquals("run_cancelled", bob.read().getString("event_type"));
        assertEquals(Run.Status.CANCELLED, manager.statusOf("api-key:2", "r1"));
        assertEquals(Run.Status.RUNNING, manager.statusOf("jwt:alice", "r1"), "bob cancelled his own r1 only");
        assertNull(alice.client().poll(), "alice saw nothing of bob's r1");
    }

    @Test
    void listRunsShowsThePrincipalsOwnRunsAndEveryRunToAnAdmin() throws Exception {
        Principal alice = principal("jwt:alice");
        Principal bob = principal("jwt:bob", Caller.OPERATOR);
        Principal admin = principal("jwt:root", Caller.ADMIN);
        manager.start(alice.connection(), new RunCommand.StartRun("a1", "block", null));
        manager.start(bob.connection(), new RunCommand.StartRun("b1", "block", null));
        manager.start(bob.connection(), new RunCommand.StartRun("a1", "block", null));
        alice.read();
        bob.read();
        bob.read();

        manager.list(alice.connection());
        assertEquals(List.of("a1@jwt:alice"), listed(alice.read()));
        manager.list(bob.connection());
        assertEquals(List.of("a1@jwt:bob", "b1@jwt:bob"), listed(bob.read()));
        manager.list(admin.connection());
        assertEquals(List.of("a1@jwt:alice", "a1@jwt:bob", "b1@jwt:bob"), listed(admin.read()));
    }

    @Test
    void withAuthenticationOffListRunsNamesNoOwner() throws Exception {
        command("{\"type\":\"start_run\",\"run_id\":\"x\",\"task\":\"block\"}");
        next();
        manager.list(connection);
        JsonObject summary = next().getJsonArray("runs").getJsonObject(0);
        assertEquals("x", summary.getString("run_id"));
        assertFalse(summary.containsKey("owner"), summary.toString());
    }

    private static List<String> listed(JsonObject runs) {
        assertEquals("runs", runs.getString("type"));
        return runs.getJsonArray("runs").stream().map(r -> r.asJsonObject().getString("run_id") + "@"
                + r.asJsonObject().getString("owner")).toList();
    }

    @Test
    void anAdminActsOnAnotherPrincipalsRunByNamingItsOwner() throws Exception {
        Principal alice = principal("jwt:alice");
        Principal admin = principal("jwt:root", Caller.ADMIN);
        manager.start(alice.connection(), new RunCommand.StartRun("owned", "block", null));
        assertEquals("run_started", alice.read().getString("event_type"));

        manager.cancel(admin.connection(), new RunCommand.CancelRun("owned", "by admin", null));
        assertEquals("unknown_run", admin.read().getString("code"), "without an owner, the admin's own namespace");
        manager.resume(admin.connection(), new RunCommand.Resume("owned", -1L, "jwt:alice"));
        assertEquals(0, admin.read().getInt("seq"), "an admin resumes anyone's run");
        manager.cancel(admin.connection(), new RunCommand.CancelRun("owned", "by admin", "jwt:alice"));
        assertEquals("run_cancelled", alice.read().getString("event_type"));
        assertEquals(Run.Status.CANCELLED, manager.statusOf("jwt:alice", "owned"), "an admin cancels anyone's run");
    }

    @Test
    void publishedEventsCarryTheirRunsOwner() throws Exception {
        List<String> owners = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch ended = new CountDownLatch(2);
        manager.publisher = new RunPublisher() {
            @Override
            void publish(String owner, RunEvent event) {
                owners.add(owner + " " + event.eventType());
                if (event.isTerminal()) {
                    ended.countDown();
                }
            }
        };
        manager.start(principal("jwt:alice").connection(),
                new RunCommand.StartRun("p", "demo", JsonSupport.readTree("{\"steps\":0}").asJsonObject()));
        command("{\"type\":\"start_run\",\"run_id\":\"p\",\"task\":\"demo\",\"input\":{\"steps\":0}}");
        assertTrue(ended.await(10, TimeUnit.SECONDS));
        assertEquals(Set.of("jwt:alice run_started", "jwt:alice run_completed", "null run_started", "null run_completed"),
                Set.copyOf(owners));
    }

    @Test
    void aChatRunTalksToTheAgentInItsOwnersConversation() throws Exception {
        List<Conversation> conversations = new java.util.concurrent.CopyOnWriteArrayList<>();
        Agent agent = new Agent() {
            @Override
            public String source() {
                return "agent:recording";
            }

            @Override
            public String reply(Conversation conversation, String message) {
                conversations.add(conversation);
                return "ok";
            }
        };
        ChatTask chat = new ChatTask();
        chat.choice = new AgentChoice() {
            @Override
            public Agent agent() {
                return agent;
            }
        };
        setTasks(chat);
        Principal alice = principal("jwt:alice");
        manager.start(alice.connection(), new RunCommand.StartRun("c", "chat",
                JsonSupport.readTree("{\"message\":\"hi\",\"session\":\"shared\"}").asJsonObject()));
        String event;
        do {
            event = alice.read().getString("event_type");
        } while (!event.equals("run_completed"));
        assertEquals(List.of(new Conversation("jwt:alice", "shared")), conversations);
    }

    private JsonObject resumeAndRead(RunsConnection connection, FakeSession at, String runId) throws InterruptedException {
        manager.resume(connection, new RunCommand.Resume(runId, -1L, null));
        return read(at);
    }

    private static JsonObject read(FakeSession at) throws InterruptedException {
        return JsonSupport.readTree(at.next()).asJsonObject();
    }

    @Test
    void finishedRunsLeaveTheirStartersSet() throws Exception {
        command("{\"type\":\"start_run\",\"run_id\":\"s\",\"task\":\"demo\",\"input\":{\"steps\":0}}");
        next();
        assertEquals("run_completed", next().getString("event_type"));
        assertTrue(connection.started().isEmpty());
    }

    private Run.Status runStatus(String runId) {
        return manager.statusOf(runId);
    }

    @Test
    void theServerWideCapCountsLiveRunsOnly() throws Exception {
        manager.maxLive = 1;
        command("{\"type\":\"start_run\",\"run_id\":\"a\",\"task\":\"block\"}");
        assertEquals("run_started", next().getString("event_type"));
        command("{\"type\":\"start_run\",\"run_id\":\"b\",\"task\":\"block\"}");
        assertEquals("too_many_runs", next().getString("code"));
        command("{\"type\":\"start_run\",\"run_id\":\"a\",\"task\":\"block\"}");
        assertEquals("too_many_runs", next().getString("code"), "the cap is checked before the id");
        command("{\"type\":\"cancel_run\",\"run_id\":\"a\"}");
        assertEquals("run_cancelled", next().getString("event_type"));
        command("{\"type\":\"start_run\",\"run_id\":\"b\",\"task\":\"block\"}");
        assertEquals("run_started", next().getString("event_type"), "a place is free again");
        assertEquals(1, manager.liveRunCount());
    }

    @Test
    void everyEventIsPublishedForTheBus() throws Exception {
        command("{\"type\":\"start_run\",\"run_id\":\"p\",\"task\":\"demo\",\"input\":{\"steps\":2,\"delay_ms\":0}}");
        for (int i = 0; i < 4; i++) {
            next();
        }
        awaitPublished("run_completed"); // published to other features after the watchers have it
        synchronized (published) {
            assertEquals(List.of("run_started", "step", "step", "run_completed"),
                    published.stream().map(RunEvent::eventType).toList());
        }
    }

    @Test
    void aFinishedRunLeavesTheSchedulerQueueAtOnce() throws Exception {
        Workers pools = containerWorkers();
        try {
            manager.workers = pools;
            manager.maxRunTimeMillis = 600_000;
            manager.retentionMillis = 60_000;
            manager.maxFinished = 1;
            manager.keepFinishedRuns();
            ScheduledThreadPoolExecutor timers = (ScheduledThreadPoolExecutor) pools.scheduler();
            command("{\"type\":\"start_run\",\"run_id\":\"q1\",\"task\":\"block\"}");
            assertEquals("run_started", next().getString("event_type"));
            assertEquals(List.of(true), dueAfterRetention(timers), "the run's timeout is armed");
            command("{\"type\":\"cancel_run\",\"run_id\":\"q1\"}");
            assertEquals("run_cancelled", next().getString("event_type"));
            assertEquals(List.of(false), dueAfterRetention(timers),
                    "only the retention timer is queued: the timeout left the queue with the run, not when it was due");
            command("{\"type\":\"start_run\",\"run_id\":\"q2\",\"task\":\"demo\",\"input\":{\"steps\":0}}");
            assertEquals("run_started", next().getString("event_type"));
            assertEquals("run_completed", next().getString("event_type"));
            assertNull(manager.statusOf("q1"), "one finished run is kept: q1 made room for q2");
            assertEquals(List.of(false), dueAfterRetention(timers), "q1's retention timer left the queue with it");
        } finally {
            pools.scheduler().shutdownNow();
            pools.executor().shutdownNow();
        }
    }

    /** For each queued timer: is it due later than the retention time (a run's timeout)? */
    private List<Boolean> dueAfterRetention(ScheduledThreadPoolExecutor timers) {
        return timers.getQueue().stream()
                .map(task -> ((Delayed) task).getDelay(TimeUnit.MILLISECONDS) > manager.retentionMillis).toList();
    }

    /** The application's pools as {@link Workers} makes them in the container, from a plain thread factory. */
    private static Workers containerWorkers() throws ReflectiveOperationException {
        ManagedThreadFactory threads = (ManagedThreadFactory) java.lang.reflect.Proxy.newProxyInstance(
                RunManagerTest.class.getClassLoader(), new Class<?>[]{ManagedThreadFactory.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("newThread") && args[0] instanceof Runnable task) {
                        Thread thread = new Thread(task);
                        thread.setDaemon(true);
                        return thread;
                    }
                    throw new UnsupportedOperationException(method.toString());
                });
        Workers workers = new Workers();
        set(workers, "threads", threads);
        set(workers, "maxThreads", 8);
        set(workers, "timerThreads", 1);
        var start = Workers.class.getDeclaredMethod("start");
        start.setAccessible(true);
        start.invoke(workers);
        return workers;
    }

    private static void set(Object target, String field, Object value) throws ReflectiveOperationException {
        var declared = target.getClass().getDeclaredField(field);
        declared.setAccessible(true);
        declared.set(target, value);
    }

    @Test
    void finishedRunsAreKeptWithinACountAndAByteBudgetOldestFirst() throws Exception {
        manager.maxFinished = 3;
        manager.maxFinishedBytes = 25_000;
        manager.keepFinishedRuns();
        String big = "{\"steps\":0,\"pad\":\"" + "x".repeat(10_000) + "\"}";
        finishDemo("small1", "{\"steps\":0}");
        finishDemo("small2", "{\"steps\":0}");
        finishDemo("big1", big);
        assertEquals(3, manager.finishedRunCount());
        finishDemo("big2", big);
        assertNull(manager.statusOf("small1"), "a fourth finished run frees the oldest");
        assertEquals(Run.Status.COMPLETED, manager.statusOf("small2"));
        finishDemo("big3", big);
        assertNull(manager.statusOf("small2"), "over the byte budget: the oldest go first");
        assertNull(manager.statusOf("big1"));
        assertEquals(Run.Status.COMPLETED, manager.statusOf("big2"));
        assertEquals(Run.Status.COMPLETED, manager.statusOf("big3"));
        assertEquals(2, manager.runCount());
        long bytes = manager.finishedRunBytes();
        assertTrue(bytes > 20_000 && bytes <= 25_000, "two runs of a 10,000-character input, kept as JSON text: " + bytes);
    }

    private void finishDemo(String runId, String input) throws InterruptedException {
        command("{\"type\":\"start_run\",\"run_id\":\"" + runId + "\",\"task\":\"demo\",\"input\":" + input + "}");
        assertEquals("run_started", next().getString("event_type"));
        assertEquals("run_completed", next().getString("event_type"));
    }

    @Test
    void aReplayLongerThanTheOutboxIsPacedOffTheCallersThreadAndGoesLiveWithoutGapOrRepeat() throws Exception {
        command("{\"type\":\"start_run\",\"run_id\":\"long\",\"task\":\"stream\",\"input\":{\"before\":300,\"after\":2000}}");
        for (int seq = 0; seq <= 300; seq++) {
            assertEquals(seq, next().getInt("seq"));
        }
        SlowClient slow = new SlowClient();
        RunsConnection resumer = new RunsConnection(new Outbox(slow.session(), 16, 10_000, executor));
        manager.resume(resumer, new RunCommand.Resume("long", -1L, null)); // returns although the client has read nothing
        assertFalse(slow.isClosed(), "301 events to replay, an outbox of 16: the replay waits for the client");
        streamGate.countDown(); // 2,000 more events while the client catches up
        assertEverySeqOnceInOrder(2301, readUntilEnd(slow), "replayed, then live");
        assertEquals(0, awaitActiveTasks(), "the run and its replay ended");
        assertFalse(slow.isClosed(), "never closed as a slow consumer: " + slow.closeReason());
        assertEquals(0, manager.replayCount());
    }

    @Test
    void aReplayThatFallsBehindHoldsTheRunBackRatherThanLoseItsPlace() throws Exception {
        manager.maxEvents = 8;
        command("{\"type\":\"start_run\",\"run_id\":\"held\",\"task\":\"stream\",\"input\":{\"before\":5,\"after\":500}}");
        for (int seq = 0; seq <= 5; seq++) {
            assertEquals(seq, next().getInt("seq"));
        }
        SlowClient slow = new SlowClient();
        manager.resume(new RunsConnection(new Outbox(slow.session(), 4, 10_000, executor)),
                new RunCommand.Resume("held", -1L, null));
        streamGate.countDown();
        while (next().getInt("seq") < 7) {
            // the starter sees the run fill its 8 kept events before the resumer has read one
        }
        assertEverySeqOnceInOrder(506, readUntilEnd(slow),
                "the run waited for the replay instead of dropping events it had yet to send");
        assertFalse(slow.isClosed());
    }

    private static final java.util.Set<String> TERMINAL = java.util.Set.of("run_completed", "run_failed", "run_cancelled");

    /** Asserts seqs 0 to {@code last}, each once, in order (with a short message if not). */
    private static void assertEverySeqOnceInOrder(long last, List<Long> seqs, String why) {
        for (int i = 0; i < seqs.size(); i++) {
            assertEquals(i, seqs.get(i), why + ": seq " + seqs.get(i) + " at position " + i);
        }
        assertEquals(last + 1, seqs.size(), why + ": every event up to the terminal one");
    }

    /** Reads run events until a terminal one; returns their seqs. */
    private static List<Long> readUntilEnd(SlowClient client) throws InterruptedException {
        List<Long> seqs = new ArrayList<>();
        while (true) {
            JsonObject message = JsonSupport.readTree(client.read()).asJsonObject();
            assertEquals("run_event", message.getString("type"), message.toString());
            seqs.add(message.getJsonNumber("seq").longValue());
            if (TERMINAL.contains(message.getString("event_type"))) {
                return seqs;
            }
        }
    }

    @Test
    void aRunCancelledBeforeItsTaskIsSubmittedDoesNotKeepAThread() throws Exception {
        RunsConnection other = new RunsConnection(new Outbox(session.session(), 10_000, 1000, Runnable::run));
        // Another connection cancels the run right after run_started, as its timeout is armed and before its task is submitted.
        beforeSchedule.set(() -> manager.cancel(other, new RunCommand.CancelRun("late", "raced", null)));
        command("{\"type\":\"start_run\",\"run_id\":\"late\",\"task\":\"block\"}");
        assertEquals("run_started", next().getString("event_type"));
        assertEquals("raced", next().getJsonObject("payload").getString("reason"));
        assertEquals(0, awaitActiveTasks(), "the task was cancelled as it was attached, not left blocking a thread");
    }

    @Test
    void aFailingObserverNeitherLeaksTheLiveRunNorStopsItsRelease() throws Exception {
        manager.maxLive = 1;
        manager.publisher = new RunPublisher() {
            @Override
            void publish(String owner, RunEvent event) {
                if (event.isTerminal()) {
                    throw new NoClassDefFoundError("a broken observer of another feature");
                }
            }
        };
        List<LogRecord> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        Handler recorder = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger runLog = Logger.getLogger(Run.class.getName());
        runLog.addHandler(recorder);
        try {
            for (String runId : List.of("o1", "o2", "o3")) {
                command("{\"type\":\"start_run\",\"run_id\":\"" + runId + "\",\"task\":\"block\"}");
                assertEquals("run_started", next().getString("event_type"), "the live-run cap of 1 is free again");
                command("{\"type\":\"cancel_run\",\"run_id\":\"" + runId + "\"}");
                assertEquals("run_cancelled", next().getString("event_type"));
            }
        } finally {
            runLog.removeHandler(recorder);
        }
        assertEquals(0, manager.liveRunCount());
        assertEquals(3, manager.finishedRunCount(), "each is kept for retention (and freed after it)");
        assertEquals(3, logged.stream().filter(r -> r.getLevel() == Level.SEVERE).count(), "each failure logged once");
    }

    /**
     * A finished run is kept (for resume and list_runs) as the text of its events, which is what the byte
     * budget counts: its parsed input, tens of bytes per number, is garbage once the run has ended, here
     * with the events also relayed onto the bus as the application does.
     */
    @Test
    void aFinishedRunHoldsItsInputOnlyAsTheTextOfItsEvents() throws Exception {
        TestBus bus = new TestBus(message -> { });
        manager.publisher = new RunPublisher() {
            @Override
            void publish(String owner, RunEvent event) {
                bus.relay(new PublishedRunEvent(owner, event));
            }
        };
        ComputeTask compute = new ComputeTask();
        compute.calls = TestCalls.service();
        setTasks(compute);
        int runs = 16;
        int ones = 30_700;
        List<WeakReference<JsonValue>> parsed = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            parsed.addAll(startSumOfOnes("big" + i, ones));
        }
        long eventChars = 0;
        for (int ended = 0; ended < runs; ) {
            String text = session.next();
            eventChars += text.length();
            JsonObject event = JsonSupport.readTree(text).asJsonObject();
            assertTrue(Set.of("run_started", "step", "run_completed").contains(event.getString("event_type")), text);
            if (event.getString("event_type").equals("run_completed")) {
                assertEquals(ones, event.getJsonObject("payload").getJsonArray("result").getInt(0));
                ended++;
            }
        }
        assertEquals(runs, manager.finishedRunCount(), "every finished run is kept for resume");
        assertTrue(manager.finishedRunBytes() >= eventChars + (long) runs * Run.RUN_OVERHEAD_BYTES,
                "the budget counts the kept events' text and each run's own keep");

        awaitCollected(parsed);

        command("{\"type\":\"resume\",\"run_id\":\"big0\"}");
        JsonObject started = next();
        assertEquals("run_started", started.getString("event_type"));
        assertEquals(ones, started.getJsonObject("payload").getJsonObject("input").getJsonArray("calls")
                .getJsonObject(0).getJsonArray("args").size(), "the input is still replayed, from its text");
    }

    /** Starts a compute run summing {@code ones} ones; weak references to its parsed input and one of its numbers. */
    private List<WeakReference<JsonValue>> startSumOfOnes(String runId, int ones) throws Exception {
        StringBuilder frame = new StringBuilder("{\"type\":\"start_run\",\"run_id\":\"" + runId
                + "\",\"task\":\"compute\",\"input\":{\"calls\":[{\"func\":\"sum\",\"args\":[1");
        frame.append(",1".repeat(ones - 1)).append("]}]}}");
        RunCommand.StartRun start = (RunCommand.StartRun) decoder.decode(frame.toString());
        JsonValue number = start.input().getJsonArray("calls").getJsonObject(0).getJsonArray("args").get(0);
        List<WeakReference<JsonValue>> parsed = List.of(new WeakReference<>(start.input()), new WeakReference<>(number));
        manager.start(connection, start);
        return parsed;
    }

    /** Collects garbage until no referent is left; fails if some are still reachable after 10 s. */
    private static void awaitCollected(List<? extends WeakReference<?>> references) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            long reachable = references.stream().filter(r -> r.get() != null).count();
            if (reachable == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(reachable + " of " + references.size() + " parsed values still reachable after 10 s");
            }
            System.gc();
        }
    }

    /** Waits until the manager publishes an event of this type. */
    private RunEvent awaitPublished(String eventType) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        synchronized (published) {
            while (System.currentTimeMillis() < deadline) {
                for (RunEvent event : published) {
                    if (event.eventType().equals(eventType)) {
                        return event;
                    }
                }
                published.wait(Math.max(1, deadline - System.currentTimeMillis()));
            }
        }
        throw new AssertionError("no " + eventType + " within 10 s");
    }

    /** Lets every submitted run task finish (the executor takes no new ones), then counts those still running. */
    private int awaitActiveTasks() throws InterruptedException {
        executor.shutdown();
        assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS), "the run tasks ended");
        return manager.activeTaskCount();
    }
    @Test
    void aRunNoWorkerCanTakeFailsBusyUnlessTheServerIsShuttingDown() throws Exception {
        java.util.concurrent.ThreadPoolExecutor full = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0,
                TimeUnit.SECONDS, new java.util.concurrent.SynchronousQueue<>());
        try {
            manager.workers = Workers.using(full, scheduler);
            command("{\"type\":\"start_run\",\"run_id\":\"first\",\"task\":\"block\"}");
            command("{\"type\":\"start_run\",\"run_id\":\"second\",\"task\":\"block\"}");
            JsonObject refused = awaitEnd("second");
            assertEquals("run_failed", refused.getString("event_type"));
            assertEquals("busy", refused.getJsonObject("payload").getString("code"));
            full.shutdown();
            command("{\"type\":\"start_run\",\"run_id\":\"third\",\"task\":\"block\"}");
            JsonObject shuttingDown = awaitEnd("third");
            assertEquals("run_cancelled", shuttingDown.getString("event_type"));
            assertEquals("server_shutdown", shuttingDown.getJsonObject("payload").getString("reason"));
        } finally {
            blocker.countDown();
            full.shutdownNow();
        }
    }

    /** The terminal event of this run, skipping everything else sent meanwhile. */
    private JsonObject awaitEnd(String runId) throws Exception {
        while (true) {
            JsonObject event = next();
            String type = event.getString("event_type", "");
            if (runId.equals(event.getString("run_id", "")) && (type.equals("run_completed")
                    || type.equals("run_failed") || type.equals("run_cancelled"))) {
                return event;
            }
        }
    }

    @Test
    void runsAreCountedByHowTheyEnd() throws Exception {
        manager.maxRunTimeMillis = 300;
        command("{\"type\":\"start_run\",\"run_id\":\"done\",\"task\":\"demo\",\"input\":{\"steps\":1,\"delay_ms\":0}}");
        command("{\"type\":\"start_run\",\"run_id\":\"slow\",\"task\":\"block\"}");
        command("{\"type\":\"start_run\",\"run_id\":\"stopped\",\"task\":\"block\"}");
        command("{\"type\":\"cancel_run\",\"run_id\":\"stopped\"}");
        List<String> ends = new ArrayList<>();
        while (ends.size() < 3) {
            JsonObject event = next();
            String type = event.getString("event_type");
            if (type.equals("run_completed") || type.equals("run_failed") || type.equals("run_cancelled")) {
                ends.add(event.getString("run_id") + " " + type);
            }
        }
        assertTrue(ends.contains("slow run_failed"), "the timeout is a failure on the wire: " + ends);
        assertEquals(1, manager.finishedCount(RunManager.RunOutcome.COMPLETED));
        assertEquals(1, manager.finishedCount(RunManager.RunOutcome.CANCELLED));
        assertEquals(1, manager.finishedCount(RunManager.RunOutcome.TIMED_OUT), "counted apart from other failures");
        assertEquals(0, manager.finishedCount(RunManager.RunOutcome.FAILED));
    }

    @Test
    void errorRepliesAreCountedByCode() throws Exception {
        long before = ErrorReplies.countOf(EndpointName.RUNS, "unknown_task");
        command("{\"type\":\"start_run\",\"run_id\":\"x\",\"task\":\"no-such-task\"}");
        assertEquals("unknown_task", next().getString("code"));
        assertEquals(before + 1, ErrorReplies.countOf(EndpointName.RUNS, "unknown_task"));
    }

    /** The events of a run read without a connection, each as the JSON object /runs sends. */
    private static List<JsonObject> events(RunPage page) {
        return page.events().stream().map(text -> JsonSupport.readTree(text).asJsonObject()).toList();
    }

    @Test
    void aRunStartedWithoutAConnectionIsReadByItsOwnerOnly() throws Exception {
        Caller alice = new Caller("jwt:alice", Set.of());
        Caller bob = new Caller("jwt:bob", Set.of(Caller.OPERATOR));
        Caller admin = new Caller("jwt:root", Set.of(Caller.ADMIN));
        JsonObject input = JsonSupport.readTree("{\"steps\":2,\"delay_ms\":0}").asJsonObject();
        assertNull(manager.startFor(alice, "m1", "demo", input));
        awaitPublished("run_completed");

        RunPage all = manager.eventsAfter(alice, "m1", null, -1, 100);
        assertNull(all.refusal());
        assertEquals("completed", all.status());
        assertEquals(List.of("run_started", "step", "step", "run_completed"),
                events(all).stream().map(e -> e.getString("event_type")).toList());
        assertEquals(List.of(0, 1, 2, 3), events(all).stream().map(e -> e.getInt("seq")).toList());
        assertFalse(all.more());
        assertEquals(List.of(2, 3), events(manager.eventsAfter(alice, "m1", null, 1, 100)).stream().map(e -> e.getInt("seq")).toList());
        RunPage firstTwo = manager.eventsAfter(alice, "m1", null, -1, 2);
        assertEquals(2, firstTwo.events().size());
        assertTrue(firstTwo.more(), "more kept events follow");
        assertEquals(List.of(), manager.eventsAfter(alice, "m1", null, 3, 100).events(), "nothing after the end");

        assertEquals("unknown_run", manager.eventsAfter(bob, "m1", null, -1, 100).refusal().code(), "another's run");
        assertEquals("unknown_run", manager.eventsAfter(bob, "m1", "jwt:alice", -1, 100).refusal().code());
        assertEquals(4, manager.eventsAfter(admin, "m1", "jwt:alice", -1, 100).events().size(), "an admin names the owner");
        assertNull(session.poll(), "no connection got anything");

        assertEquals("duplicate_run_id", manager.startFor(alice, "m1", "demo", input).code());
        assertNull(manager.startFor(bob, "m1", "demo", input), "bob's own m1");
        assertEquals("invalid_request", manager.startFor(alice, "bad id!", "demo", input).code());
        assertEquals("unknown_task", manager.startFor(alice, "m2", "nosuch", input).code());
        assertEquals("invalid_request", manager.startFor(alice, "m2", "demo",
                JsonSupport.readTree("{\"steps\":-1}").asJsonObject()).code());
    }

    @Test
    void aRunStartedWithoutAConnectionIsCancelledByItsOwnerAndCountsAgainstItsCap() throws Exception {
        manager.maxPerConnection = 1;
        Caller alice = new Caller("api-key:1", Set.of(Caller.OPERATOR));
        Caller bob = new Caller("api-key:2", Set.of(Caller.OPERATOR));
        assertNull(manager.startFor(alice, "b1", "block", null));
        assertEquals("too_many_runs", manager.startFor(alice, "b2", "block", null).code(),
                "a principal's detached runs count as one connection's");
        assertNull(manager.startFor(bob, "b2", "block", null));

        assertEquals("unknown_run", manager.cancelFor(bob, "b1", null, null).code());
        assertNull(manager.cancelFor(alice, "b1", null, "enough"));
        RunPage cancelled = manager.eventsAfter(alice, "b1", null, 0, 100);
        assertEquals("cancelled", cancelled.status());
        JsonObject end = events(cancelled).get(0);
        assertEquals("run_cancelled", end.getString("event_type"));
        assertEquals("enough", end.getJsonObject("payload").getString("reason"));
        assertEquals("already_finished", manager.cancelFor(alice, "b1", null, null).code());
        assertNull(manager.startFor(alice, "b3", "block", null), "its place is free again");
        assertEquals("unknown_run", manager.cancelFor(null, "b3", null, null).code(), "authentication off is another namespace");
    }
}
