package dev.switchboard.neuro;

import dev.switchboard.cluster.Cluster;
import dev.switchboard.concurrent.Workers;
import dev.switchboard.neuro.cluster.CommandWire;
import dev.switchboard.neuro.cluster.RemoteCommands;
import dev.switchboard.neuro.console.ConsoleCommand;
import dev.switchboard.neuro.console.ConsoleMessage;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.function.Consumer;

/**
 * Where an operator's command is carried out: by this instance's {@link ConsoleService}, or, with
 * clustering on and the game connected to another instance, by that one ({@link RemoteCommands}).
 */
@ApplicationScoped
public class ConsoleCommands {
    @Inject
    Cluster cluster;

    @Inject
    NeuroHub hub;

    @Inject
    ConsoleService service;

    @Inject
    Workers workers;

    @Inject
    @ConfigProperty(name = "switchboard.neuro.cluster.reply-timeout-ms", defaultValue = "5000")
    long replyTimeoutMillis;

    /** Null when clustering is off. */
    private RemoteCommands remote;

    @PostConstruct
    void start() {
        if (cluster.enabled()) {
            remote = new RemoteCommands(cluster.grid(), workers.scheduler(), service::handle, replyTimeoutMillis);
            remote.start();
        }
    }

    /** With clustering on, this instance serves commands and shares its games from startup, not from its first console. */
    void startup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (remote != null) {
            hub.shared();
        }
    }

    /** {@code reply} is given the command's answer once, on this thread or, for another instance's game, later. */
    void handle(ConsoleCommand command, Consumer<ConsoleMessage> reply) {
        String member = remote == null ? null : elsewhere(command);
        if (member == null) {
            reply.accept(service.handle(command));
        } else {
            remote.send(member, command, reply);
        }
    }

    /** The member a command's game connection is on, if it is not this one. */
    private String elsewhere(ConsoleCommand command) {
        String connectionId = CommandWire.connectionId(command);
        if (connectionId == null || hub.connection(connectionId).isPresent()) {
            return null;
        }
        return hub.shared().flatMap(shared -> shared.memberOf(connectionId)).orElse(null);
    }
}
