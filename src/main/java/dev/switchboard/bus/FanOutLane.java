package dev.switchboard.bus;

import dev.switchboard.websocket.Outbox;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers the bus's events, in offset order, to its share of the subscribers. The bus hands it events
 * and subscription changes in one sequence; a worker thread (at most one at a time) delivers them, so
 * a publisher never waits for a fan-out, and several lanes deliver the same event at once.
 * Its subscribers are touched only by that one thread.
 * <p>
 * Delivery is paced: a subscriber whose outbox is half full gets later events kept in its backlog (in
 * order, shared with every other client, never copied) and sent as its outbox drains, so a replay of
 * the whole history or a burst reaches a client that reads, without closing it. A client that falls
 * more than {@code maxBacklog} events behind is closed as a slow consumer.
 */
final class FanOutLane implements Runnable {
    private static final Logger LOG = Logger.getLogger(FanOutLane.class.getName());

    /**
     * An event of the bus, encoded once, with who may see it. Only its text is kept, not the event: a
     * run's event carries the task's parsed input or result, which would cost many times its text for
     * as long as the history keeps it.
     */
    record Kept(long offset, String type, Audience audience, String json) {
        /** Something a subscriber must know about the history, not an event of the bus (it has no offset). */
        static Kept notice(String json) {
            return new Kept(-1, ReplayGap.TYPE, Audience.EVERYONE, json);
        }
    }

    /** A (re)subscription: the events to replay come first, then live ones. */
    record Join(Object client, EventBus.Subscription subscription, List<Kept> replay) {
    }

    record Leave(Object client) {
    }

    /** Goes to every subscriber of the lane, whatever it filters: what it must know about the history. */
    record Notice(String json) {
    }

    /** A subscriber's outbox has room again. */
    private record Resume(Member member) {
    }

    /** A subscriber as the lane sees it: its subscription and what it has yet to be sent. */
    private static final class Member {
        final Object client;
        final EventBus.Subscription subscription;
        final ArrayDeque<Kept> backlog = new ArrayDeque<>();
        boolean awaitingRoom;

        Member(Object client, EventBus.Subscription subscription) {
            this.client = client;
            this.subscription = subscription;
        }

        Outbox outbox() {
            return subscription.outbox();
        }
    }

    private final Executor executor;
    private final int maxBacklog;
    private final ArrayDeque<Object> pending = new ArrayDeque<>();
    private final Map<Object, Member> members = new HashMap<>();
    private final List<Member> order = new ArrayList<>();
    private boolean scheduled;

    FanOutLane(Executor executor, int maxBacklog) {
        this.executor = executor;
        this.maxBacklog = maxBacklog;
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
            for (Member member : order) {
                if (member.subscription.wants(kept)) {
                    closed |= !offerTo(member, kept);
                }
            }
            if (closed) {
                order.removeIf(m -> m.outbox().isClosed());
                members.values().removeIf(m -> m.outbox().isClosed());
            }
        } else if (item instanceof Join join) {
            Member member = new Member(join.client(), join.subscription());
            member.backlog.addAll(join.replay());
            Member old = members.put(join.client(), member);
            if (old != null) {
                order.remove(old);
            }
            order.add(member);
            pump(member);
        } else if (item instanceof Notice notice) {
            Kept kept = Kept.notice(notice.json());
            for (Member member : List.copyOf(order)) {
                if (!offerTo(member, kept)) {
                    order.remove(member);
                    members.remove(member.client);
                }
            }
        } else if (item instanceof Leave leave) {
            Member old = members.remove(leave.client());
            if (old != null) {
                order.remove(old);
            }
        } else if (item instanceof Resume resume && members.get(resume.member().client) == resume.member()) {
            resume.member().awaitingRoom = false;
            pump(resume.member());
        }
    }

    /** False if the member's outbox is closed (or closes now because it is too far behind). */
    private boolean offerTo(Member member, Kept kept) {
        if (member.backlog.isEmpty() && member.outbox().hasRoom()) {
            return member.outbox().send(kept.json());
        }
        member.backlog.add(kept);
        if (member.backlog.size() > maxBacklog) {
            member.backlog.clear();
            member.outbox().giveUpOnSlowConsumer("more than " + maxBacklog + " bus events behind");
            return false;
        }
        return pump(member);
    }

    /** Sends the member's backlog while its outbox has room; then asks to be resumed when it has room again. */
    private boolean pump(Member member) {
        Outbox outbox = member.outbox();
        while (!member.backlog.isEmpty()) {
            if (member.awaitingRoom) {
                return true;
            }
            if (!outbox.hasRoom()) {
                if (outbox.isClosed()) {
                    return false;
                }
                member.awaitingRoom = true;
                if (!outbox.whenRoom(() -> resume(member))) {
                    return !outbox.isClosed();
                }
                member.awaitingRoom = false; // room appeared meanwhile
            }
            if (!outbox.send(member.backlog.poll().json())) {
                return false;
            }
        }
        return true;
    }

    private void resume(Member member) {
        if (offer(new Resume(member))) {
            start();
        }
    }
}
