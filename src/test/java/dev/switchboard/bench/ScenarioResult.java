package dev.switchboard.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every repetition of one scenario on each of its servers, the failures, and the checks of the targets. */
final class ScenarioResult {
    final Scenario scenario;
    final List<Server> servers;
    private final Map<String, List<Map<String, Double>>> reps = new LinkedHashMap<>();
    private final Map<String, Failures> failures = new LinkedHashMap<>();
    List<Targets.Check> checks = List.of();

    ScenarioResult(Scenario scenario, List<Server> servers) {
        this.scenario = scenario;
        this.servers = servers;
        for (Server s : servers) {
            reps.put(s.name(), new ArrayList<>());
            failures.put(s.name(), new Failures());
        }
    }

    void add(Server server, Measurement m) {
        reps.get(server.name()).add(m.metrics);
        failures.get(server.name()).addAll(m.failures);
    }

    void addWarmUp(Server server, Measurement m) {
        failures.get(server.name()).addAll(m.failures);
    }

    /** The reference (the second server), or null. */
    Server reference() {
        return servers.size() > 1 ? servers.get(1) : null;
    }

    double median(Server server, String metric) {
        Object median = Measurement.summary(values(server, metric)).get("median");
        return median == null ? Double.NaN : (Double) median;
    }

    private List<Double> values(Server server, String metric) {
        return reps.get(server.name()).stream().map(r -> r.get(metric)).toList();
    }

    long failures(Server server) {
        return failures.get(server.name()).count();
    }

    long failureCount() {
        return failures.values().stream().mapToLong(Failures::count).sum();
    }

    Map<String, Object> toJson(Map<String, Object> environment, String config) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("scenario", scenario.name());
        json.put("description", scenario.description());
        json.put("environment", environment);
        json.put("config", config);
        json.put("reference", reference() == null ? null : reference().name());
        Map<String, Object> perServer = new LinkedHashMap<>();
        for (Server s : servers) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("label", s.label());
            entry.put("command", s.commandLine());
            Set<String> names = new LinkedHashSet<>();
            reps.get(s.name()).forEach(r -> names.addAll(r.keySet()));
            Map<String, Object> metrics = new LinkedHashMap<>();
            for (String name : names) {
                Map<String, Object> summary = new LinkedHashMap<>(Measurement.summary(values(s, name)));
                summary.put("reps", values(s, name));
                metrics.put(name, summary);
            }
            entry.put("metrics", metrics);
            Failures f = failures.get(s.name());
            entry.put("failures", f.count());
            entry.put("unexpected_closes", f.unexpectedCloses());
            entry.put("failure_examples", f.examples());
            perServer.put(s.name(), entry);
        }
        json.put("servers", perServer);
        json.put("series", scenario.series());
        json.put("targets", checks.stream().map(Targets.Check::toJson).toList());
        return json;
    }
}
