package dev.switchboard.neuro;

import dev.switchboard.websocket.EndpointName;
import dev.switchboard.websocket.FrameLimit;
import dev.switchboard.websocket.MessageRate;
import dev.switchboard.websocket.SharedEndpoint;
import dev.switchboard.websocket.Outboxes;
import dev.switchboard.websocket.TextAssembler;
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

import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** {@code /neuro}: where games speaking the Neuro game API connect. */
@Dependent
@ServerEndpoint(value = "/neuro", encoders = GameCommandEncoder.class,
        configurator = SharedEndpoint.class)
public class NeuroEndpoint {
    private static final Logger LOG = Logger.getLogger(NeuroEndpoint.class.getName());
    private static final String CONNECTION = GameConnection.class.getName();

    private final TextAssembler<GameFrameDecoder.Received> texts = new TextAssembler<>(
            FrameLimit.configured(GameFrameDecoder.MAX_BYTES_KEY, GameFrameDecoder.DEFAULT_MAX_BYTES), new GameFrameDecoder());

    @Inject
    NeuroHub hub;

    @Inject
    Outboxes outboxes;

    @OnOpen
    public void open(Session session) {
        texts.limit().applyTo(session);
        session.getUserProperties().put(CONNECTION, hub.connect(outboxes.open(session, EndpointName.NEURO)));
    }

    /** Text arrives in parts, counted against the limit as they come (see {@link TextAssembler}). */
    @OnMessage
    public void text(Session session, String part, boolean last) {
        texts.deliver(session, part, last, this::message, this::error);
    }

    private void message(Session session, GameFrameDecoder.Received received) {
        // Over the rate limit a game's frame is dropped (the Neuro API has no error to answer with).
        if (outboxes.admit(session) != MessageRate.Admission.ADMITTED) {
            return;
        }
        hub.receive((GameConnection) session.getUserProperties().get(CONNECTION), received);
    }

    @OnMessage
    public void binary(Session session, ByteBuffer data) {
        if (outboxes.admit(session) != MessageRate.Admission.ADMITTED) {
            return;
        }
        hub.receive((GameConnection) session.getUserProperties().get(CONNECTION), GameFrameDecoder.binary(data.remaining()));
    }

    /** The answer to the sweep's ping: the client is there. */
    @OnMessage
    public void pong(Session session, PongMessage pong) {
        Outboxes.heardFrom(session);
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        outboxes.close(session, reason);
        GameConnection connection = (GameConnection) session.getUserProperties().get(CONNECTION);
        if (connection != null) {
            hub.disconnected(connection);
        }
    }

    @OnError
    public void error(Session session, Throwable error) {
        if (FrameLimit.closeIfTooBig(session, error)) {
            return;
        }
        LOG.log(Level.FINE, "WebSocket error on a game connection " + session.getId(), error);
    }
}
