package dev.switchboard.bench;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Fan-out on {@code /events}: {@code clients} connections to one server, and {@code rounds} chat messages
 * from a separate sender ({@link BroadcastRounds}); measured: per round, the time from send until the last
 * client has it. Switchboard's clients subscribe to {@code InboundEvent}s only (see {@link BenchConfig}).
 */
final class BroadcastScenario implements Scenario {
    private final BenchConfig config;
    private final Clients clients;
    private final boolean withPython = Boolean.getBoolean("bench.broadcast.python");

    BroadcastScenario(BenchConfig config, Clients clients) {
        this.config = config;
        this.clients = clients;
    }

    @Override
    public String name() {
        return "broadcast";
    }

    @Override
    public String description() {
        return config.broadcastClients + " clients on /events, " + config.broadcastRounds
                + " rounds of one chat message; time until all have it";
    }

    @Override
    public List<Server> servers(Servers servers) {
        return Stream.of(servers.switchboard(), servers.node(), withPython ? servers.python() : null)
                .filter(Objects::nonNull).toList();
    }

    @Override
    public int reps() {
        return config.reps;
    }

    @Override
    public Measurement warmUp(Server server) throws Exception {
        return measure(server);
    }

    @Override
    public Measurement measure(Server server) throws Exception {
        boolean inboundOnly = config.broadcastFilter && server.name().equals("switchboard");
        return new BroadcastRounds(config, clients, BroadcastRounds.Placement.single(server, inboundOnly)).run();
    }
}
