package dev.switchboard.rpc;

import dev.switchboard.calls.CallService;
import dev.switchboard.calls.CallsDecoder;
import dev.switchboard.calls.ErrorCode;
import dev.switchboard.websocket.EndpointName;
import dev.switchboard.websocket.FeatureEndpoint;
import dev.switchboard.websocket.FrameLimit;
import dev.switchboard.websocket.Outbox;
import dev.switchboard.websocket.SharedEndpoint;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** {@code /rpc}: the functions of {@code /ws} in JSON-RPC 2.0. Everything it does is in {@link RpcConnection}. */
@Dependent
@ServerEndpoint(value = "/rpc", encoders = RpcEncoder.class, configurator = SharedEndpoint.class)
public class RpcEndpoint extends FeatureEndpoint<RpcFrame, RpcConnection> {
    @Inject
    CallService calls;

    @Inject
    OpenRpcDocument discovery;

    @Inject
    @ConfigProperty(name = "switchboard.calls.idle-timeout-ms", defaultValue = "600000")
    long idleTimeoutMillis;

    public RpcEndpoint() {
        // The same largest message as /ws: the same calls, in another dialect.
        super(EndpointName.RPC, FrameLimit.configured(CallsDecoder.MAX_BYTES_KEY, CallsDecoder.DEFAULT_MAX_BYTES),
                new RpcDecoder());
    }

    @Override
    protected Outbox openOutbox(Session session) {
        return outboxes.open(session, EndpointName.RPC, idleTimeoutMillis);
    }

    @Override
    protected RpcConnection opened(Session session, Outbox outbox) {
        return new RpcConnection(calls, outbox, discovery.document());
    }

    @Override
    protected void handle(Session session, RpcConnection connection, RpcFrame frame) {
        connection.accept(frame);
    }

    @Override
    protected Object errorReply(Refusal refusal, String message) {
        ErrorCode code = refusal == Refusal.RATE_LIMITED ? ErrorCode.RATE_LIMITED : ErrorCode.INVALID_REQUEST;
        return RpcEncoder.text(RpcMessage.Error.of(JsonValue.NULL, code, message));
    }

    @Override
    protected void closed(Session session, RpcConnection connection) {
        connection.close();
    }
}
