package dev.switchboard.runs;

import dev.switchboard.cluster.Cluster;
import dev.switchboard.concurrent.Workers;
import dev.switchboard.lifecycle.ShuttingDown;
import dev.switchboard.security.Caller;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static dev.switchboard.runs.RunMessage.error;
import static dev.switchboard.runs.RunMessage.payload;

/**
 * Every run on this server, live or retained: starts them on the workers (managed threads), cancels them,
 * replays them to resuming connections, and frees them. Runs outlive their connection for a grace
 * period, and finished runs stay resumable for a retention window. The caps at start are
 * {@link RunAdmission}'s, the task's execution {@link TaskExecution}'s, the timers {@link RunTimers}',
 * the replays {@link Replays}' and the outcome counts {@link RunOutcomes}'. With clustering on, the runs of
 * other instances are reached through {@link GridRuns}; off, {@link RunSharing#NOTHING} shares nothing.
 */
@ApplicationScoped
public class RunManager {
    public static final String DISCONNECTED = "disconnected";
    public static final String SERVER_SHUTDOWN = "server_shutdown";
    /** The code of a run that failed because no worker was free to run it. */
    static final String BUSY = "busy";

    @Inject
    Workers workers;

    @Inject
    @Any
    Instance<RunTask> taskBeans;

    @Inject
    @ConfigProperty(name = "switchboard.runs.max-per-connection", defaultValue = "16")
    int maxPerConnection;

    /** Across all connections, so that runs cannot take every executor thread from calls and agents. */
    @Inject
    @ConfigProperty(name = "switchboard.runs.max-live", defaultValue = "256")
    int maxLive;

    @Inject
    @ConfigProperty(name = "switchboard.runs.max-run-time-ms", defaultValue = "600000")
    long maxRunTimeMillis;

    @Inject
    @ConfigProperty(name = "switchboard.runs.max-events", defaultValue = "10000")
    int maxEvents;

    @Inject
    @ConfigProperty(name = "switchboard.runs.disconnect-grace-ms", defaultValue = "30000")
    long graceMillis;

    @Inject
    @ConfigProperty(name = "switchboard.runs.retention-ms", defaultValue = "60000")
    long retentionMillis;

    @Inject
    @ConfigProperty(name = "switchboard.runs.max-finished", defaultValue = "1000")
    int maxFinished;

    @Inject
    @ConfigProperty(name = "switchboard.runs.max-finished-bytes", defaultValue = "67108864")
    long maxFinishedBytes;

    /** Replays in progress hold a worker thread each (while their client reads), so they are capped too. */
    @Inject
    @ConfigProperty(name = "switchboard.runs.max-replays", defaultValue = "64")
    int maxReplays;

    /** How long a cancel of another instance's run waits for that instance's answer. */
    @Inject
    @ConfigProperty(name = "switchboard.runs.cluster.cancel-timeout-ms", defaultValue = "5000")
    long cancelTimeoutMillis;

    @Inject
    RunPublisher publisher;

    @Inject
    Cluster cluster;

    private Map<String, RunTask> tasks;
    /** Live and retained runs, each under its owner's namespace. */
    private final Map<RunKey, Run> runs = new ConcurrentHashMap<>();
    private FinishedRuns finished;
    private final RunAdmission admission = new RunAdmission(() -> maxPerConnection, () -> maxLive);
    private final TaskExecution execution = new TaskExecution(this::end);
    private RunSharing sharing = RunSharing.NOTHING;
    private final RunTimers timers = new RunTimers(() -> workers, () -> maxRunTimeMillis, () -> graceMillis, this::end,
            run -> sharing.watchedElsewhere(run.key()));
    private final Replays replays = new Replays(() -> workers, () -> maxReplays, timers);
    private final RunOutcomes outcomes = new RunOutcomes();
    private final DetachedStarters detached = new DetachedStarters();

