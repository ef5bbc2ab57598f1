package dev.switchboard.runs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

/**
 * Publishes every run event as a CDI event, in order, with its run's owner, for other features (the bus)
 * to observe; observers must only enqueue.
 */
@ApplicationScoped
public class RunPublisher {
    @Inject
    Event<PublishedRunEvent> events;

    void publish(String owner, RunEvent event) {
        events.fire(new PublishedRunEvent(owner, event));
    }
}
