package dev.switchboard.neuro;

import dev.switchboard.websocket.EndpointName;
import dev.switchboard.websocket.FrameLimit;
import dev.switchboard.websocket.MessageRate;
import dev.switchboard.websocket.Outbox;
import dev.switchboard.websocket.Outboxes;
import dev.switchboard.websocket.SharedEndpoint;
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

/** {@code /neuro/console}: the operator's view of every game, and commands to steer them. */
@Dependent
@ServerEndpoint(value = "/neuro/console",
        encoders = ConsoleCodec.MessageEncoder.class,
        configurator = SharedEndpoint.class)
public class NeuroConsoleEndpoint {
    private static final Logger LOG = Logger.getLogger(NeuroConsoleEndpoint.class.getName());

    private final TextAssembler<ConsoleCommand> texts = new TextAssembler<>(FrameLimit.configured(
            ConsoleCodec.CommandDecoder.MAX_BYTES_KEY, ConsoleCodec.CommandDecoder.DEFAULT_MAX_BYTES),
            new ConsoleCodec.CommandDecoder());

    @Inject
    NeuroHub hub;

    @Inject
    ConsoleService console;

    @Inject
    Outboxes outboxes;

    @OnOpen
    public void open(Session session) {
        texts.limit().applyTo(session);
        hub.addConsole(outboxes.open(session, EndpointName.CONSOLE));
    }

    /** Text arrives in parts, counted against the limit as they come (see {@link TextAssembler}). */
    @OnMessage
    public void text(Session session, String part, boolean last) {
        texts.deliver(session, part, last, this::message, this::error);
    }

    private void message(Session session, ConsoleCommand command) {
        if (!admitted(session)) {
            return;
        }
        if (command instanceof ConsoleCommand.Snapshot) {
            hub.resendSnapshot(Outboxes.of(session));
        } else {
            Outboxes.of(session).send(console.handle(command));
        }
    }

    /** Binary frames are not part of the console protocol: answered, never a reason to close. */
    @OnMessage
    public void binary(Session session, ByteBuffer ignored) {
        if (!admitted(session)) {
            return;
        }
        Outboxes.of(session).send(console.handle(new ConsoleCommand.Invalid(null, "invalid_request",
                "Binary frames are not supported: send JSON as text")));
    }

    private boolean admitted(Session session) {
        MessageRate.Admission admission = outboxes.admit(session);
        if (admission == MessageRate.Admission.REFUSED) {
            Outboxes.of(session).send(console.handle(new ConsoleCommand.Invalid(null, "rate_limited",
                    outboxes.rateLimitMessage())));
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
        Outbox outbox = Outboxes.of(session);
        if (outbox != null) {
            hub.removeConsole(outbox);
        }
        outboxes.close(session, reason);
    }

    @OnError
    public void error(Session session, Throwable error) {
        if (FrameLimit.closeIfTooBig(session, error)) {
            return;
        }
        LOG.log(Level.FINE, "WebSocket error on a console " + session.getId(), error);
    }
}
