package dev.switchboard.bus;

import dev.switchboard.websocket.JsonSupport;
import dev.switchboard.websocket.Outbox;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-process bus. Publishing numbers an event (offsets rise by one, no gaps), keeps it in the
 * history, encodes it once and puts the text in every subscribed client's outbox, all under one lock,
 * so every client sees one order. Chat messages are then fired as asynchronous CDI events for the agent.
 * Outboxes only enqueue: a slow client is closed by its own outbox and never holds the lock.
 */
@ApplicationScoped
public class EventBus {
    /** A client's subscription: its outbox and the types it wants (empty = all). */
    record Subscription(Outbox outbox, Set<String> types) {
        boolean wants(BusEvent event) {
            return types.isEmpty() || types.contains(typeName(event));
        }
    }

    private record Kept(BusEvent event, String json) {
    }

    @Inject
    @ConfigProperty(name = "switchboard.bus.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "switchboard.bus.history", defaultValue = "1000")
    int historySize;

    @Inject
    Event<BusEvent.InboundEvent> inbound;

    private final Deque<Kept> history = new ArrayDeque<>();
    private final Map<Object, Subscription> subscriptions = new ConcurrentHashMap<>();
    private long nextOffset;
    private volatile boolean shuttingDown;

    /** False when disabled by configuration or shutting down: new clients are turned away (1013). */
    public boolean isAvailable() {
        return enabled && !shuttingDown;
    }

    public BusEvent publish(BusEvent event) {
        BusEvent numbered;
        synchronized (this) {
            numbered = event.withOffset(nextOffset++);
            Kept kept = new Kept(numbered, JsonSupport.JSONB.toJson(numbered));
            history.addLast(kept);
            if (history.size() > historySize) {
                history.removeFirst();
            }
            for (Subscription subscription : subscriptions.values()) {
                if (subscription.wants(numbered)) {
                    subscription.outbox().send(kept.json());
                }
            }
        }
        if (numbered instanceof BusEvent.InboundEvent message) {
            inbound.fireAsync(message);
        }
        return numbered;
    }

    /**
     * (Re)subscribes a client: replays kept events with an offset above {@code afterOffset} (none if
     * null), then delivers live ones, with nothing lost or repeated in between.
     */
    public synchronized void subscribe(Object client, Outbox outbox, Set<String> types, Long afterOffset) {
        Subscription subscription = new Subscription(outbox, Set.copyOf(types));
        if (afterOffset != null) {
            for (Kept kept : history) {
                if (kept.event().offset() > afterOffset && subscription.wants(kept.event())) {
                    outbox.send(kept.json());
                }
            }
        }
        subscriptions.put(client, subscription);
    }

    public void unsubscribe(Object client) {
        subscriptions.remove(client);
    }

    /** The oldest offset still kept (the next one if none is). */
    public synchronized long oldestOffset() {
        return history.isEmpty() ? nextOffset : history.peekFirst().event().offset();
    }

    public int subscriberCount() {
        return subscriptions.size();
    }

    void shutdown(@Observes @Priority(100) @BeforeDestroyed(ApplicationScoped.class) Object event) {
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
