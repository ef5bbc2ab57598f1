package dev.switchboard.neuro.cluster;

import dev.switchboard.cluster.Grid;
import dev.switchboard.neuro.console.ConsoleCodec;
import dev.switchboard.neuro.console.ConsoleCommand;
import dev.switchboard.neuro.console.ConsoleMessage;
import dev.switchboard.websocket.JsonSupport;
import jakarta.websocket.DecodeException;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Operator commands about games on other instances. A command goes to the instance the game is on as an
 * {@link OwnerRequest} on the requests topic; that instance reads it with the console's decoder,
 * carries it out as its own console's, and answers with an {@link OwnerReply} on the replies topic.
 * An instance that does not answer within the timeout, or leaves meanwhile, is answered for with
 * {@code owner_unavailable}: the command may or may not have been carried out.
 */
public final class RemoteCommands {
    private static final Logger LOG = Logger.getLogger(RemoteCommands.class.getName());
    static final String REQUESTS = "neuro.commands";
    static final String REPLIES = "neuro.replies";
    public static final String OWNER_UNAVAILABLE = "owner_unavailable";

    private record Waiting(String member, String requestId, Consumer<ConsoleMessage> reply) {
    }

    private final Grid grid;
    private final ScheduledExecutorService scheduler;
    private final Function<ConsoleCommand, ConsoleMessage> local;
    private final long timeoutMillis;
    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();

    /**
     * {@code local} carries out a command on this instance (also how the {@code owner_unavailable} error is
     * made: as an invalid command, so that errors are built and counted in one place).
     */
    public RemoteCommands(Grid grid, ScheduledExecutorService scheduler, Function<ConsoleCommand, ConsoleMessage> local,
                          long timeoutMillis) {
        this.grid = grid;
        this.scheduler = scheduler;
        this.local = local;
        this.timeoutMillis = timeoutMillis;
    }

    public void start() {
        grid.subscribe(REQUESTS, this::serve);
        grid.subscribe(REPLIES, this::answered);
        grid.onMemberLeft(this::left);
    }

    /** Sends a command about a connection on {@code member}; {@code reply} gets the answer once. */
    public void send(String member, ConsoleCommand command, Consumer<ConsoleMessage> reply) {
        String ticket = UUID.randomUUID().toString();
        waiting.put(ticket, new Waiting(member, command.requestId(), reply));
        try {
            scheduler.schedule(() -> unavailable(ticket, "did not answer within " + timeoutMillis + " ms"),
                    timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            unavailable(ticket, "could not be waited for (this instance is shutting down)");
            return;
        }
        grid.publish(REQUESTS, JsonSupport.JSONB.toJson(new OwnerRequest(member, grid.memberId(), ticket,
                CommandWire.of(command))));
    }

    /** Commands waiting for an answer now. */
    public int waiting() {
        return waiting.size();
    }

    private void serve(String json) {
        OwnerRequest request;
        ConsoleCommand command;
        try {
            request = JsonSupport.JSONB.fromJson(json, OwnerRequest.class);
            if (!grid.memberId().equals(request.to())) {
                return;
            }
            command = new ConsoleCodec.CommandDecoder().decode(request.command().toString());
        } catch (RuntimeException | DecodeException unreadable) {
            LOG.log(Level.WARNING, "Ignored an unreadable Neuro command from the grid", unreadable);
            return;
        }
        grid.publish(REPLIES, JsonSupport.JSONB.toJson(new OwnerReply(request.from(), request.ticket(), local.apply(command))));
    }

    private void answered(String json) {
        OwnerReply reply;
        try {
            reply = JsonSupport.JSONB.fromJson(json, OwnerReply.class);
        } catch (RuntimeException unreadable) {
            LOG.log(Level.WARNING, "Ignored an unreadable Neuro reply from the grid", unreadable);
            return;
        }
        if (grid.memberId().equals(reply.to())) {
            Waiting asked = waiting.remove(reply.ticket());
            if (asked != null) {
                asked.reply().accept(reply.reply());
            }
        }
    }

    private void left(String member) {
        waiting.forEach((ticket, asked) -> {
            if (asked.member().equals(member)) {
                unavailable(ticket, "left the cluster");
            }
        });
    }

    private void unavailable(String ticket, String why) {
        Waiting asked = waiting.remove(ticket);
        if (asked != null) {
            asked.reply().accept(local.apply(new ConsoleCommand.Invalid(asked.requestId(), OWNER_UNAVAILABLE,
                    "The instance the game is connected to " + why + "; the command may or may not have been carried out")));
        }
    }
}
