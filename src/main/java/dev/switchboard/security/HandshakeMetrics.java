package dev.switchboard.security;

import dev.switchboard.observability.ApplicationRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

import java.util.EnumMap;
import java.util.Map;

/**
 * Handshakes refused by reason and connection slots held. Apart from {@link HandshakeSecurity} so that the
 * gate works on a server without MicroProfile Metrics (where CDI leaves this bean out).
 */
@ApplicationScoped
public class HandshakeMetrics {
    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    Instance<MetricRegistry> registries;

    @Inject
    HandshakeSecurity security;

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        ApplicationRegistry.of(registries, HandshakeMetrics.class).ifPresent(this::registerIn);
    }

    void registerIn(MetricRegistry registry) {
        Map<Gate.Reason, Counter> refused = new EnumMap<>(Gate.Reason.class);
        for (Gate.Reason reason : Gate.Reason.values()) {
            refused.put(reason, registry.counter("switchboard.handshakes.refused", new Tag("reason", reason.label())));
        }
        security.countRefusalsWith(reason -> refused.get(reason).inc());
        registry.gauge("switchboard.connections.admitted", security.limits(), ConnectionLimits::total);
    }
}
