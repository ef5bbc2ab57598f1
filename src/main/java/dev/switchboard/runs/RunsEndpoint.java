package dev.switchboard.runs;

import dev.switchboard.security.Admission;
import dev.switchboard.websocket.EndpointName;
import dev.switchboard.websocket.FeatureEndpoint;
import dev.switchboard.websocket.FrameLimit;
import dev.switchboard.websocket.Outbox;
import dev.switchboard.websocket.SharedEndpoint;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/** {@code /runs}: start, watch, cancel and resume runs. */
@Dependent
@ServerEndpoint(value = "/runs", encoders = RunsEncoder.class,
        configurator = SharedEndpoint.class)
public class RunsEndpoint extends FeatureEndpoint<RunCommand, RunsConnection> {
    @Inject
    RunManager runs;

    public RunsEndpoint() {
        super(EndpointName.RUNS, FrameLimit.configured(RunsDecoder.MAX_BYTES_KEY, RunsDecoder.DEFAULT_MAX_BYTES),
                new RunsDecoder());
    }

    @Override
    protected RunsConnection opened(Session session, Outbox outbox) {
        return new RunsConnection(outbox, Admission.caller(session));
    }

    @Override
    protected void handle(Session session, RunsConnection connection, RunCommand command) {
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

    @Override
    protected Object errorReply(Refusal refusal, String message) {
        return RunMessage.error(null, refusal.code(), message);
    }

    @Override
    protected void closed(Session session, RunsConnection connection) {
        runs.disconnected(connection);
    }
}
