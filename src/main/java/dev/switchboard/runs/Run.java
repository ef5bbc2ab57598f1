package dev.switchboard.runs;

import dev.switchboard.concurrent.HandOff;
import dev.switchboard.websocket.JsonSupport;
import dev.switchboard.websocket.Outbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One run's state: its events (the last {@code maxEvents} and the terminal one kept for replay, as JSON text), its status,
 * and the connections watching it. Every event is appended, and queued in its live watchers' outboxes,
 * under the run's lock, so watchers see {@code seq} in order with no gap, and exactly one terminal
 * event ends it. Connections that resume catch up through their {@link Replay} first. The sending,
 * the publishing to other features and the copy for other instances (in {@code seq} order), happen
 * after the lock is left.
 */
final class Run {
    private static final Logger LOG = Logger.getLogger(Run.class.getName());
    /**
     * What a kept run costs beyond its events: this object, its empty collections and log, and its entries
     * in the manager and the finished runs with the retention timer (about 1 KB, measured).
     */
    static final int RUN_OVERHEAD_BYTES = 1024;

    enum Status { RUNNING, COMPLETED, FAILED, CANCELLED }

    /** What one step of a replay did. */
    enum ReplayStep { SENT, CAUGHT_UP, LOST, STOPPED }

    private final RunKey key;
    private final String id;
    private final String task;
    private final HandOff<RunEvent> published;
    private final RunMirror mirror;
    /** Outboxes given events under the lock, to flush after it. */
    private final Set<Outbox> toFlush = new LinkedHashSet<>();
    private final EventLog log;
    /** Connections given each new event as it is appended. */
    private final Set<RunsConnection> watchers = new LinkedHashSet<>();
    /** Connections still catching up; their replay sends them the new events too. */
    private final Map<RunsConnection, Replay> replays = new HashMap<>();
    /** Tasks waiting in {@link #awaitReplays}; only they need waking as replays move on. */
    private int producersWaiting;
    private Status status = Status.RUNNING;
    /** The connection that started the run, while it is live. */
    private RunsConnection starter;
    private Future<?> work;
    /** Armed while nobody watches the live run; a new watcher disarms it. */
    private Future<?> grace;
    private final List<Future<?>> timers = new ArrayList<>();

    /** {@code published} and {@code mirror} get every event in {@code seq} order, {@code published} with the run's owner. */
    Run(RunKey key, String task, int maxEvents, RunPublisher published, RunMirror mirror, RunsConnection starter) {
        this.key = key;
        this.mirror = mirror;
        this.id = key.runId();
        this.task = task;
        this.log = new EventLog(maxEvents);
        this.published = new HandOff<>(event -> published.publish(key.owner(), event));
        this.starter = starter;
    }

    /** The run's id in its owner's namespace. */
    RunKey key() {
        return key;
    }

    /** Where the run's events are copied for other instances. */
    RunMirror mirror() {
        return mirror;
    }

    /** Arms the disconnect grace timer (replacing an earlier one). */
    synchronized void startGrace(Future<?> timer) {
        stopGrace();
        if (status == Status.RUNNING) {
            grace = timer;
        } else {
            timer.cancel(false);
        }
    }

    private void stopGrace() {
        if (grace != null) {
            grace.cancel(false);
            grace = null;
        }
    }

    String id() {
        return id;
    }

    String task() {
        return task;
    }

    synchronized Status status() {
        return status;
    }

    synchronized RunMessage.RunSummary summary() {
        return new RunMessage.RunSummary(id, task, status.name().toLowerCase(Locale.ROOT), log.nextSeq() - 1, key.owner());
    }

    /**
     * Makes the starting connection a watcher and writes {@code run_started}. The caller holds the
     * run's lock from before the run is visible to others until this is done, so nothing can come
     * before it, and calls {@link #deliver()} after leaving the lock.
     */
    synchronized void begin(RunsConnection connection, Map<String, Object> payload) {
        stopGrace();
        if (!connection.isDetached()) {
            watchers.add(connection);
            connection.watching().add(this);
        }
        append(RunEvent.STARTED, payload);
    }

    /** The kept events after {@code afterSeq}, at most {@code max}, read without watching the run. */
    synchronized RunPage eventsAfter(long afterSeq, int max) {
        List<String> events = new ArrayList<>();
        long seq = Math.max(afterSeq + 1, log.firstSeq());
        for (; seq < log.nextSeq() && events.size() < max; seq++) {
            events.add(log.get(seq));
        }
        return new RunPage(status.name().toLowerCase(Locale.ROOT), events, log.firstSeq(), seq < log.nextSeq(), null);
    }

    /** Appends a non-terminal event; false once the run has ended. */
    boolean emit(String eventType, Map<String, Object> payload) {
        synchronized (this) {
            if (status != Status.RUNNING) {
                return false;
            }
            append(eventType, payload);
        }
        deliver();
        return true;
    }

    /**
     * Appends the terminal event and stops the run's task and timers; false (and nothing appended) if
     * the run had already ended. The caller then calls {@link #deliver()}.
     */
    boolean finish(Status end, String eventType, Map<String, Object> payload) {
        Future<?> running;
        synchronized (this) {
            if (status != Status.RUNNING) {
                return false;
            }
            status = end;
            starter.started().remove(this);
            starter = null;
            append(eventType, payload);
            log.trim();
            running = work;
            work = null;
            timers.forEach(t -> t.cancel(false));
            timers.clear();
            stopGrace();
            notifyAll(); // a task waiting for a replay: it ends now
        }
        if (running != null && end != Status.COMPLETED) {
            running.cancel(true);
        }
        return true;
    }

