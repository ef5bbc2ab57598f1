package dev.switchboard.runs;

import dev.switchboard.cluster.SharedLog;
import dev.switchboard.websocket.JsonSupport;
import dev.switchboard.websocket.Outbox;
import jakarta.json.JsonObject;

import java.util.Set;
import java.util.function.Consumer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import static dev.switchboard.runs.RunMessage.error;

/**
 * A connection of this instance following a run of another one (a {@code resume}): it is sent the run's
 * events from its grid log, from {@code after_seq} on, paced by its outbox as a local replay is, and then
 * the live ones as they are appended, until the terminal event. A read of a live event waits without a
 * thread; sending a batch takes the worker that completed the read. It holds a place among the replays
 * until it has sent what the log held when it began.
 */
final class RemoteReplay {
    private static final Logger LOG = Logger.getLogger(RemoteReplay.class.getName());
    private static final Set<String> TERMINAL = Set.of(RunEvent.COMPLETED, RunEvent.FAILED, RunEvent.CANCELLED);
    static final int BATCH = 64;

    private final RunsConnection connection;
    private final String runId;
    private final SharedLog log;
    private final Runnable releasePlace;
    private final Consumer<RemoteReplay> ended;
    private final AtomicBoolean placeReleased = new AtomicBoolean();
    private final AtomicBoolean over = new AtomicBoolean();
    /** The seq to send next, and the last one the log held at the start; only the reading thread touches them. */
    private long next;
    private long catchUpTo;

    /** {@code releasePlace} gives back the replay's place, {@code ended} is told once when the follow is over. */
    RemoteReplay(RunsConnection connection, String runId, SharedLog log, Runnable releasePlace,
                 Consumer<RemoteReplay> ended) {
        this.connection = connection;
        this.runId = runId;
        this.log = log;
        this.releasePlace = releasePlace;
        this.ended = ended;
    }

    /**
     * Starts at the event after {@code afterSeq}, or at the log's last one if it asks for more than the log
     * has: that event is read, not sent, so that a run that has ended is seen to have.
     */
    void start(long afterSeq) {
        catchUpTo = log.tail();
        next = afterSeq + 1;
        if (next <= catchUpTo && next < log.head()) {
            refuse(log.head());
            return;
        }
        follow(Math.max(0, Math.min(next, catchUpTo)));
    }

    /** The connection left, or resumed the run again: nothing more is sent. */
    void stop() {
        end();
    }

    private void follow(long from) {
        while (!over.get()) {
            CompletableFuture<SharedLog.Batch> read = log.read(from, BATCH).toCompletableFuture();
            if (!read.isDone()) {
                read.whenComplete((batch, failure) -> {
                    long after = take(batch, failure);
                    if (after >= 0) {
                        follow(after);
                    }
                });
                return;
            }
            from = take(read.getNow(null), null);
            if (from < 0) {
                return;
            }
        }
    }

    /** Sends a batch; the seq to read next, or -1 once the follow is over. */
    private long take(SharedLog.Batch batch, Throwable failure) {
        if (over.get()) {
            return -1;
        }
        if (failure != null) {
            LOG.log(Level.WARNING, "Reading run " + runId + " from the grid failed", failure);
            end();
            return -1;
        }
        if (batch.first() > next) {
            refuse(batch.first());
            return -1;
        }
        Outbox outbox = connection.outbox();
        try {
            long seq = batch.first();
            for (String text : batch.items()) {
                boolean terminal = TERMINAL.contains(eventType(text));
                if (seq >= next) {
                    Pacing.awaitRoom(outbox);
                    if (over.get() || !outbox.enqueue(text)) {
                        end();
                        return -1;
                    }
                    outbox.flush();
                    next = seq + 1;
                }
                seq++;
                if (terminal) {
                    end();
                    return -1;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the workers are shutting down
            end();
            return -1;
        }
        if (next > catchUpTo) {
            releasePlace();
        }
        return batch.next();
    }

    private static String eventType(String text) {
        JsonObject event = JsonSupport.readTree(text).asJsonObject();
        return event.getString("event_type", "");
    }

    /** The events it asked for are gone (the log keeps the last {@code max-events}). */
    private void refuse(long oldestKept) {
        connection.send(error(runId, "invalid_request", "Events before seq " + oldestKept
                + " of run '" + runId + "' are no longer kept"));
        end();
    }

    private void releasePlace() {
        if (placeReleased.compareAndSet(false, true)) {
            releasePlace.run();
        }
    }

    private void end() {
        if (over.compareAndSet(false, true)) {
            releasePlace();
            ended.accept(this);
        }
    }
}
