package dev.switchboard.mcp;

import dev.switchboard.observability.ApplicationRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * MCP's own gauges: tool calls in progress (each holding an HTTP thread) and open sessions of the 2025
 * revisions. Its calls' durations and errors are in the shared series, tagged {@code endpoint="mcp"}.
 * Apart from {@link McpService} so that MCP works on a server without MicroProfile Metrics.
 */
@ApplicationScoped
public class McpMetrics {
    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    Instance<MetricRegistry> registries;

    @Inject
    McpService mcp;

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        ApplicationRegistry.of(registries, McpMetrics.class).ifPresent(registry -> {
            registry.gauge("switchboard.mcp.calls.in.progress", mcp, McpService::callsInProgress);
            registry.gauge("switchboard.mcp.sessions", mcp, McpService::sessionCount);
        });
    }
}
