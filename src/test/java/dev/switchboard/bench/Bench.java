package dev.switchboard.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The benchmark harness (run by bench/run.sh, never by {@code mvn verify}): runs the chosen
 * scenarios against Switchboard and its references, writes {@code docs/perf/<scenario>.json}, regenerates
 * the plots and the results section of {@code docs/PERFORMANCE.md}, and exits 1 if any reply was wrong or
 * missing. See {@link BenchConfig} for the knobs.
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        BenchConfig config = new BenchConfig();
        Scenario.Servers servers = new Scenario.Servers(
                config.server("switchboard",
                        System.getProperty("bench.switchboard.label", "Switchboard (Payara Micro)"), true),
                config.server("python", "Python reference (FastAPI/uvicorn)", false),
                config.server("node", "Node reference (ws)", false),
                config.server("switchboard2", "Switchboard, second instance of the cluster", true));
        if (servers.switchboard() == null) {
            throw new IllegalStateException("No Switchboard: set -Dbench.switchboard.url or BENCH_SWITCHBOARD_URL");
        }
        log("config: " + config);
        Map<String, Scenario> known = scenarios(config, new Clients(config));
        Map<String, Object> environment = environment();
        Files.createDirectories(config.outDir);
        long failures = 0;
        for (String name : config.scenarios) {
            ScenarioResult result;
            try {
                result = run(known.get(name), servers);
            } catch (Exception e) {
                log(name + ": ABORTED by " + e); // the other scenarios still run; the exit status says it
                failures++;
                continue;
            }
            if (result.servers.isEmpty()) {
                log(name + ": skipped, none of its servers is running");
                continue;
            }
            Files.writeString(config.outDir.resolve(name + ".json"),
                    Json.write(result.toJson(environment, config.toString())) + "\n");
            failures += result.failureCount();
            result.checks.forEach(c -> log("  target " + (c.met() == null ? "n/a" : c.met() ? "MET" : "NOT met")
                    + ": " + c.target() + " — " + c.measured()));
        }
        Plots.write(config);
        Report.write(config);
        log(failures == 0 ? "done: every reply verified" : "done: " + failures + " FAILURES (wrong, missing or error replies, misses, unexpected closes)");
        System.exit(failures == 0 ? 0 : 1);
    }

    private static Map<String, Scenario> scenarios(BenchConfig config, Clients clients) {
        List<Scenario> all = new ArrayList<>(CallScenario.all(config, clients));
        all.add(new McpScenario(config));
        all.add(new BroadcastScenario(config, clients));
        all.add(new ClusterBroadcastScenario(config, clients));
        all.addAll(PublishScenario.all(config, clients));
        all.add(new Idle10kScenario(config, clients));
        all.add(new RunsScenario(config, clients));
        all.add(new SoakScenario(config, clients));
        return all.stream().collect(Collectors.toMap(Scenario::name, s -> s, (a, b) -> a, LinkedHashMap::new));
    }

    /** Warms every server up, then measures them in turn, alternating which goes first. */
    private static ScenarioResult run(Scenario scenario, Scenario.Servers known) throws Exception {
        ScenarioResult result = new ScenarioResult(scenario, scenario.servers(known));
        log("== " + scenario.name() + ": " + scenario.description());
        for (Server server : result.servers) {
            log("  warm-up " + server.name());
            result.addWarmUp(server, scenario.warmUp(server));
            pause();
        }
        for (int rep = 0; rep < scenario.reps(); rep++) {
            List<Server> order = new ArrayList<>(result.servers);
            if (rep % 2 == 1) {
                java.util.Collections.reverse(order);
            }
            for (Server server : order) {
                Measurement m = scenario.measure(server);
                result.add(server, m);
                log(String.format("  rep %d %-11s %s failures=%d", rep + 1, server.name(), brief(m.metrics),
                        m.failures.count()));
                m.failures.examples().stream().limit(3).forEach(e -> log("      " + e));
                pause();
            }
        }
        result.checks = Targets.check(result);
        return result;
    }

    private static String brief(Map<String, Double> metrics) {
        return metrics.entrySet().stream().map(e -> e.getKey() + "=" + Targets.fmt(e.getValue()))
                .collect(Collectors.joining(" "));
    }

    /** Lets the last connections close and the generator collect its garbage before the next measurement. */
    private static void pause() throws InterruptedException {
        System.gc();
        Thread.sleep(1000);
    }

    static void log(String line) {
        System.out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + line);
    }

    private static Map<String, Object> environment() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("date", ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        env.put("nproc", Runtime.getRuntime().availableProcessors());
        env.put("cpu", firstValue(Path.of("/proc/cpuinfo"), "model name"));
        env.put("ram", gib(firstValue(Path.of("/proc/meminfo"), "MemTotal")));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        env.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        env.put("generator_jvm_flags", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        return env;
    }

    /** "24731708 kB" as "23.6 GiB". */
    private static String gib(String kilobytes) {
        String digits = kilobytes.replaceAll("\\D", "");
        return digits.isEmpty() ? kilobytes
                : String.format(java.util.Locale.ROOT, "%.1f GiB", Long.parseLong(digits) / 1048576.0);
    }

    private static String firstValue(Path file, String key) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith(key))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }
}
