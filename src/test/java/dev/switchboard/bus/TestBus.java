package dev.switchboard.bus;

import dev.switchboard.runs.PublishedRunEvent;
import dev.switchboard.websocket.FakeSession;
import dev.switchboard.websocket.JsonSupport;
import dev.switchboard.websocket.Outbox;
import jakarta.enterprise.event.Event;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An EventBus without a container: async CDI events go straight to the given observer, and one
 * subscribed fake client records what the bus broadcasts.
 */
public final class TestBus {
    public final EventBus bus = new EventBus();
    private final FakeSession client = new FakeSession(String::valueOf);
    private final ActivityRelay relay = new ActivityRelay();

    public TestBus(Consumer<BusEvent.InboundEvent> inboundObserver) {
        bus.enabled = true;
        bus.historySize = 1000;
        bus.historyBytes = 64L << 20;
        bus.start(Runnable::run); // delivered on the publisher's thread: the test sees it at once
        bus.inbound = inboundTo(inboundObserver);
        bus.subscribe(this, new Outbox(client.session(), 10_000, 1000, Runnable::run), Set.of(), null, Viewer.UNRESTRICTED);
        relay.bus = bus;
    }

    /** A run's event, mirrored onto this bus as the application's {@link ActivityRelay} does. */
    public void relay(PublishedRunEvent event) {
        relay.run(event);
    }

    /** CDI's chat events, handed straight to an observer. */
    @SuppressWarnings("unchecked")
    static Event<BusEvent.InboundEvent> inboundTo(Consumer<BusEvent.InboundEvent> observer) {
        return (Event<BusEvent.InboundEvent>) Proxy.newProxyInstance(TestBus.class.getClassLoader(),
                new Class<?>[]{Event.class}, (proxy, method, args) -> {
                    if (method.getName().equals("fire")) {
                        observer.accept((BusEvent.InboundEvent) args[0]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    public void publishChat(String sessionId, String content) {
        bus.publish(new BusEvent.InboundEvent(sessionId, "platform-ws:test", content, BusEvent.now(), 0, -1));
    }

    /** The next {@code count} events the fake client received, read back from their JSON. */
    public List<BusEvent> awaitEvents(int count) throws InterruptedException {
        List<BusEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(JsonSupport.JSONB.fromJson(client.next(), BusEvent.class));
        }
        return events;
    }
}
