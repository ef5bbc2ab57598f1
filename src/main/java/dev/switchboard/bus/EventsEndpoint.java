package dev.switchboard.bus;

import dev.switchboard.security.Admission;
import dev.switchboard.websocket.EndpointName;
import dev.switchboard.websocket.FeatureEndpoint;
import dev.switchboard.websocket.FrameLimit;
import dev.switchboard.websocket.Outbox;
import dev.switchboard.websocket.TokenBucket;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Set;
import java.util.UUID;

/**
 * {@code /events}: every client is subscribed to every event it may see ({@link Viewer}) from the moment its handshake is
 * accepted ({@link SubscribeAtHandshake}); a chat
 * message becomes an {@code InboundEvent} on the bus; {@code subscribe} filters and replays.
 */
@Dependent
@ServerEndpoint(value = "/events", encoders = EventsEncoder.class,
        configurator = SubscribeAtHandshake.class)
public class EventsEndpoint extends FeatureEndpoint<EventsFrame, EventsEndpoint.Client> {
    public static final CloseReason NOT_AVAILABLE =
            new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "WebSocket not available");

    @Inject
    EventBus bus;

    @Inject
    @ConfigProperty(name = "switchboard.bus.chat-per-second", defaultValue = "10")
    double chatPerSecond;

    @Inject
    @ConfigProperty(name = "switchboard.bus.chat-burst", defaultValue = "50")
    int chatBurst;

    /** One connection: the id its chat messages are published under, its chat rate, what it may see. */
    record Client(String id, TokenBucket chatRate, Viewer viewer, Outbox outbox) {
    }

    public EventsEndpoint() {
        super(EndpointName.EVENTS, FrameLimit.configured(EventsDecoder.MAX_BYTES_KEY, EventsDecoder.DEFAULT_MAX_BYTES),
                new EventsDecoder());
    }

    @Override
    protected CloseReason refusal() {
        return bus.isAvailable() ? null : NOT_AVAILABLE;
    }

    @Override
    protected Client opened(Session session, Outbox outbox) {
        Client client = new Client(UUID.randomUUID().toString(), new TokenBucket(chatPerSecond, chatBurst),
                Viewer.of(Admission.caller(session)), outbox);
        Long mark = (Long) session.getUserProperties().get(SubscribeAtHandshake.MARK);
        bus.subscribe(session.getId(), outbox, Set.of(), mark == null ? null : mark - 1, client.viewer());
        return client;
    }

    @Override
    protected void handle(Session session, Client client, EventsFrame frame) {
        if (frame instanceof EventsFrame.Chat chat) {
            if (!client.chatRate().tryTake()) {
                client.outbox().send(EventsReply.error("rate_limited", "Too many chat messages: at most " + chatBurst
                        + " at once and " + chatPerSecond + " per second after that; this one was not published"));
                return;
            }
            bus.publish(new BusEvent.InboundEvent(client.id(), "platform-ws:" + chat.source(), chat.content(),
                    BusEvent.now(), 0, -1));
        } else if (frame instanceof EventsFrame.Subscribe subscribe) {
            bus.subscribe(session.getId(), client.outbox(), subscribe.types(), subscribe.afterOffset(), subscribe.epoch(),
                    client.viewer());
        } else if (frame instanceof EventsFrame.Invalid invalid) {
            client.outbox().send(EventsReply.error(invalid.code(), invalid.message()));
        }
    }

    @Override
    protected Object errorReply(Refusal refusal, String message) {
        return EventsReply.error(refusal.code(), message);
    }

    @Override
    protected void closed(Session session, Client client) {
        bus.unsubscribe(session.getId());
    }
}
