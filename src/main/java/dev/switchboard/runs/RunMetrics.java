package dev.switchboard.runs;

import dev.switchboard.observability.ApplicationRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/** Gauges of runs: kept (live and retained), live, tasks executing now, finished runs' size, replays, ends by outcome. */
@ApplicationScoped
public class RunMetrics {
    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    Instance<MetricRegistry> registries;

    @Inject
    RunManager runs;

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        ApplicationRegistry.of(registries, RunMetrics.class).ifPresent(this::registerIn);
    }

    void registerIn(MetricRegistry registry) {
        registry.gauge("switchboard.runs.kept", runs, RunManager::runCount);
        registry.gauge("switchboard.runs.live", runs, RunManager::liveRunCount);
        registry.gauge("switchboard.runs.tasks.active", runs, RunManager::activeTaskCount);
        registry.gauge("switchboard.runs.finished.bytes", runs, RunManager::finishedRunBytes);
        registry.gauge("switchboard.runs.replays", runs, RunManager::replayCount);
        for (RunManager.RunOutcome outcome : RunManager.RunOutcome.values()) {
            registry.gauge("switchboard.runs.finished", runs, r -> r.finishedCount(outcome), new Tag("outcome", outcome.tag()));
        }
    }
}
