package dev.switchboard.guard;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.Filter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.FilterChainEvent;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpEvents;

/**
 * Bounds the time a request's head (request line and headers) may take to arrive, and the number of
 * connections per remote address whose head is still arriving.
 *
 * <p>Two filters around Grizzly's HTTP codec ({@code org.glassfish.grizzly.http.HttpServerFilter}) on the same
 * listener: {@link #arm()} before it (after TLS, so it sees the connection from accept on), {@link #disarm()}
 * after it. A deadline starts when a connection is accepted, and again when the first bytes of a later request
 * arrive on a kept-alive connection; it ends when the codec passes a parsed head on (the codec, not this
 * class, finds the end of the head). A connection whose head has not arrived by then is closed. While a
 * deadline runs the connection counts as pending for its remote address; a connection that would exceed
 * {@code maxPendingPerAddress} is closed at once.
 *
 * <p>Once a head has arrived, each read costs the two filters one attribute lookup and one volatile read each;
 * an upgraded connection (WebSocket) never gets a deadline again.
 */
public final class HeadDeadline {
    public static final String TIMEOUT_PROPERTY = "switchboard.http.header-timeout-ms";
    public static final String MAX_PENDING_PROPERTY = "switchboard.http.max-pending-per-address";
    public static final long DEFAULT_TIMEOUT_MS = 10_000;
    public static final int DEFAULT_MAX_PENDING = 256;

    static final Logger LOG = Logger.getLogger("dev.switchboard.guard");
    private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private static volatile HeadDeadline shared;

    private final long timeoutMs;
    private final int maxPendingPerAddress;
    private final ScheduledThreadPoolExecutor timer;
    private final ConcurrentHashMap<String, Integer> pending = new ConcurrentHashMap<>();
    private final Attribute<State> stateAttribute;
    private final Filter arm = new ArmFilter();
    private final Filter disarm = new DisarmFilter();

