package dev.switchboard.calls;

import dev.switchboard.websocket.EndpointName;
import dev.switchboard.websocket.FrameLimit;
import dev.switchboard.websocket.MessageRate;
import dev.switchboard.websocket.SharedEndpoint;
import dev.switchboard.websocket.TextAssembler;
import dev.switchboard.websocket.Outboxes;
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

import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** {@code /ws}: function calls. Everything it does is in {@link CallConnection}. */
@Dependent
@ServerEndpoint(value = "/ws", encoders = CallsEncoder.class,
        configurator = SharedEndpoint.class)
public class CallsEndpoint {
    private static final Logger LOG = Logger.getLogger(CallsEndpoint.class.getName());
    private static final String CONNECTION = CallConnection.class.getName();

    private final TextAssembler<CallFrame> texts = new TextAssembler<>(
            FrameLimit.configured(CallsDecoder.MAX_BYTES_KEY, CallsDecoder.DEFAULT_MAX_BYTES), new CallsDecoder());

    @Inject
    CallService calls;

    @Inject
    Outboxes outboxes;

    @Inject
    @ConfigProperty(name = "switchboard.calls.idle-timeout-ms", defaultValue = "600000")
    long idleTimeoutMillis;

    @OnOpen
    public void open(Session session) {
        texts.limit().applyTo(session);
        // Idle connections are closed by the outboxes' sweep, not by a container timer per session.
        session.getUserProperties().put(CONNECTION, calls.connect(outboxes.open(session, EndpointName.WS, idleTimeoutMillis)));
    }

    /** Text arrives in parts, counted against the limit as they come (see {@link TextAssembler}). */
    @OnMessage
    public void text(Session session, String part, boolean last) {
        texts.deliver(session, part, last, this::message, this::error);
    }

    private void message(Session session, CallFrame frame) {
        if (admitted(session)) {
            connection(session).accept(frame);
        }
    }

    /** Binary frames are not part of the protocol: answered, never a reason to close. */
    @OnMessage
    public void binary(Session session, ByteBuffer ignored) {
        if (!admitted(session)) {
            return;
        }
        Outboxes.of(session).send(CallsEncoder.text(CallReply.Failure.of(null, ErrorCode.INVALID_REQUEST,
                "Binary frames are not supported: send JSON as text")));
    }

    /** The answer to the sweep's ping: the client is there. */
    @OnMessage
    public void pong(Session session, PongMessage pong) {
        Outboxes.heardFrom(session);
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        outboxes.close(session, reason);
        CallConnection connection = connection(session);
        if (connection != null) {
            connection.close();
        }
    }

    @OnError
    public void error(Session session, Throwable error) {
        if (FrameLimit.closeIfTooBig(session, error)) {
            return;
        }
        LOG.log(Level.FINE, "WebSocket error on /ws session " + session.getId(), error);
    }

    private boolean admitted(Session session) {
        MessageRate.Admission admission = outboxes.admit(session);
        if (admission == MessageRate.Admission.REFUSED) {
            Outboxes.of(session).send(CallsEncoder.text(CallReply.Failure.of(null, ErrorCode.RATE_LIMITED,
                    outboxes.rateLimitMessage())));
        }
        return admission == MessageRate.Admission.ADMITTED;
    }

    private static CallConnection connection(Session session) {
        return (CallConnection) session.getUserProperties().get(CONNECTION);
    }
}
