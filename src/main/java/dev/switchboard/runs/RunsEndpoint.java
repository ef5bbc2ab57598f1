package dev.switchboard.runs;

import dev.switchboard.security.Admission;
import dev.switchboard.websocket.SharedEndpoint;
import dev.switchboard.websocket.EndpointName;
import dev.switchboard.websocket.FrameLimit;
import dev.switchboard.websocket.MessageRate;
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

/** {@code /runs}: start, watch, cancel and resume runs. */
@Dependent
@ServerEndpoint(value = "/runs", encoders = RunsEncoder.class,
        configurator = SharedEndpoint.class)
public class RunsEndpoint {
    private static final Logger LOG = Logger.getLogger(RunsEndpoint.class.getName());
    private static final String CONNECTION = RunsConnection.class.getName();

    private final TextAssembler<RunCommand> texts = new TextAssembler<>(
            FrameLimit.configured(RunsDecoder.MAX_BYTES_KEY, RunsDecoder.DEFAULT_MAX_BYTES), new RunsDecoder());

    @Inject
    RunManager runs;

    @Inject
    Outboxes outboxes;

    @OnOpen
    public void open(Session session) {
        texts.limit().applyTo(session);
        session.getUserProperties().put(CONNECTION,
                new RunsConnection(outboxes.open(session, EndpointName.RUNS), Admission.caller(session)));
    }

    /** Text arrives in parts, counted against the limit as they come (see {@link TextAssembler}). */
    @OnMessage
    public void text(Session session, String part, boolean last) {
        texts.deliver(session, part, last, this::message, this::error);
    }

    private void message(Session session, RunCommand command) {
        if (!admitted(session)) {
            return;
        }
        RunsConnection connection = connection(session);
        if (command instanceof RunCommand.StartRun start) {
            runs.start(connection, start);
        } else if (command instanceof RunCommand.CancelRun cancel) {
            runs.cancel(connection, cancel);
        } else if (command instanceof RunCommand.Resume resume) {
            runs.resume(connection, resume);
        } else if (command instanceof RunCommand.ListRuns) {
            runs.list(connection);
        } else if (command instanceof RunCommand.Invalid invalid) {
            connection.send(RunMessage.error(invalid.runId(), invalid.code(), invalid.message()));
        }
    }

    /** Binary frames are not part of the protocol: answered, never a reason to close. */
    @OnMessage
    public void binary(Session session, ByteBuffer ignored) {
        if (!admitted(session)) {
            return;
        }
        connection(session).send(RunMessage.error(null, "invalid_request", "Binary frames are not supported: send JSON as text"));
    }

    /** The answer to the sweep's ping: the client is there. */
    @OnMessage
    public void pong(Session session, PongMessage pong) {
        Outboxes.heardFrom(session);
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        outboxes.close(session, reason);
        RunsConnection connection = connection(session);
        if (connection != null) {
            runs.disconnected(connection);
        }
    }

    @OnError
    public void error(Session session, Throwable error) {
        if (FrameLimit.closeIfTooBig(session, error)) {
            return;
        }
        LOG.log(Level.FINE, "WebSocket error on /runs session " + session.getId(), error);
    }

    private boolean admitted(Session session) {
        MessageRate.Admission admission = outboxes.admit(session);
        if (admission == MessageRate.Admission.REFUSED) {
            connection(session).send(RunMessage.error(null, "rate_limited", outboxes.rateLimitMessage()));
        }
        return admission == MessageRate.Admission.ADMITTED;
    }

    private static RunsConnection connection(Session session) {
        return (RunsConnection) session.getUserProperties().get(CONNECTION);
    }
}
