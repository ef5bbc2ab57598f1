package dev.switchboard.bus;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers the bus's events, in offset order, to its share of the subscribers. The bus hands it events
 * and subscription changes in one sequence; a worker thread (at most one at a time) delivers them, so
 * a publisher never waits for a fan-out, and several lanes deliver the same event at once.
 * Its subscribers are touched only by that one thread.
 */
final class FanOutLane implements Runnable {
    private static final Logger LOG = Logger.getLogger(FanOutLane.class.getName());

    /** An event of the bus, encoded once. */
    record Kept(BusEvent event, String type, String json) {
    }

    /** A (re)subscription: the events to replay come first, then live ones. */
    record Join(Object client, EventBus.Subscription subscription, List<Kept> replay) {
    }

    record Leave(Object client) {
    }

    private final Executor executor;
    private final ArrayDeque<Object> pending = new ArrayDeque<>();
    private final Map<Object, EventBus.Subscription> subscribers = new HashMap<>();
    private final List<EventBus.Subscription> order = new ArrayList<>();
    private boolean scheduled;

    FanOutLane(Executor executor) {
        this.executor = executor;
    }

    /** Queues an event or a subscription change; true if the lane must be {@link #start}ed. */
    synchronized boolean offer(Object item) {
        pending.add(item);
        if (scheduled) {
            return false;
        }
        scheduled = true;
        return true;
    }

    /** Puts a worker on the lane (after the caller has left the bus's lock), or delivers here if none is free. */
    void start() {
        try {
            executor.execute(this);
        } catch (RejectedExecutionException saturated) {
            run();
        }
    }

    @Override
    public void run() {
        while (true) {
            ArrayDeque<Object> batch;
            synchronized (this) {
                if (pending.isEmpty()) {
                    scheduled = false;
                    return;
                }
                batch = new ArrayDeque<>(pending);
                pending.clear();
            }
            for (Object item : batch) {
                try {
                    deliver(item);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Bus delivery failed", e);
                }
            }
        }
    }

    private void deliver(Object item) {
        if (item instanceof Kept kept) {
            boolean closed = false;
            for (EventBus.Subscription subscription : order) {
                if (subscription.wants(kept.type()) && !subscription.outbox().send(kept.json())) {
                    closed |= subscription.outbox().isClosed();
                }
            }
            if (closed) {
                order.removeIf(s -> s.outbox().isClosed());
                subscribers.values().removeIf(s -> s.outbox().isClosed());
            }
        } else if (item instanceof Join join) {
            for (Kept kept : join.replay()) {
                join.subscription().outbox().send(kept.json());
            }
            EventBus.Subscription old = subscribers.put(join.client(), join.subscription());
            if (old != null) {
                order.remove(old);
            }
            order.add(join.subscription());
        } else if (item instanceof Leave leave) {
            EventBus.Subscription old = subscribers.remove(leave.client());
            if (old != null) {
                order.remove(old);
            }
        }
    }
}