    /** How runs end, as the metrics count them: a run that took too long is {@code failed} on the wire, with code {@code timeout}. */
    public enum RunOutcome {
        COMPLETED, FAILED, CANCELLED, TIMED_OUT;

        /** The value of the {@code outcome} tag. */
        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static RunOutcome of(Run.Status status, Map<String, Object> payload) {
            return switch (status) {
                case COMPLETED -> COMPLETED;
                case CANCELLED -> CANCELLED;
                default -> RunTimers.TIMEOUT.equals(payload.get("code")) ? TIMED_OUT : FAILED;
            };
        }
    }

    @PostConstruct
    void init() {
        Map<String, RunTask> byName = new TreeMap<>();
        taskBeans.forEach(task -> byName.put(task.name(), task));
        tasks = Map.copyOf(byName);
        keepFinishedRuns();
        if (cluster.enabled()) {
            share(cluster);
        }
    }

    /** Shares the runs with the other instances of the cluster. */
    void share(Cluster cluster) {
        sharing = new GridRuns(cluster, workers, maxEvents + 1, retentionMillis, cancelTimeoutMillis, replays,
                new RunsHere((key, reason) -> stop(runs.get(key), key.runId(), reason), key -> {
                    Run run = runs.get(key);
                    if (run != null) {
                        timers.startGraceIfOrphaned(run);
                    }
                }, publisher::publish));
    }

    /** (Re)reads the budget of finished runs. */
    void keepFinishedRuns() {
        finished = new FinishedRuns(maxFinished, maxFinishedBytes, retentionMillis, workers.scheduler(),
                run -> {
                    runs.remove(run.key(), run);
                    run.mirror().free();
                });
    }

    void start(RunsConnection connection, RunCommand.StartRun command) {
        RunMessage.RunError refused = begin(connection, command);
        if (refused != null) {
            connection.send(refused);
        }
    }

    /** Starts the run; or, if it cannot start, the error that says why. */
    private RunMessage.RunError begin(RunsConnection connection, RunCommand.StartRun command) {
        String runId = command.runId();
        String taskName = command.task() == null ? "demo" : command.task();
        JsonObject input = command.input() == null ? JsonValue.EMPTY_JSON_OBJECT : command.input();
        RunTask task = tasks.get(taskName);
        if (task == null) {
            return error(runId, "unknown_task", "Unknown task '" + taskName + "' (tasks: "
                    + String.join(", ", tasks.keySet()) + ")");
        }
        RunTask.RunJob job;
        try {
            job = task.prepare(input);
        } catch (RunTask.InvalidRunInput e) {
            return error(runId, "invalid_request", e.getMessage());
        }
        RunMessage.RunError overCap = admission.admit(connection, runId);
        if (overCap != null) {
            return overCap;
        }
        RunKey key = new RunKey(connection.principal(), runId);
        RunMirror mirror = sharing.claim(key, taskName);
        if (mirror == null) {
            admission.release();
            return duplicate(runId);
        }
        Run run = new Run(key, taskName, maxEvents, publisher, mirror, connection);
        // Under the run's lock until run_started is written, so that nothing (a cancel from another
        // connection) can come before it.
        boolean duplicate;
        synchronized (run) {
            duplicate = runs.putIfAbsent(run.key(), run) != null;
            if (!duplicate) {
                connection.started().add(run);
                run.begin(connection, payload("task", taskName, "input", input));
            }
        }
        if (duplicate) {
            admission.release();
            return duplicate(runId);
        }
        run.deliver();
        try {
            timers.armTimeout(run);
            run.attachWork(workers.executor().submit(() -> execution.execute(run, job)));
        } catch (RejectedExecutionException e) {
            refused(run);
        }
        return null;
    }

    private static RunMessage.RunError duplicate(String runId) {
        return error(runId, "duplicate_run_id", "A run with id '" + runId + "' exists already");
    }

