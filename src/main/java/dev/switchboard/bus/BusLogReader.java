package dev.switchboard.bus;

import dev.switchboard.cluster.SharedLog;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads the cluster's bus log in order, one batch at a time, and hands each event, numbered with its
 * sequence and stamped with the epoch, to this instance's {@link LocalDelivery}. Each read waits on
 * the grid without a thread; each batch is handled on the application's executor.
 * <p>
 * Nothing is skipped silently: events overwritten before this instance read them are counted, logged
 * and announced to its subscribers, and a log that starts over (the grid lost it) gives the history
 * a new epoch.
 */
final class BusLogReader {
    private static final Logger LOG = Logger.getLogger(BusLogReader.class.getName());
    static final int BATCH = 256;
    private static final long RETRY_MILLIS = 1000;
    private static final long BUSY_RETRY_MILLIS = 20;
    /** Plain JSON-P: the items are the bus's own encoding, and a run's payload may nest deeper than a frame may. */
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());
    private static final JsonBuilderFactory BUILDERS = Json.createBuilderFactory(Map.of());

    private final SharedLog log;
    private final SharedEpoch epochs;
    private final LocalDelivery delivery;
    private final Executor executor;
    private final ScheduledExecutorService timers;
    private final AtomicLong skipped = new AtomicLong();
    /** The next sequence to read. One step runs at a time, each handed to the next through the executor. */
    private long next;
    private boolean failing;

    BusLogReader(SharedLog log, SharedEpoch epochs, LocalDelivery delivery, Executor executor,
                 ScheduledExecutorService timers) {
        this.log = log;
        this.epochs = epochs;
        this.delivery = delivery;
        this.executor = executor;
        this.timers = timers;
    }

    void start(long from) {
        next = from;
        read();
    }

    long skipped() {
        return skipped.get();
    }

    private void read() {
        CompletionStage<SharedLog.Batch> reading;
        try {
            reading = log.read(next, BATCH);
        } catch (RuntimeException e) {
            handOff(() -> failed(e));
            return;
        }
        reading.whenComplete((batch, failure) -> handOff(() -> {
            try {
                if (failure == null) {
                    accept(batch);
                } else {
                    failed(failure);
                }
            } catch (RuntimeException | Error bug) {
                // The reader must go on whatever one batch did: a reader that stops ends the bus here.
                LOG.log(Level.SEVERE, "The bus's reader failed at offset " + next + "; it reads on", bug);
                later(RETRY_MILLIS, this::read);
            }
        }));
    }

    private void accept(SharedLog.Batch batch) {
        failing = false;
        if (batch.first() < next) {
            startedOver();
            read();
            return;
        }
        if (batch.first() > next) {
            fellBehind(batch.first());
        }
        String epoch = delivery.epoch();
        List<FanOutLane.Kept> events = new ArrayList<>(batch.items().size());
        long offset = batch.first();
        for (String item : batch.items()) {
            FanOutLane.Kept kept = numbered(item, offset++, epoch);
            if (kept != null) {
                events.add(kept);
            }
        }
        next = batch.next();
        delivery.deliver(events);
        read();
    }

    /** The event as clients get it: its fields, then {@code offset} and {@code epoch}, as {@link EventBus} writes them alone. */
    static FanOutLane.Kept numbered(String item, long offset, String epoch) {
        JsonObject event;
        try (JsonReader reader = READERS.createReader(new StringReader(item))) {
            event = reader.readObject();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "The bus's log holds an unreadable event at " + offset + "; it is not delivered", e);
            return null;
        }
        JsonObjectBuilder numbered = BUILDERS.createObjectBuilder();
        event.forEach((name, value) -> {
            if (!name.equals("offset") && !name.equals("epoch")) {
                numbered.add(name, value);
            }
        });
        String type = event.getString("type", "");
        return new FanOutLane.Kept(offset, type, Audience.of(type, event.getString("owner", null)),
                numbered.add("offset", offset).add("epoch", epoch).build().toString());
    }

    /** Events from {@link #next} to {@code first} - 1 were overwritten before this instance read them. */
    private void fellBehind(long first) {
        long lost = first - next;
        skipped.addAndGet(lost);
        LOG.warning("The bus fell " + lost + " events behind its log on the grid: offsets " + next + " to "
                + (first - 1) + " were overwritten before this instance read them; its subscribers are told");
        delivery.restartAt(first, delivery.epoch(), ReplayGap.TOO_OLD);
    }

    /** The log numbers from the start again: the grid lost it, and with it the history of this epoch. */
    private void startedOver() {
        String lost = delivery.epoch();
        String epoch = epochs.replace(lost);
        long head = log.head();
        LOG.warning("The bus's log on the grid started over (this instance had read up to offset " + (next - 1)
                + "): the history of epoch " + lost + " is lost; the epoch is now " + epoch);
        delivery.restartAt(head, epoch, ReplayGap.EPOCH_CHANGED);
        next = head;
    }

    private void failed(Throwable failure) {
        if (stopped()) {
            return;
        }
        Throwable cause = failure instanceof CompletionException wrapped && wrapped.getCause() != null
                ? wrapped.getCause() : failure;
        if (cause instanceof RejectedExecutionException) { // the grid could not hand the batch over: the pool is busy
            later(BUSY_RETRY_MILLIS, this::read);
            return;
        }
        try {
            if (log.tail() < next - 1) {
                startedOver();
                read();
                return;
            }
        } catch (RuntimeException gridUnavailable) {
            failure = gridUnavailable;
        }
        if (!failing) {
            failing = true;
            LOG.log(Level.WARNING, "The bus cannot read its log on the grid; retrying every " + RETRY_MILLIS + " ms", failure);
        }
        later(RETRY_MILLIS, this::read);
    }

    /** Runs the next step on the executor; a saturated pool is tried again shortly, a shut-down one ends the reader. */
    private void handOff(Runnable step) {
        try {
            executor.execute(step);
        } catch (RejectedExecutionException busy) {
            if (!stopped()) {
                later(BUSY_RETRY_MILLIS, step);
            }
        }
    }

    /**
     * The application's timer thread only hands the step over: it runs on the executor. (Not the JDK's
     * delay thread: a worker thread made from a thread that is not the application's dies at once on Payara.)
     */
    private void later(long millis, Runnable step) {
        try {
            timers.schedule(() -> handOff(step), millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            // the timers are stopped: so is the application
        }
    }

    private boolean stopped() {
        return executor instanceof ExecutorService pool && pool.isShutdown();
    }
}
