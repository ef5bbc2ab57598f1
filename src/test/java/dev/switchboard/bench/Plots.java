package dev.switchboard.bench;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/** PNG plots (XChart) of docs/perf/*.json: medians per scenario, Switchboard beside its reference. */
final class Plots {
    static final List<String> NAMES = List.of("throughput", "latency_p99", "cpu_per_msg", "broadcast", "cluster_broadcast",
            "cluster_publish", "idle10k", "soak");
    private static final List<String> CALLS = List.of("rr", "pipelined", "conns50", "idle200active10");

    private Plots() {
    }

    static void write(BenchConfig config) throws IOException {
        Map<String, Map<String, Object>> results = new LinkedHashMap<>();
        Report.load(config.outDir).forEach(r -> results.put((String) r.get("scenario"), r));
        Path dir = config.outDir;
        List<Map<String, Object>> calls = CALLS.stream().filter(results::containsKey).map(results::get).toList();
        if (!calls.isEmpty()) {
            save(bars("/ws throughput (median)", "msg/s", calls, "msg_per_s"), dir, "throughput");
            save(bars("/ws p99 latency (median)", "ms", calls, "p99_ms"), dir, "latency_p99");
            save(bars("Server CPU per message (median)", "µs", calls, "server_cpu_us_per_msg"), dir, "cpu_per_msg");
        }
        if (results.containsKey("broadcast")) {
            save(metricsOf(results.get("broadcast"), "Broadcast: time until all clients have a message (median)",
                    "ms", List.of("round_p50_ms", "round_p99_ms")), dir, "broadcast");
        }
        if (results.containsKey("cluster-broadcast")) {
            save(variants(results, List.of("broadcast", "cluster-broadcast"), "switchboard",
                    "Broadcast on one server and on a cluster of 2: time until all clients have it (median)", "ms",
                    List.of("round_p50_ms", "round_p99_ms")), dir, "cluster_broadcast");
        }
        if (results.containsKey("cluster-publish")) {
            save(variants(results, List.of("publish", "cluster-publish"), "switchboard",
                    "Publishing on one server and on a cluster of 2 (median)", "chat messages/s",
                    List.of("publish_per_s")), dir, "cluster_publish");
        }
        if (results.containsKey("idle10k")) {
            save(metricsOf(results.get("idle10k"), "Idle connections: live heap after full GC", "MB",
                    List.of("heap_before_mb", "heap_open_mb", "heap_after_mb")), dir, "idle10k");
        }
        if (results.containsKey("soak")) {
            save(soak(results.get("soak")), dir, "soak");
        }
    }

    /** One bar group per scenario, one bar per server (missing values drawn as 0). */
    private static CategoryChart bars(String title, String unit, List<Map<String, Object>> results, String metric) {
        CategoryChart chart = category(title, unit);
        List<String> scenarios = results.stream().map(r -> (String) r.get("scenario")).toList();
        for (String server : servers(results)) {
            List<Number> values = new ArrayList<>();
            String label = server;
            for (Map<String, Object> r : results) {
                values.add(finite(Report.median(r, server, metric)));
                Object l = Report.map(Report.map(r.get("servers")).get(server)).get("label");
                label = l == null ? label : l.toString();
            }
            chart.addSeries(label, scenarios, values);
        }
        return chart;
    }

    /** One bar group per metric of one scenario, one bar per server. */
    private static CategoryChart metricsOf(Map<String, Object> result, String title, String unit, List<String> metrics) {
        CategoryChart chart = category(title, unit);
        Report.map(result.get("servers")).forEach((server, s) -> chart.addSeries(
                String.valueOf(Report.map(s).get("label")), metrics,
                metrics.stream().map(m -> (Number) finite(Report.median(result, server, m))).toList()));
        return chart;
    }

    /**
     * One bar group per metric, one bar per server of each of the scenarios present (of a single-server
     * scenario only {@code single}, Switchboard: the references are in the scenario's own plot).
     */
    private static CategoryChart variants(Map<String, Map<String, Object>> results, List<String> scenarios,
                                          String single, String title, String unit, List<String> metrics) {
        CategoryChart chart = category(title, unit);
        for (String scenario : scenarios) {
            Map<String, Object> result = results.get(scenario);
            if (result == null) {
                continue;
            }
            Report.map(result.get("servers")).forEach((server, s) -> {
                if (BenchConfig.CLUSTER.contains(scenario) || server.equals(single)) {
                    String label = BenchConfig.CLUSTER.contains(scenario) ? String.valueOf(Report.map(s).get("label"))
                            : "Switchboard, one server (" + scenario + ")";
                    chart.addSeries(label, metrics,
                            metrics.stream().map(m -> (Number) finite(Report.median(result, server, m))).toList());
                }
            });
        }
        return chart;
    }

    private static XYChart soak(Map<String, Object> result) {
        XYChart chart = new XYChartBuilder().width(900).height(450).title("Soak: throughput per bucket and live heap")
                .xAxisTitle("s").yAxisTitle("msg/s").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        Report.map(result.get("series")).forEach((server, s) -> {
            addXY(chart, server + " msg/s", Report.list(Report.map(s).get("msg_per_s")), 0);
            addXY(chart, server + " live heap after full GC (MB)", Report.list(Report.map(s).get("heap_mb")), 1);
        });
        chart.setYAxisGroupTitle(1, "MB");
        return chart;
    }

    private static void addXY(XYChart chart, String name, List<Object> points, int axis) {
        if (points.isEmpty()) {
            return;
        }
        List<Double> x = points.stream().map(p -> Report.number(Report.list(p).get(0))).toList();
        List<Double> y = points.stream().map(p -> Report.number(Report.list(p).get(1))).toList();
        XYSeries series = chart.addSeries(name, x, y);
        series.setYAxisGroup(axis);
    }

    private static CategoryChart category(String title, String unit) {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(450).title(title).yAxisTitle(unit).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setDecimalPattern("#,##0.###");
        chart.getStyler().setLabelsFont(chart.getStyler().getLabelsFont().deriveFont(10f));
        return chart;
    }

    private static List<String> servers(List<Map<String, Object>> results) {
        List<String> names = new ArrayList<>();
        results.forEach(r -> Report.map(r.get("servers")).keySet().stream()
                .filter(n -> !names.contains(n)).forEach(names::add));
        return names;
    }

    /** Rounded to what the report shows, so bar labels stay short; 0 for a missing value. */
    private static double finite(double v) {
        return Double.isFinite(v) ? Double.parseDouble(Targets.fmt(v).replace(",", "")) : 0;
    }

    private static void save(Chart<?, ?> chart, Path dir, String name) throws IOException {
        BufferedImage image = new BufferedImage(chart.getWidth(), chart.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        chart.paint(graphics, chart.getWidth(), chart.getHeight());
        graphics.dispose();
        ImageIO.write(image, "png", dir.resolve(name + ".png").toFile());
    }
}
