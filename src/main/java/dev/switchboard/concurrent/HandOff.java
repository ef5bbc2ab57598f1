package dev.switchboard.concurrent;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Items taken in order (under the producer's own lock, if it likes) and handed to a consumer in that
 * order once the producer has left its lock: whoever calls {@link #drain} first hands over everything
 * queued, later callers go on at once. So a feature can tell another about its activity, in order,
 * without holding its lock across the other's work.
 */
public final class HandOff<T> {
    private static final Logger LOG = Logger.getLogger(HandOff.class.getName());

    private final Consumer<T> consumer;
    private final ArrayDeque<T> queue = new ArrayDeque<>();
    private boolean draining;

    public HandOff(Consumer<T> consumer) {
        this.consumer = consumer;
    }

    public synchronized void add(T item) {
        queue.add(item);
    }

    /** Hands over every queued item on this thread, unless another thread is doing so already. */
    public void drain() {
        if (claim()) {
            handOver();
        }
    }

    /**
     * Hands over every queued item on a thread of {@code executor}, unless one is doing so already:
     * for producers that cannot leave their lock first. If the executor refuses (no worker free, or
     * shutting down), on this thread: late is better than lost.
     */
    public void drainLater(Executor executor) {
        if (claim()) {
            try {
                executor.execute(this::handOver);
            } catch (RejectedExecutionException refused) {
                handOver();
            }
        }
    }

    private synchronized boolean claim() {
        if (draining || queue.isEmpty()) {
            return false;
        }
        draining = true;
        return true;
    }

    private void handOver() {
        while (true) {
            T next;
            synchronized (this) {
                next = queue.poll();
                if (next == null) {
                    draining = false;
                    return;
                }
            }
            try {
                consumer.accept(next);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "A consumer of handed-off activity failed", e);
            } catch (Error e) {
                // Let it out, but not with the hand-off still claimed: later items would never be handed over.
                synchronized (this) {
                    draining = false;
                }
                throw e;
            }
        }
    }
}
