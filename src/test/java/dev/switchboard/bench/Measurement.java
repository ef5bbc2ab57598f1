package dev.switchboard.bench;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/** What one repetition of a scenario on one server measured: named numbers and the failures seen. */
final class Measurement {
    final Map<String, Double> metrics = new LinkedHashMap<>();
    final Failures failures;

    Measurement(Failures failures) {
        this.failures = failures;
    }

    Measurement put(String name, double value) {
        metrics.put(name, value);
        return this;
    }

    /**
     * CPU time of the server and of the generator itself over a measured interval (on a 2-core machine the
     * generator competes with the server, so both are reported).
     */
    static final class CpuWindow {
        private final Server server;
        private final long clockTicks;
        private final long server0;
        private final long generator0;
        private final long start;
        private long serverNanos;
        private long generatorNanos;
        private long elapsed;

        CpuWindow(Server server, long clockTicks) {
            this.server = server;
            this.clockTicks = clockTicks;
            this.server0 = server.cpuNanos(clockTicks);
            this.generator0 = generatorCpu();
            this.start = System.nanoTime();
        }

        CpuWindow stop() {
            elapsed = System.nanoTime() - start;
            long server1 = server.cpuNanos(clockTicks);
            serverNanos = server0 < 0 || server1 < 0 ? -1 : server1 - server0;
            generatorNanos = generatorCpu() - generator0;
            return this;
        }

        double seconds() {
            return elapsed / 1e9;
        }

        /** Puts {@code <prefix>_per_s}, CPU µs per unit of the server and the generator, and cores used. */
        void putRates(Measurement m, String prefix, long units) {
            m.put(prefix + "_per_s", units / seconds());
            if (serverNanos >= 0 && units > 0) {
                m.put("server_cpu_us_per_" + prefix, serverNanos / 1e3 / units);
            }
            if (units > 0) {
                m.put("gen_cpu_us_per_" + prefix, generatorNanos / 1e3 / units);
            }
            if (serverNanos >= 0) {
                m.put("server_cpu_cores", serverNanos / (double) elapsed);
            }
            m.put("gen_cpu_cores", generatorNanos / (double) elapsed);
        }

        private static long generatorCpu() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }
    }

    static Map<String, Object> summary(Iterable<Double> values) {
        java.util.List<Double> sorted = new java.util.ArrayList<>();
        values.forEach(v -> {
            if (v != null && !v.isNaN()) {
                sorted.add(v);
            }
        });
        java.util.Collections.sort(sorted);
        Map<String, Object> s = new LinkedHashMap<>();
        if (sorted.isEmpty()) {
            return s;
        }
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        s.put("min", sorted.get(0));
        s.put("median", median);
        s.put("max", sorted.get(n - 1));
        return s;
    }
}
