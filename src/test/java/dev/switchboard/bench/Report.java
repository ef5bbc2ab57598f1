package dev.switchboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rewrites the results section of docs/PERFORMANCE.md (between the BEGIN/END markers; the text around it is
 * kept) and docs/perf/summary.csv from every docs/perf/&lt;scenario&gt;.json, so a run of one scenario
 * updates its rows and keeps the others (each with its own date).
 */
final class Report {
    static final String BEGIN = "<!-- BEGIN GENERATED RESULTS: bench/run.sh rewrites everything down to END -->";
    static final String END = "<!-- END GENERATED RESULTS -->";
    private static final Map<String, String> METRICS = Map.ofEntries(
            Map.entry("msg_per_s", "msg/s"),
            Map.entry("p50_ms", "p50 latency, ms"),
            Map.entry("p99_ms", "p99 latency, ms"),
            Map.entry("server_cpu_us_per_msg", "server CPU µs/msg"),
            Map.entry("gen_cpu_us_per_msg", "generator CPU µs/msg"),
            Map.entry("server_cpu_cores", "server CPU, cores busy"),
            Map.entry("gen_cpu_cores", "generator CPU, cores busy"),
            Map.entry("round_p50_ms", "p50 time until all have it, ms"),
            Map.entry("round_p99_ms", "p99 time until all have it, ms"),
            Map.entry("misses", "missed deliveries"),
            Map.entry("round1_misses", "of them in round 1"),
            Map.entry("sender_instance_p50_ms", "p50 until all on the sender's instance have it, ms"),
            Map.entry("sender_instance_p99_ms", "p99 until all on the sender's instance have it, ms"),
            Map.entry("other_instances_p50_ms", "p50 until all on the other instance have it, ms"),
            Map.entry("other_instances_p99_ms", "p99 until all on the other instance have it, ms"),
            Map.entry("publish_per_s", "chat messages/s published (each at every observer)"),
            Map.entry("server_cpu_us_per_publish", "server CPU µs/message published"),
            Map.entry("gen_cpu_us_per_publish", "generator CPU µs/message published"),
            Map.entry("delivery_per_s", "deliveries/s (incl. waits)"),
            Map.entry("server_cpu_us_per_delivery", "server CPU µs/delivery"),
            Map.entry("gen_cpu_us_per_delivery", "generator CPU µs/delivery"),
            Map.entry("event_per_s", "run events/s"),
            Map.entry("server_cpu_us_per_event", "server CPU µs/event"),
            Map.entry("gen_cpu_us_per_event", "generator CPU µs/event"),
            Map.entry("kb_per_conn", "KB heap per connection"),
            Map.entry("heap_before_mb", "live heap before, MB"),
            Map.entry("heap_open_mb", "live heap, all open, MB"),
            Map.entry("heap_after_mb", "live heap after close, MB"),
            Map.entry("heap_left_after_close_mb", "heap left after close, MB"),
            Map.entry("heap_start_mb", "live heap at start, MB"),
            Map.entry("heap_end_mb", "live heap at end, MB"),
            Map.entry("heap_growth_mb", "heap growth, MB"),
            Map.entry("min_bucket_msg_per_s", "slowest 10 s bucket, msg/s"));

    private Report() {
    }

