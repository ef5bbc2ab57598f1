package dev.switchboard.runs;

import dev.switchboard.concurrent.HandOff;
import dev.switchboard.websocket.JsonSupport;
import dev.switchboard.websocket.Outbox;
import jakarta.json.JsonObject;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * One run's state: its events (the last {@code maxEvents} kept for replay), its status, and the
 * connections watching it. Every event is appended, and queued in its watchers' outboxes, under the
 * run's lock, so watchers see {@code seq} in order with no gap, and exactly one terminal event ends
 * it. The sending, and the publishing to other features (in {@code seq} order), happen after the
 * lock is left.
 */
final class Run {
    enum Status { RUNNING, COMPLETED, FAILED, CANCELLED }

    private final String id;
    private final String task;
    private final JsonObject input;
    private final int maxEvents;
    private final HandOff<RunEvent> published;
    /** Outboxes given events under the lock, to flush after it. */
    private final Set<Outbox> toFlush = new LinkedHashSet<>();
    private final Deque<RunEvent> events = new ArrayDeque<>();
    private final Set<RunsConnection> watchers = new LinkedHashSet<>();
    private long nextSeq;
    private Status status = Status.RUNNING;
    private final RunsConnection starter;
    private Future<?> work;
    /** Armed while nobody watches the live run; a new watcher disarms it. */
    private Future<?> grace;
    private final java.util.List<Future<?>> timers = new java.util.ArrayList<>();

    Run(String id, String task, JsonObject input, int maxEvents, Consumer<RunEvent> published, RunsConnection starter) {
        this.starter = starter;
        this.id = id;
        this.task = task;
        this.input = input;
        this.maxEvents = maxEvents;
        this.published = new HandOff<>(published);
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

    JsonObject input() {
        return input;
    }

    synchronized Status status() {
        return status;
    }

    synchronized boolean isRunning() {
        return status == Status.RUNNING;
    }

    synchronized RunMessage.RunSummary summary() {
        return new RunMessage.RunSummary(id, task, status.name().toLowerCase(java.util.Locale.ROOT), nextSeq - 1);
    }

    /**
     * Makes the starting connection a watcher and writes {@code run_started}. The caller holds the
     * run's lock from before the run is visible to others until this is done, so nothing can come
     * before it, and calls {@link #deliver()} after leaving the lock.
     */
    synchronized void begin(RunsConnection connection, Map<String, Object> payload) {
        watch(connection);
        append(RunEvent.STARTED, payload);
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

    /** Appends the terminal event; false (and nothing appended) if the run had already ended. */
    boolean finish(Status end, String eventType, Map<String, Object> payload) {
        Future<?> running;
        synchronized (this) {
            if (status != Status.RUNNING) {
                return false;
            }
            status = end;
            starter.started().remove(this);
            append(eventType, payload);
            running = work;
            work = null;
            timers.forEach(t -> t.cancel(false));
            timers.clear();
            stopGrace();
        }
        deliver();
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
     * Sends the kept events after {@code afterSeq} to the connection, then (if the run is still
     * going) makes it a watcher: from then on it gets every new event. False if events it asked for
     * are no longer kept.
     */
    boolean replayAndWatch(RunsConnection connection, long afterSeq) {
        synchronized (this) {
            RunEvent oldest = events.peekFirst();
            if (oldest != null && oldest.seq() > afterSeq + 1) {
                return false;
            }
            for (RunEvent event : events) {
                if (event.seq() > afterSeq) {
                    connection.outbox().enqueue(event);
                }
            }
            toFlush.add(connection.outbox());
            if (status == Status.RUNNING) {
                watch(connection);
            }
        }
        deliver();
        return true;
    }

    synchronized void watch(RunsConnection connection) {
        stopGrace();
        watchers.add(connection);
        connection.watching().add(this);
    }

    /** Removes a watcher; true if the run goes on with nobody watching. */
    synchronized boolean unwatch(RunsConnection connection) {
        watchers.remove(connection);
        return status == Status.RUNNING && watchers.isEmpty();
    }

    synchronized boolean isOrphaned() {
        return status == Status.RUNNING && watchers.isEmpty();
    }

    synchronized Set<Outbox> watcherOutboxes() {
        Set<Outbox> outboxes = new LinkedHashSet<>();
        watchers.forEach(w -> outboxes.add(w.outbox()));
        return outboxes;
    }

    synchronized long oldestKeptSeq() {
        return events.isEmpty() ? nextSeq : events.peekFirst().seq();
    }

    /** Sends what the lock queued and tells other features, outside the lock (never called holding it). */
    void deliver() {
        Outbox[] outboxes;
        synchronized (this) {
            outboxes = toFlush.toArray(Outbox[]::new);
            toFlush.clear();
        }
        for (Outbox outbox : outboxes) {
            outbox.flush();
        }
        published.drain();
    }

    private void append(String eventType, Map<String, Object> payload) {
        RunEvent event = RunEvent.now(id, nextSeq++, eventType, payload);
        events.addLast(event);
        if (events.size() > maxEvents) {
            events.removeFirst();
        }
        published.add(event);
        if (!watchers.isEmpty()) {
            String text = JsonSupport.JSONB.toJson(event); // once, however many connections watch
            for (RunsConnection watcher : watchers) {
                watcher.outbox().enqueue(text);
                toFlush.add(watcher.outbox());
            }
        }
        if (event.isTerminal()) {
            watchers.forEach(w -> w.watching().remove(this));
            watchers.clear();
        }
    }
}
