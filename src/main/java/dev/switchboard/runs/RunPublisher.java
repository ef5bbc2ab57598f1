package dev.switchboard.runs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

/** Publishes every run event as an asynchronous CDI event, for other features (the bus) to observe. */
@ApplicationScoped
public class RunPublisher {
    @Inject
    Event<RunEvent> events;

    void publish(RunEvent event) {
        events.fireAsync(event);
    }
}