    private final AtomicLong expired = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong lastLog = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);
    private long expiredLogged;
    private long refusedLogged;

    public HeadDeadline(long timeoutMs, int maxPendingPerAddress) {
        if (timeoutMs <= 0) {
            throw new IllegalArgumentException(TIMEOUT_PROPERTY + " must be positive, got " + timeoutMs);
        }
        if (maxPendingPerAddress <= 0) {
            throw new IllegalArgumentException(MAX_PENDING_PROPERTY + " must be positive, got " + maxPendingPerAddress);
        }
        this.timeoutMs = timeoutMs;
        this.maxPendingPerAddress = maxPendingPerAddress;
        this.timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "switchboard-header-deadline");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true); // a deadline met (the usual case) leaves nothing queued
        this.stateAttribute = Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(
                HeadDeadline.class.getName() + "-" + System.identityHashCode(this));
    }

    /** The one instance of the server (shared by its listeners), from the system properties. */
    public static HeadDeadline fromSystemProperties() {
        HeadDeadline instance = shared;
        if (instance == null) {
            synchronized (HeadDeadline.class) {
                instance = shared;
                if (instance == null) {
                    instance = new HeadDeadline(longProperty(TIMEOUT_PROPERTY, DEFAULT_TIMEOUT_MS),
                            (int) longProperty(MAX_PENDING_PROPERTY, DEFAULT_MAX_PENDING));
                    shared = instance;
                }
            }
        }
        return instance;
    }

    /** A system property, else the environment variable MicroProfile Config would map to it (as the WAR's settings). */
    private static long longProperty(String name, long fallback) {
        String value = System.getProperty(name);
        if (value == null) {
            value = System.getenv(name.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
        }
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + value + "'", e);
        }
    }

    public long timeoutMs() {
        return timeoutMs;
    }

    public int maxPendingPerAddress() {
        return maxPendingPerAddress;
    }

    /** The filter that goes right before the HTTP codec. */
    public Filter arm() {
        return arm;
    }

    /** The filter that goes right after the HTTP codec. */
    public Filter disarm() {
        return disarm;
    }

    /** Connections closed because their head had not arrived in time. */
    public long expired() {
        return expired.get();
    }

    /** Connections closed because their address had too many heads pending. */
    public long refused() {
        return refused.get();
    }

    /** Heads pending from this address now. */
    public int pending(String address) {
        return pending.getOrDefault(address, 0);
    }

    /** Stops the timer (tests; the server's instance lives as long as the server). */
    public void close() {
        timer.shutdownNow();
    }

    private boolean acquire(String address) {
        boolean[] granted = {false};
        pending.compute(address, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= maxPendingPerAddress) {
                return count;
            }
            granted[0] = true;
            return now + 1;
        });
        return granted[0];
    }

    private void release(String address) {
        pending.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
    }

    private static String address(Connection<?> connection) {
        Object peer = connection.getPeerAddress();
        if (peer instanceof InetSocketAddress) {
            InetSocketAddress socket = (InetSocketAddress) peer;
            return socket.getAddress() != null ? socket.getAddress().getHostAddress() : socket.getHostString();
        }
        return String.valueOf(peer);
    }

    /** At most one line per 10 s, with the counts since the last one. */
    private void report() {
        long now = System.nanoTime();
        long last = lastLog.get();
        if (now - last < LOG_INTERVAL_NANOS || !lastLog.compareAndSet(last, now)) {
            return;
        }
        long expiredNow = expired.get();
        long refusedNow = refused.get();
        synchronized (this) {
            LOG.log(Level.WARNING, "HTTP head guard closed {0} connection(s) whose request head took longer than {1} ms"
                            + " and refused {2} beyond {3} pending heads per address (since the last such line)",
                    new Object[] {expiredNow - expiredLogged, timeoutMs, refusedNow - refusedLogged, maxPendingPerAddress});
            expiredLogged = expiredNow;
            refusedLogged = refusedNow;
        }
    }

    private static final int HEAD = 0;       // a head is arriving: a deadline runs, counted as pending
    private static final int REQUEST = 1;    // its head has arrived; body and response under way
    private static final int IDLE = 2;       // response complete, connection kept alive: the next bytes start a head
    private static final int UPGRADED = 3;   // e.g. a WebSocket: never again a head
    private static final int CLOSED = 4;

    private final class State {
        private final Connection<?> connection;
        private final String address;
        private volatile int phase = IDLE;
        private ScheduledFuture<?> deadline; // guarded by this
        private int generation;              // guarded by this

        State(Connection<?> connection, String address) {
            this.connection = connection;
            this.address = address;
        }

        /** Starts a deadline; false (nothing started) if the address has too many pending. */
        synchronized boolean start() {
            if (phase != IDLE) {
                return true;
            }
            if (!acquire(address)) {
                phase = CLOSED;
                return false;
            }
            phase = HEAD;
            int mine = ++generation;
            deadline = timer.schedule(() -> expire(mine), timeoutMs, TimeUnit.MILLISECONDS);
            return true;
        }

        synchronized void headArrived(boolean upgraded) {
            if (phase == HEAD) {
                end();
                phase = upgraded ? UPGRADED : REQUEST;
            }
        }

        synchronized void responseComplete() {
            if (phase == REQUEST) {
                phase = IDLE;
            }
        }

        synchronized void closed() {
            if (phase == HEAD) {
                end();
            }
            phase = CLOSED;
        }

        private void expire(int which) {
            synchronized (this) {
                if (phase != HEAD || generation != which) {
                    return;
                }
                deadline = null;
                release(address);
                phase = CLOSED;
            }
            expired.incrementAndGet();
            connection.closeSilently();
            report();
        }

        private void end() {
            if (deadline != null) {
                deadline.cancel(false);
                deadline = null;
            }
            release(address);
        }
    }

    private NextAction refuse(FilterChainContext ctx) {
        refused.incrementAndGet();
        ctx.getConnection().closeSilently();
        report();
        return ctx.getStopAction();
    }

    /** Before the codec: starts a deadline at accept, and at the first bytes after a kept-alive response. */
    private final class ArmFilter extends BaseFilter {
        @Override
        public NextAction handleAccept(FilterChainContext ctx) throws IOException {
            Connection<?> connection = ctx.getConnection();
            State state = new State(connection, address(connection));
            stateAttribute.set(connection, state);
            return state.start() ? ctx.getInvokeAction() : refuse(ctx);
        }

        @Override
        public NextAction handleRead(FilterChainContext ctx) throws IOException {
            State state = stateAttribute.get(ctx.getConnection());
            if (state != null && state.phase == IDLE && !state.start()) {
                return refuse(ctx);
            }
            return ctx.getInvokeAction();
        }

        @Override
        public NextAction handleClose(FilterChainContext ctx) throws IOException {
            State state = stateAttribute.get(ctx.getConnection());
            if (state != null) {
                state.closed();
            }
            return ctx.getInvokeAction();
        }

        @Override
        public String toString() {
            return "HeadDeadline.arm(" + timeoutMs + " ms, " + maxPendingPerAddress + " per address)";
        }
    }

    /** After the codec: the codec passes a message on only once a head is parsed; it also sees response-complete. */
    private final class DisarmFilter extends BaseFilter {
        @Override
        public NextAction handleRead(FilterChainContext ctx) throws IOException {
            State state = stateAttribute.get(ctx.getConnection());
            if (state != null && state.phase == HEAD) {
                Object message = ctx.getMessage();
                state.headArrived(message instanceof HttpContent && ((HttpContent) message).getHttpHeader().isUpgrade());
            }
            return ctx.getInvokeAction();
        }

        @Override
        public NextAction handleEvent(FilterChainContext ctx, FilterChainEvent event) throws IOException {
            if (event.type() == HttpEvents.ResponseCompleteEvent.TYPE) {
                State state = stateAttribute.get(ctx.getConnection());
                if (state != null) {
                    state.responseComplete();
                }
            }
            return ctx.getInvokeAction();
        }

        @Override
        public String toString() {
            return "HeadDeadline.disarm";
        }
    }
}
