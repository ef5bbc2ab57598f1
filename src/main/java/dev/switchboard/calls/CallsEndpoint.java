package dev.switchboard.calls;

import dev.switchboard.websocket.EndpointName;
import dev.switchboard.websocket.FeatureEndpoint;
import dev.switchboard.websocket.FrameLimit;
import dev.switchboard.websocket.Outbox;
import dev.switchboard.websocket.SharedEndpoint;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** {@code /ws}: function calls. Everything it does is in {@link CallConnection}. */
@Dependent
@ServerEndpoint(value = "/ws", encoders = CallsEncoder.class,
        configurator = SharedEndpoint.class)
public class CallsEndpoint extends FeatureEndpoint<CallFrame, CallConnection> {
    @Inject
    CallService calls;

    @Inject
    @ConfigProperty(name = "switchboard.calls.idle-timeout-ms", defaultValue = "600000")
    long idleTimeoutMillis;

    public CallsEndpoint() {
        super(EndpointName.WS, FrameLimit.configured(CallsDecoder.MAX_BYTES_KEY, CallsDecoder.DEFAULT_MAX_BYTES),
                new CallsDecoder());
    }

    @Override
    protected Outbox openOutbox(Session session) {
        return outboxes.open(session, EndpointName.WS, idleTimeoutMillis);
    }

    @Override
    protected CallConnection opened(Session session, Outbox outbox) {
        return calls.connect(outbox);
    }

    @Override
    protected void handle(Session session, CallConnection connection, CallFrame frame) {
        connection.accept(frame);
    }

    @Override
    protected Object errorReply(Refusal refusal, String message) {
        ErrorCode code = refusal == Refusal.RATE_LIMITED ? ErrorCode.RATE_LIMITED : ErrorCode.INVALID_REQUEST;
        return CallsEncoder.text(CallReply.Failure.of(null, code, message));
    }

    @Override
    protected void closed(Session session, CallConnection connection) {
        connection.close();
    }
}
