package dev.switchboard.websocket;

import jakarta.websocket.CloseReason;
import jakarta.websocket.EncodeException;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one ordered, bounded sender of a WebSocket session. A single chain of async sends drains the
 * queue, so messages leave in the order they were offered, one at a time, and no producer ever
 * waits for a slow client. The queue is bounded by messages and by characters of text; one that
 * overflows closes its session with 1008 "slow consumer".
 * Messages are Strings (sent as they are) or objects, which the endpoint's encoder turns into text
 * as they are queued (so their size counts, and an encoding failure is the producer's to see).
 * <p>
 * When nothing is being sent, {@link #send} starts sending on the producer's own thread: a reply
 * computed on the I/O thread leaves without a thread hand-off (the send itself is asynchronous and
 * does not wait for the client). Producers that hold a lock {@link #enqueue} under it and
 * {@link #flush} after leaving it, or {@link #post} (a worker sends), so that no lock is held across I/O.
 */
public final class Outbox implements SendHandler {
    private static final Logger LOG = Logger.getLogger(Outbox.class.getName());
    /** Encodes what is not text yet: the endpoint's encoder. */
    public interface TextEncoder {
        String encode(Object message) throws EncodeException;
    }

    /** Why an outbox gave up on its session. */
    public enum Failure {
        /** The client did not read fast enough: messages or characters over the outbox's bounds. */
        QUEUE_FULL,
        /** One send took longer than the send timeout. */
        SEND_TIMEOUT,
        /** The container could not write (I/O error, broken connection). */
        SEND_FAILED
    }

    /** The bounds and behaviour of an outbox, and the idle timeout of its session's {@link IdleWatch} (0 = never idle). */
    public record Settings(int capacity, long maxChars, long sendTimeoutMillis, long idleTimeoutMillis) {
        public static Settings of(int capacity, long sendTimeoutMillis) {
            return new Settings(capacity, Long.MAX_VALUE, sendTimeoutMillis, 0);
        }
    }

    public static final CloseReason SLOW_CONSUMER =
            new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "slow consumer");
    /** The close reasons of the session's {@link IdleWatch}, where callers have always found them. */
    public static final CloseReason IDLE = IdleWatch.IDLE;
    public static final CloseReason PING_UNANSWERED = IdleWatch.PING_UNANSWERED;

    private static final int IDLE_SEND = 0;
    private static final int IN_TRANSMIT = 1;
    private static final int COMPLETED_INLINE = 2;
    private static final int AWAITING_COMPLETION = 3;

    private final Session session;
    private final RemoteEndpoint.Async remote;
    private final int capacity;
    private final long maxChars;
    /** Closes sessions and sends {@link #post}ed messages. */
    private final Executor worker;
    private final Consumer<Failure> onFailure;
    private final TextEncoder encoder;
    private final EndpointStats stats;
    private final IdleWatch idleWatch;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private long queuedChars;
    /** Where the one send in progress is: it may complete inside sendText, or later on another thread. */
    private final AtomicInteger sendState = new AtomicInteger(IDLE_SEND);
    private boolean sending;
    private boolean closed;
    /** Producers inside {@link #awaitRoom}; only they need waking as the queue drains. */
    private int waiting;
    /** Runs once when {@link #hasRoom} becomes true (see {@link #whenRoom}). */
    private Runnable roomCallback;

    public Outbox(Session session, int capacity, long sendTimeoutMillis, Executor worker) {
        this(session, Settings.of(capacity, sendTimeoutMillis), worker, failure -> { }, JsonSupport.JSONB::toJson);
    }

    /**
     * {@code onFailure} runs once if this outbox gives up on its session; {@code idleTimeoutMillis} of
     * the settings is how long the session may go without a word from its client before its
     * {@link IdleWatch} closes it.
     */
    public Outbox(Session session, Settings settings, Executor worker, Consumer<Failure> onFailure, TextEncoder encoder) {
        this(session, settings, worker, onFailure, encoder, EndpointStats.uncounted());
    }

    /** As above; every message this outbox sends is counted in {@code stats} (its endpoint's). */
    public Outbox(Session session, Settings settings, Executor worker, Consumer<Failure> onFailure, TextEncoder encoder,
                  EndpointStats stats) {
        this.session = session;
        this.stats = stats;
        this.capacity = settings.capacity();
        this.maxChars = settings.maxChars();
        this.worker = worker;
        this.onFailure = onFailure;
        this.encoder = encoder;
        this.remote = session.getAsyncRemote();
        remote.setSendTimeout(settings.sendTimeoutMillis());
        this.idleWatch = new IdleWatch(this, session, remote, settings.idleTimeoutMillis());
    }

    /** Queues a message and sends it, on this thread if nothing is being sent; false when closed. */
    public boolean send(Object message) {
        boolean queued = enqueue(message);
        if (queued) {
            flush();
        }
        return queued;
    }

    /**
     * Queues a message without sending it (for producers holding a lock; {@link #flush} after
     * leaving it). False when the outbox is closed or just overflowed (and is now closing).
     *
     * @throws IllegalArgumentException if the message is an object its encoder cannot encode
     */
    public boolean enqueue(Object message) {
        String text = message instanceof String s ? s : encode(message);
        synchronized (this) {
            if (closed) {
                return false;
            }
            // One message alone is always taken, whatever its size: producers bound their own messages.
            if (queue.isEmpty() || queue.size() < capacity && queuedChars + text.length() <= maxChars) {
                queue.add(text);
                queuedChars += text.length();
                return true;
            }
        }
        LOG.warning(() -> "Closing WebSocket session " + session.getId() + ": outbox full (" + capacity
                + " messages or " + maxChars + " characters), the client does not read fast enough");
        abandon(SLOW_CONSUMER, Failure.QUEUE_FULL);
        return false;
    }

    private String encode(Object message) {
        try {
            return encoder.encode(message);
        } catch (EncodeException | RuntimeException e) {
            LOG.log(Level.SEVERE, "Could not encode a " + message.getClass().getSimpleName()
                    + " for session " + session.getId(), e);
            throw new IllegalArgumentException("Could not encode a " + message.getClass().getSimpleName(), e);
        }
    }

    /**
     * Queues a message and has a worker thread send it: for producers that hold a lock they cannot
     * leave first. False when closed.
     */
    public boolean post(Object message) {
        if (!enqueue(message)) {
            return false;
        }
        synchronized (this) {
            if (sending || closed) {
                return true;
            }
            sending = true;
        }
        try {
            worker.execute(this::drain);
        } catch (RejectedExecutionException saturated) {
            drain(); // no worker free: send from here rather than leave the session silent
        }
        return true;
    }

    /** Sends what is queued, on this thread, unless a send is in progress (which will go on with it). */
    public void flush() {
        synchronized (this) {
            if (sending || closed || queue.isEmpty()) {
                return;
            }
            sending = true;
        }
        drain();
    }

    /** The traffic counts of this outbox's endpoint. */
    public EndpointStats stats() {
        return stats;
    }

    /** Messages waiting to be sent. */
    public synchronized int depth() {
        return queue.size();
    }

    /** Characters of text waiting to be sent. */
    public synchronized long queuedChars() {
        return queuedChars;
    }

    public int capacity() {
        return capacity;
    }

    /** True while the queue is under half its bounds: a pacing producer may add more. */
    public synchronized boolean hasRoom() {
        return !closed && hasRoomLocked();
    }

    private boolean hasRoomLocked() {
        return queue.size() < capacity / 2 && queuedChars < maxChars / 2;
    }

    /**
     * For a pacing producer that must not block its thread: true if there is {@link #hasRoom room}
     * now; otherwise false, and {@code callback} runs once (on the thread that sends) when there is.
     * It never runs if the outbox closes first.
     */
    public synchronized boolean whenRoom(Runnable callback) {
        if (closed || hasRoomLocked()) {
            return !closed;
        }
        roomCallback = callback;
        return false;
    }

    /** Closes the session for a reason of the caller's (queued messages are dropped), off this thread. */
    public void closeFor(CloseReason reason) {
        abandon(reason, null);
    }

    /** A pacing producer found the client too far behind: closes the session with 1008 "slow consumer". */
    public void giveUpOnSlowConsumer(String why) {
        LOG.warning(() -> "Closing WebSocket session " + session.getId() + ": " + why);
        abandon(SLOW_CONSUMER, Failure.QUEUE_FULL);
    }

    /**
     * Lets a producer that may emit many messages (a stream) pace itself: waits, on the producer's own
     * thread, until fewer than {@code threshold} messages are queued. False if the outbox closed or the
     * wait timed out.
     */
    public synchronized boolean awaitRoom(int threshold, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        waiting++;
        try {
            while (!closed && queue.size() >= threshold) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000L));
            }
            return !closed;
        } finally {
            waiting--;
        }
    }

    /**
     * Server shutdown: waits (up to {@code waitMillis}) until what is queued has been handed over, then
     * closes the session with 1001 going away. The close may block on a client that does not read
     * ({@link Outboxes} closes many sessions in parallel for that).
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
        clearQueue();
        notifyAll();
    }

    private void clearQueue() {
        queue.clear();
        queuedChars = 0;
        roomCallback = null;
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
            String next;
            Runnable room = null;
            synchronized (this) {
                next = closed ? null : queue.poll();
                if (next == null) {
                    sending = false;
                    return;
                }
                queuedChars -= next.length();
                if (waiting > 0) {
                    notifyAll();
                }
                if (roomCallback != null && hasRoomLocked()) {
                    room = roomCallback;
                    roomCallback = null;
                }
            }
            if (room != null) {
                room.run();
            }
            sendState.set(IN_TRANSMIT);
            try {
                remote.sendText(next, this);
            } catch (RuntimeException e) {
                sendState.set(IDLE_SEND);
                sendFailed(e); // if the client left while we were sending, there is nothing more to do
                return;
            }
            stats.sent();
            if (sendState.compareAndSet(IN_TRANSMIT, AWAITING_COMPLETION)) {
                return; // onResult continues the chain when the send completes
            }
            sendState.set(IDLE_SEND);
        }
    }

    /** The container says the send in progress is over. */
    @Override
    public void onResult(SendResult result) {
        if (!result.isOK()) {
            failed(result);
        }
        if (sendState.compareAndSet(IN_TRANSMIT, COMPLETED_INLINE)) {
            return; // drain() is still on the stack and goes on
        }
        sendState.set(IDLE_SEND);
        drain();
    }

    private void failed(SendResult result) {
        sendFailed(result.getException());
    }

    private void sendFailed(Throwable error) {
        if (!session.isOpen()) {
            close();
            return;
        }
        CloseReason reason = SendFailures.reportAndChooseClose(session.getId(), error);
        abandon(reason, reason == SLOW_CONSUMER ? Failure.SEND_TIMEOUT : Failure.SEND_FAILED);
    }

    private void abandon(CloseReason reason, Failure failure) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            clearQueue();
            notifyAll();
        }
        if (failure != null) {
            onFailure.accept(failure);
        }
        // Closing writes a frame and may block on a stuck client: not on the producer's thread, unless
        // no worker is free (then closing here beats leaving the session open and silent).
        Runnable closing = () -> {
            try {
                session.close(reason);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "Close of session " + session.getId() + " failed", e);
            }
        };
        try {
            worker.execute(closing);
        } catch (RejectedExecutionException saturated) {
            closing.run();
        }
    }

    /** Whether this session's client is still there, which the idle sweep checks. */
    IdleWatch idleWatch() {
        return idleWatch;
    }

    // Shortcuts to the session's IdleWatch, for the callers that hold only its outbox.

    /** The client sent something (a message or a pong): it is there (see {@link IdleWatch#touch}). */
    public void touch() {
        idleWatch.touch();
    }

    /** See {@link IdleWatch#pingIfQuiet}. */
    boolean pingIfQuiet(long nowNanos, long intervalNanos) {
        return idleWatch.pingIfQuiet(nowNanos, intervalNanos);
    }

    /** See {@link IdleWatch#closeIfPingUnanswered}. */
    boolean closeIfPingUnanswered(long nowNanos, long pongTimeoutNanos) {
        return idleWatch.closeIfPingUnanswered(nowNanos, pongTimeoutNanos);
    }

    /** See {@link IdleWatch#closeIfIdle}. */
    boolean closeIfIdle(long nowNanos) {
        return idleWatch.closeIfIdle(nowNanos);
    }
}
