package dev.switchboard.observability;

import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.util.Optional;
import java.util.logging.Logger;

/**
 * The application-scope metric registry of a metric bean, when the server can inject one: a server with
 * the MicroProfile Metrics API but no implementation gets a WARNING instead of a failed deployment.
 */
public final class ApplicationRegistry {
    private static final Logger LOG = Logger.getLogger(ApplicationRegistry.class.getName());

    private ApplicationRegistry() {
    }

    public static Optional<MetricRegistry> of(Instance<MetricRegistry> registries, Class<?> bean) {
        if (registries.isResolvable()) {
            return Optional.of(registries.get());
        }
        LOG.warning(bean.getSimpleName() + ": no MicroProfile Metrics registry can be injected on this server "
                + "(" + (registries.isAmbiguous() ? "ambiguous" : "none") + "); its switchboard_* metrics are not "
                + "registered (docs/portability.md)");
        return Optional.empty();
    }
}
