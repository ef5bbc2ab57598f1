package dev.switchboard.bus;

import dev.switchboard.concurrent.Workers;
import dev.switchboard.lifecycle.ShuttingDown;
import dev.switchboard.websocket.JsonSupport;
import dev.switchboard.websocket.Outbox;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The in-process bus. Publishing numbers an event (offsets rise by one, no gaps), encodes it once,
 * keeps it in the history and hands it to every {@link FanOutLane}, under one short lock that covers
 * no I/O: that lock gives every client one order. The lanes deliver to their share of the clients on
 * worker threads, so one event's fan-out never holds up the next publisher. Chat messages are then
 * fired as CDI events for the agent.
 */
@ApplicationScoped
public class EventBus {
    /** A client's subscription: its outbox, the types it wants (empty = all), and what it may see. */
    record Subscription(Outbox outbox, Set<String> types, Viewer viewer) {
        boolean wants(FanOutLane.Kept kept) {
            return (types.isEmpty() || types.contains(kept.type())) && viewer.sees(kept.audience());
        }
    }

    @Inject
    @ConfigProperty(name = "switchboard.bus.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "switchboard.bus.history", defaultValue = "1000")
    int historySize;

    /** What the kept events may hold in all, counted as two bytes a character of their JSON plus 64 each. */
    @Inject
    @ConfigProperty(name = "switchboard.bus.history-bytes", defaultValue = "67108864")
    long historyBytes;

    /** Lanes delivering at once (0 = one per processor). */
    @Inject
    @ConfigProperty(name = "switchboard.bus.fan-out-lanes", defaultValue = "0")
    int laneCount;

    @Inject
    Event<BusEvent.InboundEvent> inbound;

    @Inject
    Workers workers;

    private final Deque<FanOutLane.Kept> history = new ArrayDeque<>();
    private final Map<Object, FanOutLane> subscribers = new ConcurrentHashMap<>();
    private FanOutLane[] lanes;
    /** Subscribers per lane, under this bus's lock: a lane without any gets no events. */
    private int[] laneMembers;
    private long nextOffset;
    private long keptBytes;
    private volatile boolean shuttingDown;

    @PostConstruct
    void createLanes() {
        createLanes(workers.executor());
    }

    void createLanes(Executor executor) {
        int count = laneCount > 0 ? laneCount : Runtime.getRuntime().availableProcessors();
        lanes = new FanOutLane[count];
        laneMembers = new int[count];
        for (int i = 0; i < count; i++) {
            lanes[i] = new FanOutLane(executor, historySize);
        }
    }

    /** False when disabled by configuration or shutting down: new clients are turned away (1013). */
    /** True unless switched off by configuration. */
    public boolean isEnabled() {
        return enabled;
    }

    public boolean isAvailable() {
        return enabled && !shuttingDown;
    }

    public BusEvent publish(BusEvent event) {
        BusEvent numbered;
        List<FanOutLane> toStart = new ArrayList<>(lanes.length);
        synchronized (this) {
            numbered = event.withOffset(nextOffset++);
            FanOutLane.Kept kept = new FanOutLane.Kept(numbered.offset(), typeName(numbered), Audience.of(numbered),
                    JsonSupport.JSONB.toJson(numbered));
            keep(kept);
            for (int i = 0; i < lanes.length; i++) {
                if (laneMembers[i] > 0 && lanes[i].offer(kept)) {
                    toStart.add(lanes[i]);
                }
            }
        }
        toStart.forEach(FanOutLane::start);
        if (numbered instanceof BusEvent.InboundEvent message) {
            inbound.fire(message);
        }
        return numbered;
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

    /**
     * The offset the next event will get. A client's subscription can start here, before its
     * WebSocket is open: {@code subscribe(…, mark - 1)} replays whatever came in between.
     */
    public synchronized long mark() {
        return nextOffset;
    }

    /**
     * (Re)subscribes a client: replays kept events with an offset above {@code afterOffset} (none if
     * null), then delivers live ones, with nothing lost or repeated in between; in both, only what
     * {@code viewer} may see.
     */
    public void subscribe(Object client, Outbox outbox, Set<String> types, Long afterOffset, Viewer viewer) {
        Subscription subscription = new Subscription(outbox, Set.copyOf(types), viewer);
        int index = laneOf(client);
        FanOutLane lane = lanes[index];
        boolean start;
        synchronized (this) {
            List<FanOutLane.Kept> replay = new ArrayList<>();
            if (afterOffset != null) {
                for (FanOutLane.Kept kept : history) {
                    if (kept.offset() > afterOffset && subscription.wants(kept)) {
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

    public void unsubscribe(Object client) {
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

    /** The oldest offset still kept (the next one if none is). */
    public synchronized long oldestOffset() {
        return history.isEmpty() ? nextOffset : history.peekFirst().offset();
    }

    /** Events published since start (offsets start at 0). */
    public synchronized long publishedCount() {
        return nextOffset;
    }

    /** Events kept for replay now (at most {@code switchboard.bus.history}, and within {@code history-bytes}). */
    public synchronized int historyCount() {
        return history.size();
    }

    /** What the kept events hold, as counted against {@code switchboard.bus.history-bytes}. */
    public synchronized long historyBytes() {
        return keptBytes;
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    void shutdown(@Observes @Priority(100) ShuttingDown event) {
        shuttingDown = true;
    }

    private int laneOf(Object client) {
        return Math.floorMod(client.hashCode(), lanes.length);
    }

    static String typeName(BusEvent event) {
        if (event instanceof BusEvent.InboundEvent) {
            return "InboundEvent";
        } else if (event instanceof BusEvent.OutboundEvent) {
            return "OutboundEvent";
        } else if (event instanceof BusEvent.RunActivity) {
            return "RunEvent";
        }
        return "NeuroEvent";
    }
}
