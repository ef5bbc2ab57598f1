package dev.switchboard.neuro;

import dev.switchboard.neuro.console.ConsoleCodec;
import dev.switchboard.neuro.console.ConsoleCommand;
import dev.switchboard.websocket.EndpointName;
import dev.switchboard.websocket.FeatureEndpoint;
import dev.switchboard.websocket.FrameLimit;
import dev.switchboard.websocket.Outbox;
import dev.switchboard.websocket.SharedEndpoint;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/** {@code /neuro/console}: the operator's view of every game, and commands to steer them. */
@Dependent
@ServerEndpoint(value = "/neuro/console",
        encoders = ConsoleCodec.MessageEncoder.class,
        configurator = SharedEndpoint.class)
public class NeuroConsoleEndpoint extends FeatureEndpoint<ConsoleCommand, Outbox> {
    @Inject
    NeuroHub hub;

    @Inject
    ConsoleService console;

    @Inject
    ConsoleCommands commands;

    public NeuroConsoleEndpoint() {
        super(EndpointName.CONSOLE, FrameLimit.configured(ConsoleCodec.CommandDecoder.MAX_BYTES_KEY,
                ConsoleCodec.CommandDecoder.DEFAULT_MAX_BYTES), new ConsoleCodec.CommandDecoder());
    }

    @Override
    protected Outbox opened(Session session, Outbox outbox) {
        hub.addConsole(outbox);
        return outbox;
    }

    @Override
    protected void handle(Session session, Outbox outbox, ConsoleCommand command) {
        if (command instanceof ConsoleCommand.Snapshot) {
            hub.resendSnapshot(outbox);
        } else {
            commands.handle(command, outbox::send);
        }
    }

    @Override
    protected Object errorReply(Refusal refusal, String message) {
        return console.handle(new ConsoleCommand.Invalid(null, refusal.code(), message));
    }

    @Override
    protected void closed(Session session, Outbox outbox) {
        hub.removeConsole(outbox);
    }
}
