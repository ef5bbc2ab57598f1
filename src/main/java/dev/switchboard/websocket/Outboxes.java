package dev.switchboard.websocket;

import dev.switchboard.concurrent.Workers;
import dev.switchboard.lifecycle.ShuttingDown;
import dev.switchboard.security.Admission;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.EnumMap;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Gives every WebSocket session its {@link Outbox}, sized by configuration, and knows them all. One
 * {@link IdleSweep}, every {@code switchboard.websocket.idle-sweep-ms}, closes the sessions that have been
 * idle longer than their endpoint allows and pings quiet ones.
 */
@ApplicationScoped
public class Outboxes {
    private static final Logger LOG = Logger.getLogger(Outboxes.class.getName());
    private static final String KEY = Outbox.class.getName();
    private static final String RATE = MessageRate.class.getName();
    private static final String ENDPOINT = EndpointName.class.getName();
    public static final CloseReason RATE_LIMITED =
            new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "rate limit exceeded");

    @Inject
    @ConfigProperty(name = "switchboard.outbox.capacity", defaultValue = "1024")
    int capacity;

    @Inject
    @ConfigProperty(name = "switchboard.outbox.max-chars", defaultValue = "4194304")
    long maxChars;

    @Inject
    @ConfigProperty(name = "switchboard.outbox.send-timeout-ms", defaultValue = "10000")
    long sendTimeoutMillis;

    @Inject
    @ConfigProperty(name = "switchboard.websocket.idle-sweep-ms", defaultValue = "1000")
    long idleSweepMillis;

    /** A client quiet this long is pinged (0 = never); a pong counts as hearing from it. */
    @Inject
    @ConfigProperty(name = "switchboard.websocket.ping-interval-ms", defaultValue = "30000")
    long pingIntervalMillis;

    /**
     * How long a ping may go unanswered before the connection is taken for gone and closed (0 = never): a
     * connection that dropped unnoticed is closed at most ping interval + this + one sweep after it did.
     */
    @Inject
    @ConfigProperty(name = "switchboard.websocket.pong-timeout-ms", defaultValue = "10000")
    long pongTimeoutMillis;

    /** How long a connection may go without a word (message or pong) from its client; /ws has its own key. */
    @Inject
    @ConfigProperty(name = "switchboard.websocket.idle-timeout-ms", defaultValue = "600000")
    long idleTimeoutMillis;

    /** Incoming messages per second each connection may send after its burst (0 = no limit). */
    @Inject
    @ConfigProperty(name = "switchboard.websocket.messages-per-second", defaultValue = "2000")
    double messagesPerSecond;

    @Inject
    @ConfigProperty(name = "switchboard.websocket.message-burst", defaultValue = "4000")
    int messageBurst;

    /** Refused messages in a row after which the connection is closed (1008). */
    @Inject
    @ConfigProperty(name = "switchboard.websocket.rate-limit-close-after", defaultValue = "1000")
    int closeAfterRefused;

    @Inject
    Workers workers;

    /** Parallel closers at shutdown: so many closes may be stuck at once before the other sessions wait. */
    static final int CLOSERS = 16;

    /**
     * How long shutdown waits for the closes, after the drain wait (2 s): with it, under the 10 s that an
     * undeployment waits for the shutdown. A close that does not block takes far less than a millisecond.
     */
    long closeWaitMillis = 3000;

    private final Set<Outbox> open = ConcurrentHashMap.newKeySet();
    private final Map<Outbox.Failure, AtomicLong> failures = new EnumMap<>(Outbox.Failure.class);
    private final IdleSweep sweep = new IdleSweep(open, this::forget);
    private final AtomicLong rateLimitClosed = new AtomicLong();
    private final Map<EndpointName, EndpointStats> stats = new EnumMap<>(EndpointName.class);

    public Outboxes() {
        for (EndpointName endpoint : EndpointName.values()) {
            stats.put(endpoint, new EndpointStats());
        }
        for (Outbox.Failure failure : Outbox.Failure.values()) {
            failures.put(failure, new AtomicLong());
        }
    }

    void startSweep(@Observes @Initialized(ApplicationScoped.class) Object started) {
        workers.scheduler().scheduleWithFixedDelay(this::closeIdle, idleSweepMillis, idleSweepMillis,
                TimeUnit.MILLISECONDS);
    }

    /** An outbox for a session of this endpoint, closed after the server's idle timeout without a word from its client. */
    public Outbox open(Session session, EndpointName endpoint) {
        return open(session, endpoint, idleTimeoutMillis);
    }

    /**
     * An outbox for a session of this endpoint that is closed (1001 "idle timeout") after
     * {@code idleTimeoutMillis} without a word (message or pong) from its client (0 = never).
     */
    public Outbox open(Session session, EndpointName endpoint, long idleTimeoutMillis) {
        EndpointStats counts = stats.get(endpoint);
        // Objects are encoded as every endpoint's encoder does (JsonbTextEncoder): JSON-B.
        Outbox outbox = new Outbox(session, new Outbox.Settings(capacity, maxChars, sendTimeoutMillis, idleTimeoutMillis),
                workers.executor(), failure -> failures.get(failure).incrementAndGet(), JsonSupport.JSONB::toJson, counts);
        session.getUserProperties().put(KEY, outbox);
        session.getUserProperties().put(RATE, new MessageRate(messagesPerSecond, messageBurst, closeAfterRefused));
        session.getUserProperties().put(ENDPOINT, endpoint);
        counts.opened();
        open.add(outbox);
        Admission.opened(session);
        LOG.info(() -> "websocket open endpoint=" + endpoint.tag() + " session=" + session.getId() + " " + Admission.describe(session));
        return outbox;
    }

    void closeIdle() {
        sweep.sweep(System.nanoTime(), pingIntervalMillis * 1_000_000L, pongTimeoutMillis * 1_000_000L);
    }

    /**
     * Counts an incoming message against the connection's rate limit: the caller handles it only if
     * {@code ADMITTED}, answers {@code rate_limited} if {@code REFUSED}; on {@code CLOSING} the
     * session is already being closed with 1008 "rate limit exceeded".
     */
    public MessageRate.Admission admit(Session session) {
        Outbox outbox = of(session);
        if (outbox != null) {
            outbox.idleWatch().touch();
            outbox.stats().received();
        }
        MessageRate rate = (MessageRate) session.getUserProperties().get(RATE);
        MessageRate.Admission admission = rate == null ? MessageRate.Admission.ADMITTED : rate.admit();
        if (admission == MessageRate.Admission.CLOSING) {
            rateLimitClosed.incrementAndGet();
            if (outbox != null) {
                outbox.closeFor(RATE_LIMITED);
            }
        }
        return admission;
    }

    /** What a refused message is answered with (each endpoint in its own shape, code {@code rate_limited}). */
    public String rateLimitMessage() {
        return "Too many messages: at most " + messageBurst + " at once and " + messagesPerSecond
                + " per second after that on one connection; this one was not handled";
    }

    /** Sessions closed for sending on while refused by their rate limit, since start. */
    public long rateLimitClosed() {
        return rateLimitClosed.get();
    }

    private static String endpointOf(Session session) {
        return session.getUserProperties().get(ENDPOINT) instanceof EndpointName name ? name.tag() : "-";
    }

    /** A pong (the answer to the sweep's ping) or any other word from the client: it is there. */
    public static void heardFrom(Session session) {
        Outbox outbox = of(session);
        if (outbox != null) {
            outbox.idleWatch().touch();
        }
    }

    public static Outbox of(Session session) {
        return (Outbox) session.getUserProperties().get(KEY);
    }

    /**
     * Called by every endpoint when the container closed a session: its outbox stops, its connection
     * slot is given back, and the close is logged (one line per connection).
     */
    public void close(Session session, CloseReason reason) {
        // The bookkeeping first: nothing after it (the log line) may keep a closed session counted.
        Outbox outbox = of(session);
        if (outbox != null) {
            outbox.close();
            forget(outbox);
        }
        Admission.release(session);
        LOG.info(() -> "websocket close endpoint=" + endpointOf(session) + " session=" + session.getId() + " " + Admission.describe(session)
                + " code=" + (reason == null ? "none" : reason.getCloseCode().getCode())
                + " reason=\"" + (reason == null ? "" : String.valueOf(reason.getReasonPhrase()).replaceAll("[\\p{Cntrl}\"]", "?")) + "\"");
    }

    /** The session is no longer open (the sweep closed it, or its endpoint saw it close): counted once. */
    private void forget(Outbox outbox) {
        if (open.remove(outbox)) {
            outbox.stats().closed();
        }
    }

    /**
     * Shutdown, after the features have said their last word (their observers have lower priorities):
     * every session gets what is queued for it (2 s in all at most) and a 1001 close.
     * <p>
     * A close writes a frame and may block on a client that does not read, so {@value #CLOSERS} closers
     * (worker threads) take the sessions from one queue: a stuck close holds up one closer, not the
     * others. A refused hand-off means fewer closers; with none, one thread of its own closes them all.
     * Shutdown waits for the closes at most {@code closeWaitMillis}; a close still stuck then is left
     * to the container's own teardown.
     */
    void closeAll(@Observes @Priority(1000) ShuttingDown event) {
        // All outboxes drain at once; one client that does not read costs the others nothing.
        long deadline = System.currentTimeMillis() + 2000;
        try {
            for (Outbox outbox : open) {
                outbox.awaitRoom(1, Math.max(1, deadline - System.currentTimeMillis()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Queue<Outbox> toClose = new ConcurrentLinkedQueue<>(open);
        CountDownLatch closed = new CountDownLatch(toClose.size());
        Runnable closer = () -> {
            for (Outbox outbox = toClose.poll(); outbox != null; outbox = toClose.poll()) {
                try {
                    outbox.closeGoingAway(1);
                } finally {
                    closed.countDown();
                }
            }
        };
        int wanted = Math.min(CLOSERS, toClose.size());
        int closers = 0;
        try {
            while (closers < wanted) {
                workers.executor().execute(closer);
                closers++;
            }
        } catch (RejectedExecutionException saturated) {
            // the closers already started take every session
        }
        if (closers == 0 && wanted > 0) {
            Thread last = new Thread(closer, "switchboard-shutdown-close");
            last.setDaemon(true);
            last.start();
        }
        try {
            if (!closed.await(closeWaitMillis, TimeUnit.MILLISECONDS)) {
                LOG.warning(() -> closed.getCount() + " WebSocket sessions not closed within " + closeWaitMillis
                        + " ms of the shutdown's closes (a client that does not read); the container ends them");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        open.clear();
    }

    /** Sessions open now and messages in and out since start, of one endpoint. */
    public EndpointStats stats(EndpointName endpoint) {
        return stats.get(endpoint);
    }

    /** The most messages queued for one open session. */
    public long maxDepth() {
        return open.stream().mapToLong(Outbox::depth).max().orElse(0);
    }

    /** Messages queued across every open session. */
    public long totalDepth() {
        return open.stream().mapToLong(Outbox::depth).sum();
    }

    /** Sessions closed with 1008 because their client did not keep up (queue full or a send timed out), since start. */
    public long slowConsumersClosed() {
        return closedFor(Outbox.Failure.QUEUE_FULL) + closedFor(Outbox.Failure.SEND_TIMEOUT);
    }

    /** Sessions an outbox gave up on for this reason, since start. */
    public long closedFor(Outbox.Failure failure) {
        return failures.get(failure).get();
    }

    /** Characters of text queued across every open session. */
    public long totalQueuedChars() {
        return open.stream().mapToLong(Outbox::queuedChars).sum();
    }

    /** Pings sent to quiet clients, since start. */
    public long pingsSent() {
        return sweep.pingsSent();
    }

    /** Sessions closed because a ping went unanswered for the pong timeout, since start. */
    public long pingUnansweredClosed() {
        return sweep.pingUnansweredClosed();
    }

    /** Sessions closed for being idle, since start. */
    public long idleClosed() {
        return sweep.idleClosed();
    }

    public int openCount() {
        return open.size();
    }
}