    /**
     * No worker took the run's task: the server is shutting down (the run is cancelled as every live run
     * is then), or every worker is busy (the run fails with {@code busy}, so its client knows to try again).
     */
    private void refused(Run run) {
        if (workers.executor().isShutdown()) {
            end(run, Run.Status.CANCELLED, RunEvent.CANCELLED, payload("reason", SERVER_SHUTDOWN));
        } else {
            end(run, Run.Status.FAILED, RunEvent.FAILED, payload("error",
                    "No worker is free for this run (the server is busy); try again later", "code", BUSY));
        }
    }

    /**
     * Writes the terminal event (if the run had not ended) and keeps the finished run for retention.
     * The books are kept before the event is sent and published, so that neither a failure there nor
     * a client that starts its next run the moment it sees this one end finds the run still counted.
     */
    private boolean end(Run run, Run.Status status, String eventType, Map<String, Object> payload) {
        if (!run.finish(status, eventType, payload)) {
            return false;
        }
        try {
            admission.release();
            outcomes.count(status, payload);
            finished.add(run);
        } finally {
            run.deliver();
        }
        return true;
    }

    void cancel(RunsConnection connection, RunCommand.CancelRun command) {
        RunKey key = connection.runNamed(command.runId(), command.owner());
        Run run = key == null ? null : runs.get(key);
        String reason = reason(command.reason());
        if (run == null && key != null && sharing.cancel(key, reason, refused -> {
            if (refused != null) {
                connection.send(refused);
            }
        })) {
            return;
        }
        RunMessage.RunError refused = stop(run, command.runId(), reason);
        if (refused != null) {
            connection.send(RunMessage.counted(refused));
        }
    }

    private static String reason(String asked) {
        return asked == null || asked.isBlank() ? "cancelled" : asked;
    }

    /**
     * Cancels the run (null if none is named); or, if there is none to cancel, the error that says why, not
     * yet counted (a cancel ordered by another instance is answered there).
     */
    private RunMessage.RunError stop(Run run, String runId, String reason) {
        if (run == null) {
            return new RunMessage.RunError(runId, "unknown_run", "No run with id '" + runId + "'");
        }
        if (!end(run, Run.Status.CANCELLED, RunEvent.CANCELLED, payload("reason", reason))) {
            return new RunMessage.RunError(run.id(), "already_finished", "Run '" + run.id() + "' has already "
                    + run.status().name().toLowerCase(java.util.Locale.ROOT));
        }
        return null;
    }

    void resume(RunsConnection connection, RunCommand.Resume command) {
        RunKey key = connection.runNamed(command.runId(), command.owner());
        Run run = key == null ? null : runs.get(key);
        if (run == null && key != null && sharing.resume(connection, key, command.afterSeq())) {
            return;
        }
        if (run == null) {
            connection.send(error(command.runId(), "unknown_run", "No run with id '" + command.runId()
                    + "' (finished runs are kept for " + retentionMillis + " ms)"));
            return;
        }
        replays.start(connection, run, command.afterSeq());
    }

    /**
     * Starts a run for {@code caller} (null with authentication off) without a connection (MCP): by the
     * same rules as {@code start_run}, the principal's runs started this way counting as one connection's
     * ({@code max-per-connection}). Nobody watches it: it runs until it ends or times out, and its events
     * are read with {@link #eventsAfter}. Null when it started, else the error that says why not.
     */
    public RunMessage.RunError startFor(Caller caller, String runId, String task, JsonObject input) {
        if (runId == null || !RunsDecoder.RUN_ID.matcher(runId).matches()) {
            return error(runId, "invalid_request", "run_id must be 1 to 64 characters of A-Z a-z 0-9 _ . : -");
        }
        return begin(detached.of(caller), new RunCommand.StartRun(runId, task, input));
    }

