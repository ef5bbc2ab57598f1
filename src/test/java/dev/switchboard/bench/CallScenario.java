package dev.switchboard.bench;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The calls throughput scenarios: on {@code /ws} (rr, pipelined, conns50, idle200active10) a {@link CallLoad}
 * of one shape against Switchboard and the Python reference, on {@code /rpc} (rpc-rr, rpc-pipelined) against
 * Switchboard alone (the reference has no JSON-RPC); msg/s, latency percentiles and CPU per message.
 */
final class CallScenario implements Scenario.Timed {
    private static final Duration SETTLE = Duration.ofMillis(500);
    private final String name;
    private final String description;
    private final CallLoad.Shape shape;
    private final BenchConfig config;
    private final Clients clients;

    CallScenario(String name, String description, CallLoad.Shape shape, BenchConfig config, Clients clients) {
        this.name = name;
        this.description = description;
        this.shape = shape;
        this.config = config;
        this.clients = clients;
    }

    static List<Scenario> all(BenchConfig config, Clients clients) {
        return List.of(
                new CallScenario("rr", "1 connection, request/response (no id)",
                        new CallLoad.Shape(1, 1, 0, false), config, clients),
                new CallScenario("pipelined", "1 connection, 64 calls in flight (with ids)",
                        new CallLoad.Shape(1, 64, 0, true), config, clients),
                new CallScenario("conns50", "50 connections, each request/response",
                        new CallLoad.Shape(50, 1, 0, false), config, clients),
                new CallScenario("idle200active10", "200 idle connections + 10 request/response connections",
                        new CallLoad.Shape(10, 1, 200, false), config, clients),
                new CallScenario("rpc-rr", "/rpc: 1 connection, JSON-RPC request/response (ids, as JSON-RPC needs)",
                        new CallLoad.Shape(1, 1, 0, true, CallLoad.Wire.RPC), config, clients),
                new CallScenario("rpc-pipelined", "/rpc: 1 connection, 64 JSON-RPC calls in flight",
                        new CallLoad.Shape(1, 64, 0, true, CallLoad.Wire.RPC), config, clients));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public List<Server> servers(Servers servers) {
        Server reference = shape.wire() == CallLoad.Wire.WS ? servers.python() : null;
        return java.util.stream.Stream.of(servers.switchboard(), reference).filter(Objects::nonNull).toList();
    }

    @Override
    public BenchConfig config() {
        return config;
    }

    @Override
    public Measurement run(Server server, Duration duration) throws Exception {
        Failures failures = new Failures();
        Measurement m = new Measurement(failures);
        try (CallLoad load = CallLoad.open(server, shape, clients, failures)) {
            load.start();
            Thread.sleep(SETTLE.toMillis());
            Measurement.CpuWindow cpu = new Measurement.CpuWindow(server, config.clockTicks);
            long before = load.completed();
            load.record(true);
            Thread.sleep(duration.toMillis());
            load.record(false);
            long replies = load.completed() - before;
            cpu.stop();
            load.stop(Duration.ofSeconds(10));
            cpu.putRates(m, "msg", replies);
            Samples latencies = load.latencies();
            m.put("p50_ms", latencies.percentileMillis(50));
            m.put("p99_ms", latencies.percentileMillis(99));
        }
        return m;
    }
}
