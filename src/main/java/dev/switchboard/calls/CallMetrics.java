package dev.switchboard.calls;

import dev.switchboard.observability.HistogramGauges;
import dev.switchboard.observability.ApplicationRegistry;
import dev.switchboard.websocket.EndpointName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Calls by function, with their durations as a Prometheus-style histogram (cumulative buckets tagged
 * {@code le}, a sum and a count), registered at startup for every function of the registry.
 */
@ApplicationScoped
public class CallMetrics {
    static final String NAME = "switchboard.call.duration.seconds";

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    Instance<MetricRegistry> registries;

    @Inject
    CallService calls;

    @Inject
    FunctionRegistry functions;

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        ApplicationRegistry.of(registries, CallMetrics.class).ifPresent(this::registerIn);
    }

    void registerIn(MetricRegistry registry) {
        for (EndpointName endpointName : CallService.ENDPOINTS) {
            Tag endpoint = new Tag("endpoint", endpointName.tag());
            for (FunctionInfo info : functions.catalog()) {
                HistogramGauges.register(registry, NAME, calls.durations(endpointName, info.name()), endpoint,
                        new Tag("function", info.name()));
            }
        }
    }
}
