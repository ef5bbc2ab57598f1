package dev.switchboard.bus;

import dev.switchboard.security.Admission;
import dev.switchboard.websocket.EndpointName;
import dev.switchboard.websocket.FrameLimit;
import dev.switchboard.websocket.MessageRate;
import dev.switchboard.websocket.Outbox;
import dev.switchboard.websocket.Outboxes;
import dev.switchboard.websocket.TextAssembler;
import dev.switchboard.websocket.TokenBucket;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /events}: every client is subscribed to every event it may see ({@link Viewer}) from the moment its handshake is
 * accepted ({@link SubscribeAtHandshake}); a chat
 * message becomes an {@code InboundEvent} on the bus; {@code subscribe} filters and replays.
 */
@Dependent
@ServerEndpoint(value = "/events", encoders = EventsEncoder.class,
        configurator = SubscribeAtHandshake.class)
public class EventsEndpoint {
    private static final Logger LOG = Logger.getLogger(EventsEndpoint.class.getName());
    private static final String SESSION_ID = "switchboard.events.session-id";
    private static final String CHAT_RATE = TokenBucket.class.getName();
    private static final String VIEWER = Viewer.class.getName();
    public static final CloseReason NOT_AVAILABLE =
            new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "WebSocket not available");

    private final TextAssembler<EventsFrame> texts = new TextAssembler<>(
            FrameLimit.configured(EventsDecoder.MAX_BYTES_KEY, EventsDecoder.DEFAULT_MAX_BYTES), new EventsDecoder());

    @Inject
    EventBus bus;

    @Inject
    Outboxes outboxes;

    @Inject
    @ConfigProperty(name = "switchboard.bus.chat-per-second", defaultValue = "10")
    double chatPerSecond;

    @Inject
    @ConfigProperty(name = "switchboard.bus.chat-burst", defaultValue = "50")
    int chatBurst;

    @OnOpen
    public void open(Session session) throws IOException {
        if (!bus.isAvailable()) {
            session.close(NOT_AVAILABLE);
            return;
        }
        texts.limit().applyTo(session);
        session.getUserProperties().put(SESSION_ID, UUID.randomUUID().toString());
        session.getUserProperties().put(CHAT_RATE, new TokenBucket(chatPerSecond, chatBurst));
        Viewer viewer = Viewer.of(Admission.caller(session));
        session.getUserProperties().put(VIEWER, viewer);
        Long mark = (Long) session.getUserProperties().get(SubscribeAtHandshake.MARK);
        bus.subscribe(session.getId(), outboxes.open(session, EndpointName.EVENTS), Set.of(), mark == null ? null : mark - 1,
                viewer);
    }

    /** Text arrives in parts, counted against the limit as they come (see {@link TextAssembler}). */
    @OnMessage
    public void text(Session session, String part, boolean last) {
        texts.deliver(session, part, last, this::message, this::error);
    }

    private void message(Session session, EventsFrame frame) {
        Outbox outbox = Outboxes.of(session);
        if (outbox == null || !admitted(session, outbox)) {
            return;
        }
        if (frame instanceof EventsFrame.Chat chat) {
            if (!((TokenBucket) session.getUserProperties().get(CHAT_RATE)).tryTake()) {
                outbox.send(EventsReply.error("rate_limited", "Too many chat messages: at most " + chatBurst
                        + " at once and " + chatPerSecond + " per second after that; this one was not published"));
                return;
            }
            bus.publish(new BusEvent.InboundEvent((String) session.getUserProperties().get(SESSION_ID),
                    "platform-ws:" + chat.source(), chat.content(), BusEvent.now(), 0, -1));
        } else if (frame instanceof EventsFrame.Subscribe subscribe) {
            bus.subscribe(session.getId(), outbox, subscribe.types(), subscribe.afterOffset(),
                    (Viewer) session.getUserProperties().get(VIEWER));
        } else if (frame instanceof EventsFrame.Invalid invalid) {
            outbox.send(EventsReply.error(invalid.code(), invalid.message()));
        }
    }

    /** Binary frames are not part of the protocol: answered, never a reason to close. */
    @OnMessage
    public void binary(Session session, ByteBuffer ignored) {
        Outbox outbox = Outboxes.of(session);
        if (outbox != null && admitted(session, outbox)) {
            outbox.send(EventsReply.error("invalid_request", "Binary frames are not supported: send JSON as text"));
        }
    }

    private boolean admitted(Session session, Outbox outbox) {
        MessageRate.Admission admission = outboxes.admit(session);
        if (admission == MessageRate.Admission.REFUSED) {
            outbox.send(EventsReply.error("rate_limited", outboxes.rateLimitMessage()));
        }
        return admission == MessageRate.Admission.ADMITTED;
    }

    /** The answer to the sweep's ping: the client is there. */
    @OnMessage
    public void pong(Session session, PongMessage pong) {
        Outboxes.heardFrom(session);
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        bus.unsubscribe(session.getId());
        outboxes.close(session, reason);
    }

    @OnError
    public void error(Session session, Throwable error) {
        if (FrameLimit.closeIfTooBig(session, error)) {
            return;
        }
        LOG.log(Level.FINE, "WebSocket error on /events session " + session.getId(), error);
    }
}
