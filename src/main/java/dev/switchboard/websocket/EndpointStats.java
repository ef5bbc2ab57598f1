package dev.switchboard.websocket;

import java.util.concurrent.atomic.LongAdder;

/**
 * The traffic of one endpoint: sessions open now, messages in and out since start. Updated once per
 * message on the hot path, so only {@link LongAdder}s (no lock, no allocation); read when metrics are scraped.
 */
public final class EndpointStats {
    /** For outboxes that no endpoint owns (unit tests): counted, but nowhere shown. */
    public static EndpointStats uncounted() {
        return new EndpointStats();
    }

    private final LongAdder sessions = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final LongAdder sent = new LongAdder();

    void opened() {
        sessions.increment();
    }

    void closed() {
        sessions.decrement();
    }

    /** One message came in (counted whether or not its rate limit admits it). */
    public void received() {
        received.increment();
    }

    /** One message was handed to the container to send. */
    public void sent() {
        sent.increment();
    }

    public long sessions() {
        return sessions.sum();
    }

    public long receivedCount() {
        return received.sum();
    }

    public long sentCount() {
        return sent.sum();
    }
}