    synchronized void attachWork(Future<?> future) {
        if (status == Status.RUNNING) {
            work = future;
        } else if (status != Status.COMPLETED) {
            future.cancel(true); // cancelled or timed out before its task was even attached
        }
    }

    synchronized void addTimer(Future<?> timer) {
        if (status == Status.RUNNING) {
            timers.add(timer);
        } else {
            timer.cancel(false);
        }
    }

    /**
     * Makes the connection a watcher that first catches up from the kept events after {@code afterSeq}:
     * the caller runs the returned replay on a worker. A replay the connection had of this run stops
     * (this one takes its place). Null if events it asked for are no longer kept.
     */
    synchronized Replay resume(RunsConnection connection, long afterSeq) {
        if (afterSeq + 1 < log.firstSeq()) {
            return null;
        }
        stopGrace();
        watchers.remove(connection);
        Replay replay = new Replay(this, connection, afterSeq + 1);
        replays.put(connection, replay);
        connection.watching().add(this);
        return replay;
    }

    /**
     * One step of a replay: queues the next kept event in its outbox (the caller flushes it), or, once
     * it has caught up, makes its connection a live watcher (if the run is still going).
     */
    synchronized ReplayStep replayNext(Replay replay) {
        RunsConnection connection = replay.connection();
        if (replays.get(connection) != replay) {
            return ReplayStep.STOPPED; // its connection left, or resumed again
        }
        if (replay.next < log.firstSeq()) {
            endReplay(replay);
            return ReplayStep.LOST;
        }
        String event = log.get(replay.next);
        if (event == null) {
            replays.remove(connection);
            if (status == Status.RUNNING) {
                watchers.add(connection);
            } else {
                connection.watching().remove(this);
            }
            wakeProducers();
            return ReplayStep.CAUGHT_UP;
        }
        if (!connection.outbox().enqueue(event)) {
            endReplay(replay); // closed: its connection is leaving
            return ReplayStep.STOPPED;
        }
        replay.next++;
        wakeProducers();
        return ReplayStep.SENT;
    }

    /** Ends a replay that cannot go on; its connection no longer watches the run. */
    synchronized void stopReplay(Replay replay) {
        if (replays.get(replay.connection()) == replay) {
            endReplay(replay);
        }
    }

    private void endReplay(Replay replay) {
        replays.remove(replay.connection());
        replay.connection().watching().remove(this);
        wakeProducers();
    }

    /**
     * Waits (up to {@code timeoutMillis}) while the next event would push out of the kept events one
     * that a replay has yet to send: a replaying client paces the run like a live one. After the wait
     * the run goes on, and that replay ends as {@link ReplayStep#LOST}.
     */
    synchronized void awaitReplays(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        producersWaiting++;
        try {
            while (status == Status.RUNNING && log.isFull() && aReplayNeeds(log.firstSeq())) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                wait(Math.max(1, left / 1_000_000L));
            }
        } finally {
            producersWaiting--;
        }
    }

    private boolean aReplayNeeds(long seq) {
        for (Replay replay : replays.values()) {
            if (replay.next <= seq) {
                return true;
            }
        }
        return false;
    }

    private void wakeProducers() {
        if (producersWaiting > 0) {
            notifyAll();
        }
    }

    /** Removes a watcher (live or replaying); true if the run goes on with nobody watching. */
    synchronized boolean unwatch(RunsConnection connection) {
        watchers.remove(connection);
        if (replays.remove(connection) != null) {
            wakeProducers();
        }
        return isOrphaned();
    }

    synchronized boolean isOrphaned() {
        return status == Status.RUNNING && watchers.isEmpty() && replays.isEmpty();
    }

    /** The outboxes of the live watchers (a replay paces itself). */
    synchronized Set<Outbox> watcherOutboxes() {
        Set<Outbox> outboxes = new LinkedHashSet<>();
        watchers.forEach(w -> outboxes.add(w.outbox()));
        return outboxes;
    }

    synchronized long oldestKeptSeq() {
        return log.firstSeq();
    }

    /** Roughly the heap a finished run takes: its kept events, and the run itself with its bookkeeping. */
    synchronized long keptBytes() {
        return log.bytes() + RUN_OVERHEAD_BYTES;
    }

    /**
     * Sends what the lock queued and tells other features, outside the lock (never called holding it).
     * An observer that fails is logged; the run goes on.
     */
    void deliver() {
        Outbox[] outboxes;
        synchronized (this) {
            outboxes = toFlush.toArray(Outbox[]::new);
            toFlush.clear();
        }
        for (Outbox outbox : outboxes) {
            outbox.flush();
        }
        mirror.flush();
        try {
            published.drain();
        } catch (RuntimeException | LinkageError | AssertionError e) {
            LOG.log(Level.SEVERE, "An observer of the events of run " + id + " failed", e);
        }
    }

    private void append(String eventType, Map<String, Object> payload) {
        RunEvent event = RunEvent.now(id, log.nextSeq(), eventType, payload);
        String text = JsonSupport.JSONB.toJson(event); // once, however many connections watch or replay
        if (event.isTerminal()) {
            log.addLast(text);
        } else {
            log.add(text);
        }
        published.add(event);
        mirror.add(event, text);
        for (RunsConnection watcher : watchers) {
            watcher.outbox().enqueue(text);
            toFlush.add(watcher.outbox());
        }
        if (event.isTerminal()) {
            watchers.forEach(w -> w.watching().remove(this));
            watchers.clear();
        }
    }
}
