package dev.switchboard.observability;

import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.math.BigDecimal;
import java.util.Arrays;

/** Registers a {@link LatencyHistogram} as Prometheus-style gauges: cumulative {@code _bucket{le}}, {@code _sum}, {@code _count}. */
public final class HistogramGauges {
    private HistogramGauges() {
    }

    public static void register(MetricRegistry registry, String name, LatencyHistogram histogram, Tag... tags) {
        for (int i = 0; i < LatencyHistogram.BOUNDS_SECONDS.length; i++) {
            int bound = i;
            registry.gauge(name + ".bucket", histogram, h -> h.countAtMost(bound),
                    with(tags, new Tag("le", BigDecimal.valueOf(LatencyHistogram.BOUNDS_SECONDS[i]).toPlainString())));
        }
        registry.gauge(name + ".bucket", histogram, LatencyHistogram::count, with(tags, new Tag("le", "+Inf")));
        registry.gauge(name + ".count", histogram, LatencyHistogram::count, tags);
        registry.gauge(name + ".sum", histogram, LatencyHistogram::sumSeconds, tags);
    }

    private static Tag[] with(Tag[] tags, Tag more) {
        Tag[] all = Arrays.copyOf(tags, tags.length + 1);
        all[tags.length] = more;
        return all;
    }
}
