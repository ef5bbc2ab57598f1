package dev.switchboard.bus;

import dev.switchboard.neuro.NeuroEvent;
import dev.switchboard.runs.PublishedRunEvent;
import dev.switchboard.runs.RunEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Mirrors the other features' activity onto the bus, so that an {@code /events} client can monitor
 * the whole server (each client sees what it could see on the feature's own endpoint: {@link Audience}).
 * Observed synchronously: publishing only enqueues, and it keeps each run's order.
 */
@ApplicationScoped
public class ActivityRelay {
    @Inject
    EventBus bus;

    void neuro(@Observes NeuroEvent event) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("message", event.detail());
        if (event.diagnostic() != null) { // a warning: the structured diagnostic too (code, severity, frame…)
            detail.put("diagnostic", event.diagnostic());
        }
        bus.publish(new BusEvent.NeuroActivity(event.connectionId(), event.game(), event.kind(), detail,
                BusEvent.now(), -1));
    }

    void run(@Observes PublishedRunEvent published) {
        RunEvent event = published.event();
        bus.publish(new BusEvent.RunActivity(event.runId(), published.owner(), event.seq(), event.eventType(),
                event.payload(), BusEvent.now(), -1));
    }
}
