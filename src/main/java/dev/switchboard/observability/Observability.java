package dev.switchboard.observability;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Says at startup which MicroProfile APIs this server lacks and what Switchboard loses without them.
 * Beans that use a missing API are left out by CDI with at most an INFO line (WildFly has no MicroProfile
 * Metrics); this class names no MicroProfile type itself, so it is there to say so.
 */
@ApplicationScoped
public class Observability {
    private static final Logger LOG = Logger.getLogger(Observability.class.getName());

    static final String METRICS_API = "org.eclipse.microprofile.metrics.MetricRegistry";
    static final String HEALTH_API = "org.eclipse.microprofile.health.HealthCheck";

    void check(@Observes @Initialized(ApplicationScoped.class) Object started) {
        missing(Observability.class.getClassLoader()).forEach(LOG::warning);
    }

    /** One line per missing API, saying what is not served; empty when the server has them all. */
    static List<String> missing(ClassLoader application) {
        List<String> missing = new ArrayList<>();
        if (!visible(METRICS_API, application)) {
            missing.add("MicroProfile Metrics is not available on this server: no switchboard_* metrics are "
                    + "registered (BusMetrics, CallMetrics, HandshakeMetrics, McpMetrics, NeuroMetrics, RunMetrics and "
                    + "ServerMetrics are left out); every other feature works (docs/portability.md)");
        }
        if (!visible(HEALTH_API, application)) {
            missing.add("MicroProfile Health is not available on this server: /health/ready and /health/live "
                    + "are not served (Readiness and Liveness are left out); on WildFly use standalone-microprofile.xml "
                    + "(docs/portability.md)");
        }
        return missing;
    }

    private static boolean visible(String className, ClassLoader loader) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
