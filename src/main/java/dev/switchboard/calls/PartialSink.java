package dev.switchboard.calls;

import dev.switchboard.websocket.Outbox;

import java.util.function.Function;

/**
 * Where a running call's partial results go, in its front's own wire. {@link #enqueue} is called under the
 * call's lock, so that no partial result can follow the call's end; {@link #flush} after it is left, so that
 * no lock is held across I/O.
 */
public interface PartialSink {
    /** Waits (on the call's thread) while the client is behind; false when the client is gone. */
    boolean awaitRoom() throws InterruptedException;

    /** Queues one partial result; must not block. */
    void enqueue(Object partial);

    /** Sends what was queued. */
    void flush();

    /**
     * Partial results as messages of a WebSocket outbox, written by {@code text}: a stream waits while the
     * outbox is half full (at most {@code paceTimeoutMillis} at a time), so a fast stream to a slow reader
     * is paced instead of overflowing it.
     */
    static PartialSink toOutbox(Outbox outbox, Function<Object, String> text, long paceTimeoutMillis) {
        return new PartialSink() {
            @Override
            public boolean awaitRoom() throws InterruptedException {
                return outbox.awaitRoom(Math.max(1, outbox.capacity() / 2), paceTimeoutMillis) || !outbox.isClosed();
            }

            @Override
            public void enqueue(Object partial) {
                outbox.enqueue(text.apply(partial));
            }

            @Override
            public void flush() {
                outbox.flush();
            }
        };
    }
}
