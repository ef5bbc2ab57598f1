package dev.switchboard.bus;

import dev.switchboard.websocket.JsonSupport;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * This instance's side of the bus: the history (the newest events, as their JSON text) and the
 * {@link FanOutLane}s, fed in offset order under one short lock that covers no I/O, which gives every
 * client of this instance one order. Events arrive numbered: by this instance alone
 * ({@link #numberAndDeliver}), or by the cluster's log ({@link #deliver}).
 */
final class LocalDelivery {
    private final Deque<FanOutLane.Kept> history = new ArrayDeque<>();
    private final Map<Object, FanOutLane> subscribers = new ConcurrentHashMap<>();
    private final FanOutLane[] lanes;
    /** Subscribers per lane, under this lock: a lane without any gets no events. */
    private final int[] laneMembers;
    private final int historySize;
    private final long historyBytes;
    private long nextOffset;
    private long keptBytes;
    private volatile String epoch;

    LocalDelivery(Executor executor, int laneCount, int historySize, long historyBytes, String epoch) {
        this.historySize = historySize;
        this.historyBytes = historyBytes;
        this.epoch = epoch;
        lanes = new FanOutLane[laneCount];
        laneMembers = new int[laneCount];
        for (int i = 0; i < laneCount; i++) {
            lanes[i] = new FanOutLane(executor, historySize);
        }
    }

    /** Numbers the event here, as the only instance, and delivers it. */
    BusEvent numberAndDeliver(BusEvent event) {
        BusEvent numbered;
        List<FanOutLane> toStart;
        synchronized (this) {
            numbered = event.numbered(nextOffset, epoch);
            toStart = deliverLocked(List.of(kept(numbered)));
        }
        toStart.forEach(FanOutLane::start);
        return numbered;
    }

    /** Delivers events numbered elsewhere, in their order (offsets rising). */
    void deliver(List<FanOutLane.Kept> events) {
        List<FanOutLane> toStart;
        synchronized (this) {
            toStart = deliverLocked(events);
        }
        toStart.forEach(FanOutLane::start);
    }

    private List<FanOutLane> deliverLocked(List<FanOutLane.Kept> events) {
        List<FanOutLane> toStart = new ArrayList<>(lanes.length);
        for (FanOutLane.Kept kept : events) {
            keep(kept);
            nextOffset = kept.offset() + 1;
            for (int i = 0; i < lanes.length; i++) {
                if (laneMembers[i] > 0 && lanes[i].offer(kept) && !toStart.contains(lanes[i])) {
                    toStart.add(lanes[i]);
                }
            }
        }
        return toStart;
    }

    static FanOutLane.Kept kept(BusEvent numbered) {
        return new FanOutLane.Kept(numbered.offset(), EventBus.typeName(numbered), Audience.of(numbered),
                JsonSupport.JSONB.toJson(numbered));
    }

    /** Keeps the newest event, then frees the oldest while over the count or the byte budget. */
    private void keep(FanOutLane.Kept kept) {
        history.addLast(kept);
        keptBytes += bytesOf(kept);
        while (history.size() > historySize || keptBytes > historyBytes && history.size() > 1) {
            keptBytes -= bytesOf(history.removeFirst());
        }
    }

    /** An upper bound of what a kept event holds (its JSON text, two bytes a character, and the record). */
    static long bytesOf(FanOutLane.Kept kept) {
        return 2L * kept.json().length() + 64;
    }

    /** Before anyone subscribes: the first event will be {@code offset}, in {@code epoch}. */
    synchronized void startAt(long offset, String epoch) {
        nextOffset = offset;
        this.epoch = epoch;
    }

    /**
     * The events before {@code offset} that this instance has not delivered are lost ({@code reason}
     * {@link ReplayGap#TOO_OLD}), or the whole history is ({@link ReplayGap#EPOCH_CHANGED}, with a new
     * epoch): the history starts again at {@code offset}, so that no replay silently skips the hole,
     * and every subscriber is told.
     */
    void restartAt(long offset, String epoch, String reason) {
        List<FanOutLane> toStart = new ArrayList<>(lanes.length);
        synchronized (this) {
            FanOutLane.Notice notice = new FanOutLane.Notice(JsonSupport.JSONB.toJson(
                    new ReplayGap(reason, epoch, nextOffset - 1, offset)));
            history.clear();
            keptBytes = 0;
            nextOffset = offset;
            this.epoch = epoch;
            for (int i = 0; i < lanes.length; i++) {
                if (laneMembers[i] > 0 && lanes[i].offer(notice)) {
                    toStart.add(lanes[i]);
                }
            }
        }
        toStart.forEach(FanOutLane::start);
    }

    /**
     * (Re)subscribes a client; see {@link EventBus#subscribe}. {@code newestKnown} is the newest offset
     * given anywhere, which may be ahead of what this instance has delivered.
     */
    void subscribe(Object client, EventBus.Subscription subscription, Long afterOffset, String clientEpoch,
                   long newestKnown) {
        int index = laneOf(client);
        FanOutLane lane = lanes[index];
        boolean start;
        synchronized (this) {
            List<FanOutLane.Kept> replay = new ArrayList<>();
            if (afterOffset != null) {
                long replayAfter = afterOffset;
                String gap = gapBefore(afterOffset, clientEpoch, Math.max(newestKnown, nextOffset - 1));
                if (gap != null) {
                    replay.add(FanOutLane.Kept.notice(JsonSupport.JSONB.toJson(
                            new ReplayGap(gap, epoch, afterOffset, oldestOffsetLocked()))));
                    replayAfter = Long.MIN_VALUE;
                }
                for (FanOutLane.Kept kept : history) {
                    if (kept.offset() > replayAfter && subscription.wants(kept)) {
                        replay.add(kept);
                    }
                }
            }
            if (subscribers.put(client, lane) == null) {
                laneMembers[index]++;
            }
            start = lane.offer(new FanOutLane.Join(client, subscription, replay));
        }
        if (start) {
            lane.start();
        }
    }

    /** Why a replay after {@code afterOffset} cannot be exactly what the client missed, or null if it can. */
    private String gapBefore(long afterOffset, String clientEpoch, long newest) {
        if (clientEpoch != null && !clientEpoch.equals(epoch)) {
            return ReplayGap.EPOCH_CHANGED;
        }
        if (afterOffset < oldestOffsetLocked() - 1) {
            return ReplayGap.TOO_OLD;
        }
        if (afterOffset > newest) {
            return ReplayGap.UNKNOWN_OFFSET;
        }
        return null;
    }

    void unsubscribe(Object client) {
        int index = laneOf(client);
        boolean start;
        synchronized (this) {
            if (subscribers.remove(client) == null) {
                return;
            }
            laneMembers[index]--;
            start = lanes[index].offer(new FanOutLane.Leave(client));
        }
        if (start) {
            lanes[index].start();
        }
    }

    String epoch() {
        return epoch;
    }

    /** The offset the next event delivered here will have. */
    synchronized long mark() {
        return nextOffset;
    }

    synchronized long oldestOffset() {
        return oldestOffsetLocked();
    }

    private long oldestOffsetLocked() {
        return history.isEmpty() ? nextOffset : history.peekFirst().offset();
    }

    synchronized int historyCount() {
        return history.size();
    }

    synchronized long historyBytes() {
        return keptBytes;
    }

    int subscriberCount() {
        return subscribers.size();
    }

    private int laneOf(Object client) {
        return Math.floorMod(client.hashCode(), lanes.length);
    }
}
