package dev.switchboard.websocket;

import jakarta.websocket.CloseReason;
import jakarta.websocket.EncodeException;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one ordered, bounded sender of a WebSocket session. Producers only enqueue; a single chain of
 * async sends drains the queue, so messages leave in the order they were offered and no producer
 * ever waits for a slow client. A queue that overflows closes its session with 1008 "slow consumer".
 * Messages are Strings (sent as they are) or objects for the endpoint's registered encoder.
 */
public final class Outbox {
    private static final Logger LOG = Logger.getLogger(Outbox.class.getName());
    public static final CloseReason SLOW_CONSUMER =
            new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "slow consumer");

    private final Session session;
    private final int capacity;
    private final Executor closer;
    private final Runnable onSlowConsumer;
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private boolean sending;
    private boolean closed;

    public Outbox(Session session, int capacity, long sendTimeoutMillis, Executor closer) {
        this(session, capacity, sendTimeoutMillis, closer, () -> { });
    }

    /** {@code onSlowConsumer} runs once if this outbox closes its session as a slow consumer. */
    public Outbox(Session session, int capacity, long sendTimeoutMillis, Executor closer, Runnable onSlowConsumer) {
        this.session = session;
        this.capacity = capacity;
        this.closer = closer;
        this.onSlowConsumer = onSlowConsumer;
        session.getAsyncRemote().setSendTimeout(sendTimeoutMillis);
    }

    /** Queues a message; false when the outbox is closed or just overflowed (and is now closing). */
    public boolean send(Object message) {
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (queue.size() >= capacity) {
                LOG.warning(() -> "Closing WebSocket session " + session.getId()
                        + ": outbox full (" + capacity + " messages), the client does not read fast enough");
                abandon(SLOW_CONSUMER);
                return false;
            }
            queue.add(message);
            if (sending) {
                return true;
            }
            sending = true;
        }
        drain();
        return true;
    }

    /** Messages waiting to be sent. */
    public synchronized int depth() {
        return queue.size();
    }

    public int capacity() {
        return capacity;
    }

    /**
     * Lets a producer that may emit many messages (a stream) pace itself: waits, on the producer's own
     * thread, until fewer than {@code threshold} messages are queued. False if the outbox closed or the
     * wait timed out.
     */
    public synchronized boolean awaitRoom(int threshold, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (!closed && queue.size() >= threshold) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000L));
        }
        return !closed;
    }

    /**
     * Server shutdown: waits (up to {@code waitMillis}) until what is queued has been handed over, then
     * closes the session with 1001 going away.
     */
    public void closeGoingAway(long waitMillis) {
        try {
            awaitRoom(1, waitMillis);
            session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "server shutdown"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "Close of session " + session.getId() + " at shutdown failed", e);
        }
        close();
    }

    /** Stops sending (the session is closing or closed); queued messages are dropped. */
    public synchronized void close() {
        closed = true;
        queue.clear();
        notifyAll();
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /**
     * Sends queued messages one at a time. A send that completes on this very thread (inside
     * sendText/sendObject) continues the loop here instead of recursing from its handler.
     */
    private void drain() {
        while (true) {
            Object next;
            synchronized (this) {
                next = closed ? null : queue.poll();
                if (next == null) {
                    sending = false;
                    return;
                }
                notifyAll();
            }
            AtomicBoolean handedOver = new AtomicBoolean();
            try {
                transmit(next, result -> {
                    if (!result.isOK()) {
                        failed(result);
                    }
                    if (!handedOver.compareAndSet(false, true)) {
                        drain();
                    }
                });
            } catch (RuntimeException e) {
                if (!session.isOpen()) {
                    close(); // the client left while we were sending: nothing more to do
                    return;
                }
                LOG.log(Level.WARNING, "Send failed on WebSocket session " + session.getId(), e);
                abandon(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "send failed"));
                return;
            }
            if (handedOver.compareAndSet(false, true)) {
                return;
            }
        }
    }

    private void transmit(Object message, jakarta.websocket.SendHandler handler) {
        if (message instanceof String text) {
            session.getAsyncRemote().sendText(text, handler);
        } else {
            session.getAsyncRemote().sendObject(message, handler);
        }
    }

    private void failed(SendResult result) {
        Throwable error = result.getException();
        if (error instanceof EncodeException) {
            LOG.log(Level.SEVERE, "Could not encode a message for session " + session.getId(), error);
            return;
        }
        if (session.isOpen()) {
            LOG.log(Level.WARNING, "Closing WebSocket session " + session.getId() + ": send failed or timed out", error);
            abandon(SLOW_CONSUMER);
        } else {
            close();
        }
    }

    private void abandon(CloseReason reason) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
            notifyAll();
        }
        if (reason == SLOW_CONSUMER) {
            onSlowConsumer.run();
        }
        // Closing writes a frame and may block on a stuck client: never on the producer's thread.
        closer.execute(() -> {
            try {
                session.close(reason);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "Close of session " + session.getId() + " failed", e);
            }
        });
    }
}
