package dev.switchboard.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The hot-path targets, checked on the medians of a scenario's repetitions. */
final class Targets {
    /** One target: {@code met} is null when it could not be measured. */
    record Check(String target, Boolean met, String measured) {
        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("target", target);
            json.put("met", met);
            json.put("measured", measured);
            return json;
        }
    }

    private final ScenarioResult result;
    private final Server switchboard;
    private final List<Check> checks = new ArrayList<>();

    private Targets(ScenarioResult result) {
        this.result = result;
        this.switchboard = result.servers.isEmpty() ? null : result.servers.get(0);
    }

    static List<Check> check(ScenarioResult result) {
        Targets t = new Targets(result);
        if (t.switchboard == null) {
            return List.of();
        }
        t.add(result.scenario.name());
        t.checks.add(new Check("every reply correct, nothing missed", result.failures(t.switchboard) == 0,
                result.failures(t.switchboard) + " failures"));
        return t.checks;
    }

    private void add(String scenario) {
        switch (scenario) {
            case "rr" -> {
                ratio("p99 latency below the reference's", "p99_ms", 1.0, true);
                ratio("server CPU per message ≤ 0.5× the reference's", "server_cpu_us_per_msg", 0.5, false);
            }
            case "pipelined" -> {
                ratio("throughput ≥ 1.0× the reference", "msg_per_s", 1.0, false, true);
                ratio("server CPU per message ≤ 0.5× the reference's", "server_cpu_us_per_msg", 0.5, false);
            }
            case "conns50", "idle200active10" -> {
                ratio("throughput ≥ 1.5× the reference", "msg_per_s", 1.5, false, true);
                ratio("server CPU per message ≤ 0.5× the reference's", "server_cpu_us_per_msg", 0.5, false);
            }
            case "broadcast" -> {
                absolute("p99 until all clients have it ≤ 30 ms", "round_p99_ms", 30, false);
                ratio("p99 ≤ 1.5× the reference's", "round_p99_ms", 1.5, false);
                absolute("no missed deliveries", "misses", 0, false);
            }
            case "cluster-broadcast" -> absolute("no missed deliveries", "misses", 0, false);
            case "idle10k" -> {
                absolute("≤ 10 KB heap per idle connection", "kb_per_conn", 10, false);
                heapReturned();
                absolute("no connection closed by the server", "unexpected_closes", 0, false);
            }
            case "runs" -> absolute("≥ 50,000 run events/s", "event_per_s", 50_000, true);
            case "soak" -> {
                double minutes = result.median(switchboard, "minutes");
                absolute("heap growth ≤ 32 MB" + (minutes < 10 ? " (target is for 10 min; this soak: "
                        + fmt(minutes) + " min)" : ""), "heap_growth_mb", 32, false);
            }
            default -> { }
        }
    }

    private void absolute(String target, String metric, double limit, boolean atLeast) {
        double value = result.median(switchboard, metric);
        Boolean met = Double.isNaN(value) ? null : atLeast ? value >= limit : value <= limit;
        checks.add(new Check(target, met, fmt(value) + " " + metric));
    }

    private void ratio(String target, String metric, double limit, boolean strictlyBelow) {
        ratio(target, metric, limit, strictlyBelow, false);
    }

    /** Switchboard's median over the reference's: at most {@code limit} (or at least, for throughput). */
    private void ratio(String target, String metric, double limit, boolean strictlyBelow, boolean atLeast) {
        Server reference = result.reference();
        double ratio = reference == null ? Double.NaN
                : result.median(switchboard, metric) / result.median(reference, metric);
        Boolean met = Double.isNaN(ratio) || Double.isInfinite(ratio) ? null
                : atLeast ? ratio >= limit : strictlyBelow ? ratio < limit : ratio <= limit;
        checks.add(new Check(target, met, fmt(ratio) + "× (" + fmt(result.median(switchboard, metric)) + " vs "
                + (reference == null ? "-" : fmt(result.median(reference, metric))) + " " + metric + ")"));
    }

    /** After every connection closed, the live heap is back within 2 MB or 10% of what the connections took. */
    private void heapReturned() {
        double left = result.median(switchboard, "heap_left_after_close_mb");
        double taken = result.median(switchboard, "heap_open_mb") - result.median(switchboard, "heap_before_mb");
        Boolean met = Double.isNaN(left) ? null : left <= Math.max(2, 0.1 * taken);
        checks.add(new Check("heap returns after close (within max(2 MB, 10% of the growth))", met,
                fmt(left) + " MB left of " + fmt(taken) + " MB"));
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a >= 1000 || (v == Math.rint(v) && a < 1e15)) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return a >= 0.1 || a == 0 ? String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%.3g", v);
    }
}
