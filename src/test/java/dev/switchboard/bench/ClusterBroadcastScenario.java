package dev.switchboard.bench;

import java.util.List;

/**
 * The broadcast on a cluster of two instances: the same {@code clients} and rounds as {@code broadcast}
 * ({@link BroadcastRounds}), the chat messages published on the first instance, and the clients either
 * split evenly over both instances or (the reference, alternated with it) all on the first. Both
 * instances' CPU is counted in both. Every client must get every round with the same offset.
 */
final class ClusterBroadcastScenario implements Scenario {
    private final BenchConfig config;
    private final Clients clients;

    ClusterBroadcastScenario(BenchConfig config, Clients clients) {
        this.config = config;
        this.clients = clients;
    }

    @Override
    public String name() {
        return "cluster-broadcast";
    }

    @Override
    public String description() {
        return config.broadcastClients + " clients on /events of a cluster of 2 instances, " + config.broadcastRounds
                + " rounds of one chat message published on the first; time until all have it, clients split"
                + " evenly over both instances against all on the first";
    }

    @Override
    public List<Server> servers(Servers servers) {
        List<Server> instances = ClusterInstances.of(servers, name());
        return List.of(
                Server.of(ClusterInstances.SPLIT, "Switchboard cluster, clients on both instances", instances),
                Server.of(ClusterInstances.ONE, "Switchboard cluster, clients on the first instance", instances));
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
        Server first = server.members().get(0);
        List<Server> receivers = server.name().equals(ClusterInstances.SPLIT) ? server.members() : List.of(first);
        return new BroadcastRounds(config, clients,
                new BroadcastRounds.Placement(server, first, receivers, config.broadcastFilter)).run();
    }
}
