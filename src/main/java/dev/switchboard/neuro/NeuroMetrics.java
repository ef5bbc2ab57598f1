package dev.switchboard.neuro;

import dev.switchboard.neuro.diagnostics.DiagnosticCode;
import dev.switchboard.neuro.game.GameSession;
import dev.switchboard.observability.ApplicationRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Gauges of Neuro: games and game connections now; forces, retries and action timeouts since start;
 * diagnostics since start by code ({@code switchboard.neuro.diagnostics{code="…"}}, every code of a
 * diagnostic counted; a code's series appears with its first diagnostic).
 */
@ApplicationScoped
public class NeuroMetrics {
    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    Instance<MetricRegistry> registries;

    private volatile MetricRegistry registry;

    @Inject
    NeuroHub hub;

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        ApplicationRegistry.of(registries, NeuroMetrics.class).ifPresent(this::registerIn);
    }

    void registerIn(MetricRegistry registry) {
        this.registry = registry;
        registry.gauge("switchboard.neuro.games", hub, NeuroHub::gameCount);
        registry.gauge("switchboard.neuro.connections", hub, NeuroHub::connectionCount);
        registry.gauge("switchboard.neuro.forces", hub, h -> h.tallied(GameSession.Tally.FORCE));
        registry.gauge("switchboard.neuro.force.retries", hub, h -> h.tallied(GameSession.Tally.RETRY));
        registry.gauge("switchboard.neuro.action.timeouts", hub, h -> h.tallied(GameSession.Tally.TIMEOUT));
        hub.onFirstOfCode(this::registerDiagnostics);
    }

    /** A code's series appears with its first diagnostic (as error codes do), so /metrics stays short. */
    private synchronized void registerDiagnostics(DiagnosticCode code) {
        Tag tag = new Tag("code", code.code());
        if (registry.getGauge(new MetricID("switchboard.neuro.diagnostics", tag)) == null) {
            registry.gauge("switchboard.neuro.diagnostics", hub, h -> h.diagnosed(code), tag);
        }
    }
}
