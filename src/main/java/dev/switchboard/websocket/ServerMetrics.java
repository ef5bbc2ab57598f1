package dev.switchboard.websocket;

import dev.switchboard.observability.ApplicationRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Locale;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/** Gauges of the shared WebSocket pieces, registered at startup (see /metrics?scope=application). */
@ApplicationScoped
public class ServerMetrics {
    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    Instance<MetricRegistry> registries;

    private volatile MetricRegistry registry;

    @Inject
    Outboxes outboxes;

    @Inject
    TyrusIdleTimers idleTimers;

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        ApplicationRegistry.of(registries, ServerMetrics.class).ifPresent(this::registerIn);
    }

    void registerIn(MetricRegistry registry) {
        this.registry = registry;
        registry.gauge("switchboard.outbox.depth", outboxes, Outboxes::totalDepth);
        registry.gauge("switchboard.websocket.sessions", outboxes, Outboxes::openCount);
        registry.gauge("switchboard.outbox.queued.chars", outboxes, Outboxes::totalQueuedChars);
        registry.gauge("switchboard.outbox.slow.consumers.closed", outboxes, Outboxes::slowConsumersClosed);
        for (Outbox.Failure failure : Outbox.Failure.values()) {
            registry.gauge("switchboard.outbox.closed", outboxes, o -> o.closedFor(failure),
                    new Tag("cause", failure.name().toLowerCase(Locale.ROOT)));
        }
        registry.gauge("switchboard.websocket.idle.closed", outboxes, Outboxes::idleClosed);
        registry.gauge("switchboard.websocket.pings.sent", outboxes, Outboxes::pingsSent);
        registry.gauge("switchboard.websocket.ping.unanswered.closed", outboxes, Outboxes::pingUnansweredClosed);
        registry.gauge("switchboard.websocket.rate.limit.closed", outboxes, Outboxes::rateLimitClosed);
        registry.gauge("switchboard.websocket.idle.timers.bypassed", idleTimers, t -> t.isBypassed() ? 1 : 0);
        registry.gauge("switchboard.websocket.idle.timers.dropped", idleTimers, TyrusIdleTimers::dropped);
        registry.gauge("switchboard.outbox.depth.max", outboxes, Outboxes::maxDepth);
        for (EndpointName endpoint : EndpointName.values()) {
            if (!endpoint.isWebSocket()) {
                continue;
            }
            EndpointStats stats = outboxes.stats(endpoint);
            Tag tag = new Tag("endpoint", endpoint.tag());
            registry.gauge("switchboard.endpoint.sessions", stats, EndpointStats::sessions, tag);
            registry.gauge("switchboard.endpoint.messages.received", stats, EndpointStats::receivedCount, tag);
            registry.gauge("switchboard.endpoint.messages.sent", stats, EndpointStats::sentCount, tag);
        }
        ErrorReplies.watch(this::registerErrors);
    }

    /** Error replies of one code: registered the first time an endpoint sends one (codes are known only then). */
    private void registerErrors(EndpointName endpoint, String code) {
        try {
            registry.gauge("switchboard.endpoint.errors", endpoint, e -> ErrorReplies.countOf(e, code),
                    new Tag("endpoint", endpoint.tag()), new Tag("code", code));
        } catch (IllegalArgumentException registeredMeanwhile) {
            // reported twice (see ErrorReplies.watch): the first registration stands
        }
    }
}
