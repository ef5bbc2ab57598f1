package dev.switchboard.websocket;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one sweep over the server's open sessions (instead of a container timer per session, see
 * {@link TyrusIdleTimers}): through each session's {@link IdleWatch}, closes those idle for longer than
 * their endpoint allows or whose ping went unanswered, and pings quiet ones. Counts what it did.
 */
final class IdleSweep {
    /** The logger of {@link Outboxes}, under which the sweep has always logged. */
    private static final Logger LOG = Logger.getLogger(Outboxes.class.getName());

    private final Iterable<Outbox> open;
    private final Consumer<Outbox> forget;
    private final AtomicLong idleClosed = new AtomicLong();
    private final AtomicLong pings = new AtomicLong();
    private final AtomicLong pingUnansweredClosed = new AtomicLong();

    /** {@code forget} takes a session the sweep closed off the open ones. */
    IdleSweep(Iterable<Outbox> open, Consumer<Outbox> forget) {
        this.open = open;
        this.forget = forget;
    }

    /** One pass over the open sessions; a ping interval or pong timeout of 0 means never. */
    void sweep(long nowNanos, long pingIntervalNanos, long pongTimeoutNanos) {
        for (Outbox outbox : open) {
            try {
                IdleWatch watch = outbox.idleWatch();
                if (watch.closeIfIdle(nowNanos)) {
                    idleClosed.incrementAndGet();
                    forget.accept(outbox);
                } else if (watch.closeIfPingUnanswered(nowNanos, pongTimeoutNanos)) {
                    pingUnansweredClosed.incrementAndGet();
                    forget.accept(outbox);
                } else if (watch.pingIfQuiet(nowNanos, pingIntervalNanos)) {
                    pings.incrementAndGet();
                }
            } catch (RuntimeException e) { // one session's failure must not end the sweep for good
                LOG.log(Level.WARNING, "Idle check of a session failed", e);
            }
        }
    }

    /** Sessions closed for being idle, since start. */
    long idleClosed() {
        return idleClosed.get();
    }

    /** Pings sent to quiet clients, since start. */
    long pingsSent() {
        return pings.get();
    }

    /** Sessions closed because a ping went unanswered for the pong timeout, since start. */
    long pingUnansweredClosed() {
        return pingUnansweredClosed.get();
    }
}
