package dev.switchboard.bus;

import dev.switchboard.runs.RunEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Mirrors the other features' activity onto the bus, so that an {@code /events} client can monitor
 * the whole server. Observed synchronously: publishing only enqueues, and it keeps each run's order.
 */
@ApplicationScoped
public class ActivityRelay {
    @Inject
    EventBus bus;

    void run(@Observes RunEvent event) {
        bus.publish(new BusEvent.RunActivity(event.runId(), event.seq(), event.eventType(), event.payload(),
                BusEvent.now(), -1));
    }
}
