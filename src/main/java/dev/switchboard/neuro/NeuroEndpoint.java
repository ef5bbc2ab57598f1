package dev.switchboard.neuro;

import dev.switchboard.neuro.game.GameCommandEncoder;
import dev.switchboard.neuro.game.GameConnection;
import dev.switchboard.neuro.game.GameFrameDecoder;
import dev.switchboard.websocket.EndpointName;
import dev.switchboard.websocket.FeatureEndpoint;
import dev.switchboard.websocket.FrameLimit;
import dev.switchboard.websocket.Outbox;
import dev.switchboard.websocket.SharedEndpoint;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * {@code /neuro}: where games speaking the Neuro game API connect. The API has no error to answer with:
 * a frame that cannot be used, a binary frame or one over the rate limit is dropped, the first two with a
 * diagnostic.
 */
@Dependent
@ServerEndpoint(value = "/neuro", encoders = GameCommandEncoder.class,
        configurator = SharedEndpoint.class)
public class NeuroEndpoint extends FeatureEndpoint<GameFrameDecoder.Received, GameConnection> {
    @Inject
    NeuroHub hub;

    public NeuroEndpoint() {
        super(EndpointName.NEURO, FrameLimit.configured(GameFrameDecoder.MAX_BYTES_KEY, GameFrameDecoder.DEFAULT_MAX_BYTES),
                new GameFrameDecoder());
    }

    @Override
    protected GameConnection opened(Session session, Outbox outbox) {
        return hub.connect(outbox);
    }

    @Override
    protected void handle(Session session, GameConnection connection, GameFrameDecoder.Received received) {
        hub.receive(connection, received);
    }

    @Override
    protected void binaryFrame(Session session, GameConnection connection, int bytes) {
        hub.receive(connection, GameFrameDecoder.binary(bytes));
    }

    @Override
    protected Object errorReply(Refusal refusal, String message) {
        return null;
    }

    @Override
    protected void closed(Session session, GameConnection connection) {
        hub.disconnected(connection);
    }
}