    /**
     * The kept events of a run after {@code afterSeq} (at most {@code max}) and its status, as
     * {@code resume} would replay them; or the error: an unknown run, also for another principal's run
     * (role admin names it with {@code owner}).
     */
    public RunPage eventsAfter(Caller caller, String runId, String owner, long afterSeq, int max) {
        RunKey key = detached.of(caller).runNamed(runId, owner);
        Run run = key == null ? null : runs.get(key);
        RunPage elsewhere = run == null && key != null ? sharing.eventsAfter(key, afterSeq, max) : null;
        if (elsewhere != null) {
            return elsewhere;
        }
        if (run == null) {
            return RunPage.refused(error(runId, "unknown_run", "No run with id '" + runId
                    + "' (finished runs are kept for " + retentionMillis + " ms)"));
        }
        return run.eventsAfter(afterSeq, max);
    }

    /** Cancels a run of {@code caller} as {@code cancel_run} does: null when it did, else the error. */
    public RunMessage.RunError cancelFor(Caller caller, String runId, String owner, String reason) {
        RunKey key = detached.of(caller).runNamed(runId, owner);
        Run run = key == null ? null : runs.get(key);
        CompletableFuture<RunMessage.RunError> answer = new CompletableFuture<>();
        if (run == null && key != null && sharing.cancel(key, reason(reason), answer::complete)) {
            return answer.join(); // bounded: the sharing answers within its cancel timeout
        }
        return RunMessage.counted(stop(run, runId, reason(reason)));
    }

    /** The names of the tasks a run may have. */
    public java.util.Set<String> taskNames() {
        return tasks.keySet();
    }

    /** The connection's principal's runs, in the whole cluster; every run for role admin. */
    void list(RunsConnection connection) {
        boolean everyRun = connection.listsEveryRun();
        String principal = connection.principal();
        Predicate<String> shown = owner -> everyRun || Objects.equals(owner, principal);
        connection.send(new RunMessage.RunList(Stream.concat(runs.values().stream()
                        .filter(run -> shown.test(run.key().owner()))
                        .map(Run::summary), sharing.elsewhere(shown).stream())
                .sorted(Comparator.comparing(RunMessage.RunSummary::runId)
                        .thenComparing(RunMessage.RunSummary::owner, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList()));
    }

    /** The connection closed: its runs go on unwatched for the grace period, then are cancelled. */
    void disconnected(RunsConnection connection) {
        for (Run run : List.copyOf(connection.watching())) {
            if (run.unwatch(connection)) {
                timers.startGrace(run);
            }
        }
        connection.watching().clear();
        connection.started().clear();
        sharing.disconnected(connection);
    }

    /**
     * Undeploy or shutdown: every live run ends with {@code run_cancelled} reason {@code server_shutdown},
     * before {@link dev.switchboard.websocket.Outboxes} closes the sessions with 1001.
     */
    void onShutdown(@Observes @Priority(100) ShuttingDown event) {
        shutdown();
    }

    void shutdown() {
        runs.values().forEach(run -> end(run, Run.Status.CANCELLED, RunEvent.CANCELLED,
                payload("reason", SERVER_SHUTDOWN)));
    }

    /** The status of a kept run of the shared namespace (authentication off), or null. */
    Run.Status statusOf(String runId) {
        return statusOf(null, runId);
    }

    /** The status of a kept run of {@code owner}, or null. */
    Run.Status statusOf(String owner, String runId) {
        Run run = runs.get(new RunKey(owner, runId));
        return run == null ? null : run.status();
    }

    /** Runs kept (live and retained). */
    public int runCount() {
        return runs.size();
    }

    public long liveRunCount() {
        return admission.live();
    }

    /** Runs that ended this way since start. */
    public long finishedCount(RunOutcome outcome) {
        return outcomes.count(outcome);
    }

    /** Run tasks executing on the executor right now. */
    public int activeTaskCount() {
        return execution.active();
    }

    /** Finished runs kept for resume. */
    public int finishedRunCount() {
        return finished.count();
    }

    /** Roughly the heap the finished runs take (their kept events, and about 1 KB each besides). */
    public long finishedRunBytes() {
        return finished.bytes();
    }

    /** Replays in progress. */
    public int replayCount() {
        return replays.count();
    }
}
