package dev.switchboard.runs;

import dev.switchboard.websocket.Outbox;

/**
 * How a client that reads slowly paces what is sent to it, live events and replays alike: the sender
 * waits (on its own worker thread) while the client's outbox is half full. After the wait times out it
 * goes on, and the outbox closes a client that still does not read as a slow consumer.
 */
final class Pacing {
    static final long WAIT_MILLIS = 10_000;

    private Pacing() {
    }

    static void awaitRoom(Outbox outbox) throws InterruptedException {
        outbox.awaitRoom(Math.max(1, outbox.capacity() / 2), WAIT_MILLIS);
    }
}
