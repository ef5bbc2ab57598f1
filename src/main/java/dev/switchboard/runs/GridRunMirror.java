package dev.switchboard.runs;

import dev.switchboard.cluster.Cluster;
import dev.switchboard.cluster.SharedLog;
import dev.switchboard.concurrent.HandOff;

import java.util.concurrent.Executor;

/**
 * A run of this instance, copied onto the grid: each event's JSON text appended to the run's log in
 * {@code seq} order, the terminal one also marking its directory entry finished. The grid calls go in
 * order on a worker, never under the run's lock and never on the thread that produced the event.
 */
final class GridRunMirror implements RunMirror {
    private final RunEntry entry;
    private final RunDirectory directory;
    private final Cluster cluster;
    private final Executor executor;
    private final HandOff<Runnable> lane = new HandOff<>(Runnable::run);
    /** Only touched on the lane. */
    private SharedLog log;

    GridRunMirror(RunEntry entry, RunDirectory directory, Cluster cluster, Executor executor) {
        this.entry = entry;
        this.directory = directory;
        this.cluster = cluster;
        this.executor = executor;
        lane.add(this::openLog);
    }

    /**
     * A log left by an earlier run of this key, whose freeing never came (its instance and the
     * coordinator lost), would shift every {@code seq}: it is destroyed first.
     */
    private void openLog() {
        log = directory.log(entry.key());
        if (log.tail() >= 0) {
            log.destroy();
            log = directory.log(entry.key());
        }
    }

    @Override
    public void add(RunEvent event, String text) {
        lane.add(() -> append(event, text));
    }

    private void append(RunEvent event, String text) {
        long start = System.nanoTime();
        log.append(text);
        cluster.recordPublish(System.nanoTime() - start);
        if (event.isTerminal()) {
            directory.finished(entry.finished(RunEntry.endedBy(event.eventType()), event.seq()));
        }
    }

    @Override
    public void flush() {
        lane.drainLater(executor);
    }

    @Override
    public void free() {
        lane.add(() -> directory.free(entry.key()));
        flush();
    }
}
