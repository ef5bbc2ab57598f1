package dev.switchboard.neuro;

import dev.switchboard.websocket.SharedEndpoint;
import dev.switchboard.websocket.Outbox;
import dev.switchboard.websocket.Outboxes;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.util.logging.Level;
import java.util.logging.Logger;

/** {@code /neuro/console}: the operator's view of every game, and commands to steer them. */
@Dependent
@ServerEndpoint(value = "/neuro/console", decoders = ConsoleCodec.CommandDecoder.class,
        encoders = ConsoleCodec.MessageEncoder.class,
        configurator = SharedEndpoint.class)
public class NeuroConsoleEndpoint {
    private static final Logger LOG = Logger.getLogger(NeuroConsoleEndpoint.class.getName());

    @Inject
    NeuroHub hub;

    @Inject
    ConsoleService console;

    @Inject
    Outboxes outboxes;

    @OnOpen
    public void open(Session session) {
        hub.addConsole(outboxes.open(session));
    }

    @OnMessage
    public void message(Session session, ConsoleCommand command) {
        if (command instanceof ConsoleCommand.Snapshot) {
            hub.resendSnapshot(Outboxes.of(session));
        } else {
            Outboxes.of(session).send(console.handle(command));
        }
    }

    @OnClose
    public void close(Session session) {
        Outbox outbox = Outboxes.of(session);
        if (outbox != null) {
            hub.removeConsole(outbox);
        }
        outboxes.close(session);
    }

    @OnError
    public void error(Session session, Throwable error) {
        LOG.log(Level.FINE, "WebSocket error on a console " + session.getId(), error);
    }
}