    static void write(BenchConfig config) throws IOException {
        List<Map<String, Object>> results = load(config.outDir);
        StringBuilder md = new StringBuilder(BEGIN).append("\n## Results\n\n");
        if (results.isEmpty()) {
            md.append("No results yet: run `bench/run.sh`.\n");
        } else {
            environment(md, results);
            targets(md, results);
            md.append("### Numbers\nMedian, then (min–max) over the repetitions; the ratio is Switchboard's median over "
                    + "the reference's.\n\n");
            results.forEach(r -> scenario(md, r));
            plots(md, config.outDir);
        }
        md.append(END).append('\n');
        Path file = config.report;
        String old = Files.exists(file) ? Files.readString(file) : "# Performance\n\n";
        int begin = old.indexOf(BEGIN);
        int end = old.indexOf(END);
        String updated = begin >= 0 && end > begin
                ? old.substring(0, begin) + md + old.substring(end + END.length()).replaceFirst("^\n", "")
                : old + (old.endsWith("\n") ? "\n" : "\n\n") + md;
        Files.writeString(file, updated);
        Files.writeString(config.outDir.resolve("summary.csv"), csv(results));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> load(Path dir) throws IOException {
        List<Map<String, Object>> results = new ArrayList<>();
        for (String name : BenchConfig.ALL) {
            Path file = dir.resolve(name + ".json");
            if (Files.exists(file)) {
                results.add((Map<String, Object>) Json.parse(Files.readString(file)));
            }
        }
        return results;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map ? (Map<String, Object>) value : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value instanceof List ? (List<Object>) value : List.of();
    }

    static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** The median of {@code metric} of {@code server} in a result, NaN when absent. */
    static double median(Map<String, Object> result, String server, String metric) {
        return number(map(map(map(map(result.get("servers")).get(server)).get("metrics")).get(metric)).get("median"));
    }

    private static void environment(StringBuilder md, List<Map<String, Object>> results) {
        Map<String, Object> latest = results.stream().map(r -> map(r.get("environment")))
                .max((a, b) -> String.valueOf(a.get("date")).compareTo(String.valueOf(b.get("date")))).orElseThrow();
        md.append("Machine (latest run, ").append(latest.get("date")).append("): ").append(latest.get("nproc"))
                .append(" CPUs (").append(latest.get("cpu")).append("), RAM ").append(latest.get("ram"))
                .append(", ").append(latest.get("os")).append(", ").append(latest.get("java")).append(".\n\n")
                .append("Load generator JVM flags: `").append(latest.get("generator_jvm_flags")).append("`.\n\n");
        results.stream().flatMap(r -> map(r.get("servers")).values().stream()).map(Report::map)
                .filter(s -> !String.valueOf(s.get("command")).isBlank()).map(s -> s.get("label") + ": `" + s.get("command") + "`")
                .distinct().forEach(line -> md.append("- ").append(line).append('\n'));
        md.append("\nThe load generator runs on the same 2 cores as the server it measures; its own CPU is in the "
                + "tables (generator CPU). Each scenario's date and settings are in `docs/perf/<scenario>.json`.\n\n");
    }

    private static void targets(StringBuilder md, List<Map<String, Object>> results) {
        md.append("### Targets (the hot-path targets)\n\n| scenario | target | measured | met |\n|---|---|---|---|\n");
        for (Map<String, Object> r : results) {
            for (Object t : list(r.get("targets"))) {
                Map<String, Object> check = map(t);
                Object met = check.get("met");
                md.append("| ").append(r.get("scenario")).append(" | ").append(check.get("target")).append(" | ")
                        .append(check.get("measured")).append(" | ")
                        .append(met == null ? "n/a" : (Boolean) met ? "yes" : "**no**").append(" |\n");
            }
        }
        md.append('\n');
    }

    private static void scenario(StringBuilder md, Map<String, Object> r) {
        Map<String, Object> servers = map(r.get("servers"));
        List<String> names = new ArrayList<>(servers.keySet());
        String reference = (String) r.get("reference");
        md.append("#### ").append(r.get("scenario")).append(": ").append(r.get("description")).append("\n\n")
                .append(map(r.get("environment")).get("date")).append("; ").append(r.get("config")).append("\n\n| metric |");
        names.forEach(n -> md.append(' ').append(map(servers.get(n)).get("label")).append(" |"));
        String ratioHeader = BenchConfig.CLUSTER.contains(String.valueOf(r.get("scenario"))) ? "both instances / first only"
                : "Switchboard / reference";
        md.append(reference == null ? "" : " " + ratioHeader + " |").append("\n|---|");
        names.forEach(n -> md.append("---|"));
        md.append(reference == null ? "" : "---|").append('\n');
        List<String> metrics = new ArrayList<>();
        names.forEach(n -> map(map(servers.get(n)).get("metrics")).keySet().stream()
                .filter(m -> !metrics.contains(m)).forEach(metrics::add));
        for (String metric : metrics) {
            md.append("| ").append(METRICS.getOrDefault(metric, metric)).append(" |");
            for (String n : names) {
                Map<String, Object> s = map(map(map(servers.get(n)).get("metrics")).get(metric));
                md.append(s.isEmpty() ? " – |" : " " + Targets.fmt(number(s.get("median"))) + " ("
                        + Targets.fmt(number(s.get("min"))) + "–" + Targets.fmt(number(s.get("max"))) + ") |");
            }
            if (reference != null) {
                double ratio = median(r, names.get(0), metric) / median(r, reference, metric);
                md.append(' ').append(Double.isFinite(ratio) ? Targets.fmt(ratio) + "×" : "–").append(" |");
            }
            md.append('\n');
        }
        md.append("| failures |");
        names.forEach(n -> md.append(' ').append(map(servers.get(n)).get("failures")).append(" |"));
        md.append(reference == null ? "\n" : " |\n").append('\n');
        for (String n : names) {
            List<Object> examples = list(map(servers.get(n)).get("failure_examples"));
            if (!examples.isEmpty()) {
                md.append("Failures on ").append(n).append(" (first ").append(examples.size()).append("):\n");
                examples.forEach(e -> md.append("- `").append(e.toString().replace('`', '\'')).append("`\n"));
                md.append('\n');
            }
        }
    }

    private static void plots(StringBuilder md, Path outDir) throws IOException {
        md.append("### Plots\n\n");
        for (String plot : Plots.NAMES) {
            if (Files.exists(outDir.resolve(plot + ".png"))) {
                md.append("![").append(plot).append("](perf/").append(plot).append(".png)\n");
            }
        }
        md.append('\n');
    }

    private static String csv(List<Map<String, Object>> results) {
        StringBuilder csv = new StringBuilder("scenario,server,metric,min,median,max,reps,date\n");
        for (Map<String, Object> r : results) {
            Object date = map(r.get("environment")).get("date");
            map(r.get("servers")).forEach((server, s) -> map(map(s).get("metrics")).forEach((metric, v) -> {
                Map<String, Object> m = map(v);
                csv.append(r.get("scenario")).append(',').append(server).append(',').append(metric).append(',')
                        .append(m.get("min")).append(',').append(m.get("median")).append(',').append(m.get("max"))
                        .append(',').append(list(m.get("reps")).size()).append(',').append(date).append('\n');
            }));
        }
        return csv.toString();
    }
}
