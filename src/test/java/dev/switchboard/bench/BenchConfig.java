package dev.switchboard.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Every knob of the benchmark, as a system property {@code bench.*} with a default; {@code -Dbench.quick=true}
 * switches to short defaults (each property set explicitly still wins). Servers are found through
 * {@code bench.<name>.url} / {@code bench.<name>.pid}, or the environment ({@code BENCH_SWITCHBOARD_URL},
 * {@code BENCH_SWITCHBOARD_PID}, …), which is how bench/run.sh passes them.
 */
final class BenchConfig {
    /** Every scenario, in the order of the report. */
    static final List<String> ALL = List.of("rr", "pipelined", "conns50", "idle200active10", "rpc-rr", "rpc-pipelined",
            "mcp", "broadcast", "cluster-broadcast", "publish", "cluster-publish", "idle10k", "runs", "soak");
    /** Those that need two Switchboard instances forming a cluster: run only when named. */
    static final List<String> CLUSTER = List.of("cluster-broadcast", "cluster-publish");
    /** Run only when named, or with {@code all}. */
    private static final List<String> OPT_IN = List.of("soak", "publish");
    /**
     * A default run: all but soak, publish and the cluster scenarios (bench/run.sh starts one generator per
     * scenario, each on a fresh server).
     */
    private static final List<String> DEFAULT_ORDER = ALL.stream()
            .filter(s -> !OPT_IN.contains(s) && !CLUSTER.contains(s)).toList();

    final boolean quick = Boolean.getBoolean("bench.quick");
    final List<String> scenarios = scenarios();
    final Duration warmup = Duration.ofMillis(millis("bench.warmupSeconds", 15, 1));
    final Duration measure = Duration.ofMillis(millis("bench.seconds", 10, 3));
    final int reps = integer("bench.reps", 3, 3);
    final long clockTicks = integer("bench.clkTck", 100, 100);
    final int handshakes = integer("bench.handshakes", 100, 100);
    /** Connections per HttpClient (each has one selector thread). */
    final int connectionsPerClient = integer("bench.connectionsPerClient", 250, 250);
    /** Run the WebSocket listeners on the selector threads instead of handing each message to a pool. */
    final boolean directExecutor = Boolean.parseBoolean(System.getProperty("bench.directExecutor", "true"));

    final int broadcastClients = integer("bench.broadcast.clients", 1000, 1000);
    final int broadcastRounds = integer("bench.broadcast.rounds", 50, 50);
    /**
     * Switchboard's clients subscribe to {@code InboundEvent}s only, so that its fan-out is the references'
     * (one event per client per round) rather than also the agent's answer to every round.
     */
    final boolean broadcastFilter = Boolean.parseBoolean(System.getProperty("bench.broadcast.filter", "true"));
    final Duration roundTimeout = Duration.ofMillis(integer("bench.broadcast.roundTimeoutMs", 5000, 5000));

    final int publishers = integer("bench.publish.publishers", 4, 4);
    final int publishWindow = integer("bench.publish.window", 16, 16);

    final int idleConnections = integer("bench.idle.connections", 10_000, 10_000);
    final int idleWarmupConnections = integer("bench.idle.warmupConnections", 1_000, 500);

    final int runsCount = integer("bench.runs.count", 16, 16);
    final int runsSteps = integer("bench.runs.steps", 1000, 1000);
    final int runsReps = integer("bench.runs.reps", 5, 3);

    final Duration soak = Duration.ofMillis(millis("bench.soakMinutes", 600, 60) );
    final Duration soakBucket = Duration.ofMillis(millis("bench.soak.bucketSeconds", 10, 10));
    final Duration soakHeapEvery = Duration.ofMillis(millis("bench.soak.heapEverySeconds", 60, 20));

    final Path outDir = Path.of(System.getProperty("bench.out", "docs/perf"));
    final Path report = Path.of(System.getProperty("bench.report", "docs/PERFORMANCE.md"));

    /** Seconds (or, for bench.soakMinutes, minutes: the defaults are given in seconds) as milliseconds. */
    private long millis(String key, double normalSeconds, double quickSeconds) {
        String value = System.getProperty(key);
        double unit = key.endsWith("Minutes") ? 60 : 1;
        if (value != null) {
            return Math.round(Double.parseDouble(value) * unit * 1000);
        }
        return Math.round((quick ? quickSeconds : normalSeconds) * 1000);
    }

    private int integer(String key, int normal, int quickValue) {
        String value = System.getProperty(key);
        return value != null ? Integer.parseInt(value.trim()) : quick ? quickValue : normal;
    }

    private static List<String> scenarios() {
        String value = System.getProperty("bench.scenarios", "").trim();
        if (value.isEmpty() || value.equals("default")) {
            return DEFAULT_ORDER;
        }
        if (value.equals("all")) {
            return ALL.stream().filter(s -> !CLUSTER.contains(s)).toList();
        }
        List<String> chosen = new ArrayList<>();
        for (String name : value.split("[,\\s]+")) {
            if (!ALL.contains(name)) {
                throw new IllegalArgumentException("Unknown scenario '" + name + "'; known: " + ALL);
            }
            chosen.add(name);
        }
        return chosen;
    }

    /** The server called {@code name}, if its URL is configured. */
    Server server(String name, String label, boolean jvm) {
        String url = setting("bench." + name + ".url", "BENCH_" + name.toUpperCase(Locale.ROOT) + "_URL");
        if (url == null || url.isBlank()) {
            return null;
        }
        String pid = setting("bench." + name + ".pid", "BENCH_" + name.toUpperCase(Locale.ROOT) + "_PID");
        return new Server(name, label, URI.create(url.replaceAll("/+$", "")),
                pid == null || pid.isBlank() ? 0 : Long.parseLong(pid.trim()), jvm);
    }

    private static String setting(String property, String env) {
        String value = System.getProperty(property);
        return value != null ? value : System.getenv(env);
    }

    @Override
    public String toString() {
        return "quick=" + quick + " scenarios=" + scenarios + " warmup=" + warmup.toSeconds() + "s measure="
                + measure.toMillis() / 1000.0 + "s reps=" + reps + " broadcast=" + broadcastClients + "x"
                + broadcastRounds + (broadcastFilter ? "(InboundEvent only)" : "") + " publish=" + publishers + "x"
                + publishWindow + " idle=" + idleConnections + " runs=" + runsCount + "x" + runsSteps
                + " soak=" + soak.toSeconds() + "s";
    }

    List<Object> describe() {
        return Arrays.asList(toString());
    }
}
