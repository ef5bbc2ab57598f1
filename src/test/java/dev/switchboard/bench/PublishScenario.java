package dev.switchboard.bench;

import java.time.Duration;
import java.util.List;

/**
 * Publish throughput on {@code /events} ({@link PublishLoad}): {@code publish} on one server; {@code
 * cluster-publish} on a cluster of two instances, the publishers split over both instances against (the
 * reference, alternated with it) all on the first, with an observer on each instance either way. Both
 * instances' CPU is counted in both. Every chat message also gets the agent's answer on the bus, as in use.
 */
final class PublishScenario implements Scenario.Timed {
    private static final Duration SETTLE = Duration.ofMillis(500);
    private static final Duration DRAIN = Duration.ofSeconds(10);
    private final boolean cluster;
    private final BenchConfig config;
    private final Clients clients;

    private PublishScenario(boolean cluster, BenchConfig config, Clients clients) {
        this.cluster = cluster;
        this.config = config;
        this.clients = clients;
    }

    static List<Scenario> all(BenchConfig config, Clients clients) {
        return List.of(new PublishScenario(false, config, clients), new PublishScenario(true, config, clients));
    }

    @Override
    public String name() {
        return cluster ? "cluster-publish" : "publish";
    }

    @Override
    public String description() {
        String load = config.publishers + " publishers on /events, each " + config.publishWindow
                + " chat messages in flight until ";
        return cluster ? load + "an observer on each of 2 clustered instances has it; publishers split over both"
                + " instances against all on the first" : load + "an observer has it";
    }

    @Override
    public List<Server> servers(Servers servers) {
        if (!cluster) {
            return servers.switchboard() == null ? List.of() : List.of(servers.switchboard());
        }
        List<Server> instances = ClusterInstances.of(servers, name());
        return List.of(
                Server.of(ClusterInstances.SPLIT, "Switchboard cluster, publishers on both instances", instances),
                Server.of(ClusterInstances.ONE, "Switchboard cluster, publishers on the first instance", instances));
    }

    @Override
    public BenchConfig config() {
        return config;
    }

    private PublishLoad.Placement placement(Server server) {
        if (!cluster) {
            return PublishLoad.Placement.single(server);
        }
        List<Server> instances = server.members();
        List<Server> publishing = server.name().equals(ClusterInstances.SPLIT) ? instances
                : List.of(instances.get(0));
        return new PublishLoad.Placement(server, publishing, instances);
    }

    @Override
    public Measurement run(Server server, Duration duration) throws Exception {
        Failures failures = new Failures();
        Measurement m = new Measurement(failures);
        try (PublishLoad load = PublishLoad.open(placement(server), config.publishers, config.publishWindow,
                clients, failures)) {
            if (!load.firstContact(config.roundTimeout)) {
                return m; // the failures say which instance did not get what
            }
            load.start();
            Thread.sleep(SETTLE.toMillis());
            Measurement.CpuWindow cpu = new Measurement.CpuWindow(server, config.clockTicks);
            long before = load.completed();
            load.record(true);
            Thread.sleep(duration.toMillis());
            load.record(false);
            long published = load.completed() - before;
            cpu.stop();
            load.stop(DRAIN);
            cpu.putRates(m, "publish", published);
            Samples latencies = load.latencies();
            m.put("p50_ms", latencies.percentileMillis(50));
            m.put("p99_ms", latencies.percentileMillis(99));
        }
        return m;
    }
}
