package dev.switchboard.bus;

import dev.switchboard.cluster.Cluster;
import dev.switchboard.concurrent.Workers;
import dev.switchboard.lifecycle.ShuttingDown;
import dev.switchboard.websocket.Outbox;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The bus. Publishing numbers an event ({@link Numbering}: offsets rise by one, no gaps), and this
 * instance's {@link LocalDelivery} keeps it in the history and hands it to every {@link FanOutLane}
 * in offset order, so every client sees one order; the lanes deliver to their share of the clients on
 * worker threads, so one event's fan-out never holds up the next publisher. Chat messages are then
 * fired as CDI events for the agent, by the instance where they were published only.
 * <p>
 * With clustering on, the offsets are the sequence of one log on the grid that every instance reads
 * back ({@link GridNumbering}); off, this instance numbers alone ({@link LocalNumbering}). Which one is
 * decided once, at startup.
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

    /** Events kept for replay; with clustering on, also the capacity of the cluster's log. */
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
    Cluster cluster;

    @Inject
    Event<BusEvent.InboundEvent> inbound;

    @Inject
    Workers workers;

    private LocalDelivery delivery;
    private Numbering numbering;
    private volatile boolean shuttingDown;

    @PostConstruct
    void start() {
        start(workers.executor(), workers.scheduler());
    }

    /** This instance alone (tests). */
    void start(Executor executor) {
        start(executor, null);
    }

    /**
     * Makes the lanes and chooses the numbering: the cluster's log when clustering is on (and the bus
     * is), otherwise this instance's own, in an epoch made now (a restart loses the history).
     */
    void start(Executor executor, ScheduledExecutorService timers) {
        int lanes = laneCount > 0 ? laneCount : Runtime.getRuntime().availableProcessors();
        delivery = new LocalDelivery(executor, lanes, historySize, historyBytes, SharedEpoch.random());
        numbering = enabled && cluster != null && cluster.enabled()
                ? GridNumbering.join(cluster, delivery, executor, timers, historySize)
                : new LocalNumbering(delivery);
    }

    /** True unless switched off by configuration. */
    public boolean isEnabled() {
        return enabled;
    }

    /** False when disabled by configuration or shutting down: new clients are turned away (1013). */
    public boolean isAvailable() {
        return enabled && !shuttingDown;
    }

    /**
     * Publishes an event; returns it numbered once its offset is acknowledged (with clustering on: once
     * the grid keeps it with its backup). Never called under a lock: with clustering on it waits for the grid.
     */
    public BusEvent publish(BusEvent event) {
        BusEvent numbered = numbering.number(event);
        if (numbered instanceof BusEvent.InboundEvent message) {
            inbound.fire(message);
        }
        return numbered;
    }

    /**
     * The offset the next event published will get, by whichever instance. A client's subscription can
     * start here, before its WebSocket is open: {@code subscribe(…, mark - 1)} replays whatever came in
     * between. (An instance that has not yet read the cluster's newest events delivers them to the client
     * as it reads them: never the older history as if it were new.)
     */
    public long mark() {
        return numbering.newest() + 1;
    }

    /** {@link #subscribe(Object, Outbox, Set, Long, String, Viewer)} within the current epoch. */
    public void subscribe(Object client, Outbox outbox, Set<String> types, Long afterOffset, Viewer viewer) {
        subscribe(client, outbox, types, afterOffset, null, viewer);
    }

    /**
     * (Re)subscribes a client: replays kept events with an offset above {@code afterOffset} (none if
     * null), then delivers live ones, with nothing lost or repeated in between; in both, only what
     * {@code viewer} may see. If that replay cannot be exactly what the client missed ({@code epoch}
     * is not the current one, or {@code afterOffset} is older than what is kept, or was never given), the
     * client gets a {@link ReplayGap} first and then everything kept.
     */
    public void subscribe(Object client, Outbox outbox, Set<String> types, Long afterOffset, String epoch,
                          Viewer viewer) {
        Subscription subscription = new Subscription(outbox, Set.copyOf(types), viewer);
        // Another instance may have delivered newer events than this one has yet: asked only then (a grid call, no lock held).
        long newestKnown = afterOffset != null && afterOffset >= delivery.mark() ? numbering.newest() : -1;
        delivery.subscribe(client, subscription, afterOffset, epoch, newestKnown);
    }

    public void unsubscribe(Object client) {
        delivery.unsubscribe(client);
    }

    /** The history's epoch: it changes whenever the history may have been lost. */
    public String epoch() {
        return delivery.epoch();
    }

    /** The oldest offset still kept (the next one if none is). */
    public long oldestOffset() {
        return delivery.oldestOffset();
    }

    /** The next offset to deliver here: events published since start (offsets start at 0), on a cluster since it started. */
    public long publishedCount() {
        return delivery.mark();
    }

    /** Events kept for replay now (at most {@code switchboard.bus.history}, and within {@code history-bytes}). */
    public int historyCount() {
        return delivery.historyCount();
    }

    /** What the kept events hold, as counted against {@code switchboard.bus.history-bytes}. */
    public long historyBytes() {
        return delivery.historyBytes();
    }

    /** Events of the cluster's log this instance could not deliver: they were overwritten before it read them. */
    public long skippedCount() {
        return numbering.skipped();
    }

    public int subscriberCount() {
        return delivery.subscriberCount();
    }

    void shutdown(@Observes @Priority(100) ShuttingDown event) {
        shuttingDown = true;
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
