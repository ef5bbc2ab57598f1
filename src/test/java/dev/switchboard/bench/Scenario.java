package dev.switchboard.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One benchmark scenario. {@link Bench} warms each server up once, then measures {@link #reps()} times,
 * alternating the servers, and summarizes each metric as min/median/max.
 */
interface Scenario {
    String name();

    String description();

    /** The servers measured: Switchboard first, then its reference (if the scenario has one). */
    List<Server> servers(Servers servers);

    int reps();

    /** Runs the scenario once, unmeasured (failures still count). */
    Measurement warmUp(Server server) throws Exception;

    Measurement measure(Server server) throws Exception;

    /** Time series for plots (soak), keyed by server name then series name. */
    default Map<String, Object> series() {
        return Map.of();
    }

    /**
     * A scenario that is one load for a time: warmed up for {@code bench.warmup}, measured for
     * {@code bench.measure}, {@code bench.reps} times.
     */
    interface Timed extends Scenario {
        BenchConfig config();

        /** Puts the load on the server for {@code duration}, and what it measured. */
        Measurement run(Server server, Duration duration) throws Exception;

        @Override
        default int reps() {
            return config().reps;
        }

        @Override
        default Measurement warmUp(Server server) throws Exception {
            return run(server, config().warmup);
        }

        @Override
        default Measurement measure(Server server) throws Exception {
            return run(server, config().measure);
        }
    }

    /**
     * The servers the harness knows: any may be null when not started. {@code switchboard2} is a second
     * Switchboard instance forming a cluster with the first (the cluster scenarios).
     */
    record Servers(Server switchboard, Server python, Server node, Server switchboard2) {
    }
}
