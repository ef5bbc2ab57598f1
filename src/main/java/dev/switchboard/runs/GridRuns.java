package dev.switchboard.runs;

import dev.switchboard.cluster.Cluster;
import dev.switchboard.cluster.Grid;
import dev.switchboard.cluster.SharedLog;
import dev.switchboard.concurrent.Workers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;

import static dev.switchboard.runs.RunMessage.error;

/**
 * The runs of a cluster: each run executes on the instance that started it, which mirrors its events
 * to the grid ({@link GridRunMirror}) and keeps its entry in the {@link RunDirectory}; any instance
 * resumes it from its log ({@link RemoteReplay}), lists it from the directory and has it cancelled by
 * its instance ({@link RunOrders}); the coordinator ends the runs of lost members ({@link LostRuns}).
 */
final class GridRuns implements RunSharing {
    private final Cluster cluster;
    private final Grid grid;
    private final Workers workers;
    private final RunDirectory directory;
    private final Replays replays;
    private final RemoteWatchers watchers = new RemoteWatchers();
    private final RunOrders orders;
    /** What each connection of this instance follows of other instances' runs. */
    private final Map<RunsConnection, Map<RunKey, RemoteReplay>> follows = new ConcurrentHashMap<>();

    GridRuns(Cluster cluster, Workers workers, int logCapacity, long retentionMillis, long cancelTimeoutMillis,
             Replays replays, RunsHere here) {
        this.cluster = cluster;
        this.grid = cluster.grid();
        this.workers = workers;
        this.directory = new RunDirectory(grid, logCapacity, retentionMillis);
        this.replays = replays;
        this.orders = new RunOrders(grid, here, watchers, workers.scheduler(), cancelTimeoutMillis);
        LostRuns lost = new LostRuns(grid, directory, workers.scheduler(), here.mirror());
        grid.onMemberLeft(member -> {
            watchers.forgetMember(member).forEach(here.remoteWatchEnded());
            lost.memberLeft(member);
        });
    }

    @Override
    public RunMirror claim(RunKey key, String task) {
        RunEntry entry = RunEntry.started(key, task, grid.memberId());
        return directory.claim(entry) ? new GridRunMirror(entry, directory, cluster, workers.executor()) : null;
    }

    /** The entry of a run another member keeps; null for none (an entry of this member's is stale). */
    private RunEntry elsewhere(RunKey key) {
        RunEntry entry = directory.get(key);
        return entry == null || entry.member().equals(grid.memberId()) ? null : entry;
    }

    @Override
    public boolean resume(RunsConnection connection, RunKey key, long afterSeq) {
        RunEntry entry = elsewhere(key);
        if (entry == null) {
            return false;
        }
        RunMessage.RunError overCap = replays.reserve(key.runId());
        if (overCap != null) {
            connection.send(overCap);
            return true;
        }
        boolean watch = entry.live();
        Map<RunKey, RemoteReplay> following = follows.computeIfAbsent(connection, c -> new ConcurrentHashMap<>());
        RemoteReplay replay = new RemoteReplay(connection, key.runId(), directory.log(key), replays::release, over -> {
            following.remove(key, over);
            if (watch) {
                orders.unwatch(entry.member(), key);
            }
        });
        if (watch) {
            orders.watch(entry.member(), key);
        }
        RemoteReplay earlier = following.put(key, replay);
        if (earlier != null) {
            earlier.stop();
        }
        try {
            workers.executor().execute(() -> replay.start(afterSeq)); // a replay never runs on the I/O thread
        } catch (RejectedExecutionException e) {
            replay.stop();
            connection.send(error(key.runId(), "too_many_runs", "No worker is free to replay run '" + key.runId()
                    + "'; resume again later"));
        }
        return true;
    }

    @Override
    public boolean cancel(RunKey key, String reason, Consumer<RunMessage.RunError> answer) {
        RunEntry entry = elsewhere(key);
        if (entry == null) {
            return false;
        }
        if (!entry.live()) {
            answer.accept(alreadyFinished(entry));
            return true;
        }
        orders.cancel(entry.member(), key, reason).thenAccept(reply -> {
            if (reply == RunOrders.NO_ANSWER) {
                RunEntry now = directory.get(key);
                answer.accept(now != null && !now.live() ? alreadyFinished(now) : null);
            } else {
                answer.accept(reply.code() == null ? null : error(key.runId(), reply.code(), reply.message()));
            }
        });
        return true;
    }

    private static RunMessage.RunError alreadyFinished(RunEntry entry) {
        return error(entry.runId(), "already_finished", "Run '" + entry.runId() + "' has already " + entry.status());
    }

    @Override
    public RunPage eventsAfter(RunKey key, long afterSeq, int max) {
        RunEntry entry = elsewhere(key);
        if (entry == null) {
            return null;
        }
        SharedLog log = directory.log(key);
        long head = log.head();
        long tail = log.tail();
        long from = Math.max(afterSeq + 1, head);
        List<String> events = List.of();
        if (from <= tail && max > 0) {
            SharedLog.Batch batch = read(log, from, max);
            events = batch.items();
            from = batch.next();
        }
        return new RunPage(entry.status(), events, head, from <= tail, null);
    }

    private static SharedLog.Batch read(SharedLog log, long from, int max) {
        try {
            return log.read(from, max).toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read the run's events from the grid", e);
        }
    }

    @Override
    public List<RunMessage.RunSummary> elsewhere(Predicate<String> ownerShown) {
        List<RunMessage.RunSummary> shown = new ArrayList<>();
        for (RunEntry entry : directory.entries()) {
            if (entry != null && !entry.member().equals(grid.memberId()) && ownerShown.test(entry.owner())) {
                long lastSeq = entry.lastSeq() != null ? entry.lastSeq() : directory.log(entry.key()).tail();
                shown.add(new RunMessage.RunSummary(entry.runId(), entry.task(), entry.status(),
                        lastSeq, entry.owner()));
            }
        }
        return shown;
    }

    @Override
    public boolean watchedElsewhere(RunKey key) {
        return watchers.watched(key);
    }

    @Override
    public void disconnected(RunsConnection connection) {
        Map<RunKey, RemoteReplay> following = follows.remove(connection);
        if (following != null) {
            List.copyOf(following.values()).forEach(RemoteReplay::stop);
        }
    }
}
