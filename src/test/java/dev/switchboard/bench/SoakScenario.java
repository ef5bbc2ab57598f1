package dev.switchboard.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A long steady load on Switchboard's {@code /ws}: 4 connections × 16 calls in flight, every reply checked.
 * Throughput per bucket (default 10 s) and the live heap after a full GC at the start, every
 * {@code heapEvery} and at the end; reported: heap growth and msg/s over time.
 */
final class SoakScenario implements Scenario {
    private static final CallLoad.Shape SHAPE = new CallLoad.Shape(4, 16, 0, true);
    private final BenchConfig config;
    private final Clients clients;
    private final Map<String, Object> series = new LinkedHashMap<>();

    SoakScenario(BenchConfig config, Clients clients) {
        this.config = config;
        this.clients = clients;
    }

    @Override
    public String name() {
        return "soak";
    }

    @Override
    public String description() {
        return config.soak.toSeconds() / 60.0 + " min of 4 connections x 16 calls in flight on /ws";
    }

    @Override
    public List<Server> servers(Servers servers) {
        return servers.switchboard() == null ? List.of() : List.of(servers.switchboard());
    }

    @Override
    public int reps() {
        return 1;
    }

    @Override
    public Measurement warmUp(Server server) throws Exception {
        Failures failures = new Failures();
        try (CallLoad load = CallLoad.open(server, SHAPE, clients, failures)) {
            load.start();
            Thread.sleep(config.warmup.toMillis());
            load.stop(Duration.ofSeconds(10));
        }
        return new Measurement(failures);
    }

    @Override
    public Measurement measure(Server server) throws Exception {
        Failures failures = new Failures();
        Measurement m = new Measurement(failures);
        List<List<Double>> throughput = new ArrayList<>();
        List<List<Double>> heap = new ArrayList<>();
        try (CallLoad load = CallLoad.open(server, SHAPE, clients, failures)) {
            OptionalLong heapStart = server.liveHeapBytes();
            heapStart.ifPresent(h -> heap.add(List.of(0.0, h / 1048576.0)));
            load.start();
            Measurement.CpuWindow cpu = new Measurement.CpuWindow(server, config.clockTicks);
            long start = System.nanoTime();
            long end = start + config.soak.toNanos();
            long nextHeap = start + config.soakHeapEvery.toNanos();
            long bucketStart = start;
            long bucketCount = load.completed();
            while (bucketStart < end) {
                long bucketEnd = Math.min(end, bucketStart + config.soakBucket.toNanos());
                sleepUntil(bucketEnd);
                long count = load.completed();
                throughput.add(List.of((bucketEnd - start) / 1e9, (count - bucketCount) / ((bucketEnd - bucketStart) / 1e9)));
                log(throughput.get(throughput.size() - 1), failures);
                bucketStart = bucketEnd;
                bucketCount = count;
                if (bucketEnd >= nextHeap && bucketEnd < end) {
                    double at = (bucketEnd - start) / 1e9;
                    server.liveHeapBytes().ifPresent(h -> heap.add(List.of(at, h / 1048576.0)));
                    nextHeap += config.soakHeapEvery.toNanos();
                }
            }
            long total = load.completed();
            cpu.stop();
            load.stop(Duration.ofSeconds(10));
            cpu.putRates(m, "msg", total);
            OptionalLong heapEnd = server.liveHeapBytes();
            double seconds = (System.nanoTime() - start) / 1e9;
            heapEnd.ifPresent(h -> heap.add(List.of(seconds, h / 1048576.0)));
            m.put("minutes", config.soak.toSeconds() / 60.0);
            m.put("min_bucket_msg_per_s", throughput.stream().mapToDouble(p -> p.get(1)).min().orElse(Double.NaN));
            if (heapStart.isPresent() && heapEnd.isPresent()) {
                m.put("heap_start_mb", heapStart.getAsLong() / 1048576.0);
                m.put("heap_end_mb", heapEnd.getAsLong() / 1048576.0);
                m.put("heap_growth_mb", (heapEnd.getAsLong() - heapStart.getAsLong()) / 1048576.0);
            }
        }
        series.put(server.name(), Map.of("msg_per_s", throughput, "heap_mb", heap));
        return m;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
            java.util.concurrent.TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private static void log(List<Double> bucket, Failures failures) {
        System.out.printf("  soak t=%5.0fs %,10.0f msg/s  failures=%d%n", bucket.get(0), bucket.get(1), failures.count());
    }

    @Override
    public Map<String, Object> series() {
        return series;
    }
}
