package dev.switchboard.websocket;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Whether the client of one session is still there, as the idle sweep checks it: when it was last heard
 * from (a message or a pong; what is sent to it does not count) and whether a ping is waiting for its pong.
 * I/O threads write those times and the sweep reads them, so they are volatile. Closing goes through the
 * session's {@link Outbox}, which then stops sending.
 */
final class IdleWatch {
    /** The outbox's logger, under which a failed ping has always been logged. */
    private static final Logger LOG = Logger.getLogger(Outbox.class.getName());
    static final CloseReason IDLE =
            new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "idle timeout");
    static final CloseReason PING_UNANSWERED =
            new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "ping unanswered");

    private final Outbox outbox;
    private final Session session;
    private final RemoteEndpoint.Async remote;
    private final long idleTimeoutNanos;
    private volatile long lastHeard = System.nanoTime();
    private volatile long lastPinged;
    /** A ping was sent and nothing has been heard since. */
    private volatile boolean awaitingPong;

    /** {@code idleTimeoutMillis}: how long the client may say nothing before {@link #closeIfIdle} closes it; 0 = never. */
    IdleWatch(Outbox outbox, Session session, RemoteEndpoint.Async remote, long idleTimeoutMillis) {
        this.outbox = outbox;
        this.session = session;
        this.remote = remote;
        this.idleTimeoutNanos = idleTimeoutMillis * 1_000_000L;
    }

    /** The client sent something (a message or a pong): it is there. */
    void touch() {
        lastHeard = System.nanoTime();
        awaitingPong = false;
    }

    /**
     * Pings the client if it has been quiet for {@code intervalNanos} and was not pinged within that
     * time; a client that is there answers with a pong ({@link #touch}). True if it pinged.
     */
    boolean pingIfQuiet(long nowNanos, long intervalNanos) {
        if (intervalNanos <= 0 || nowNanos - lastHeard < intervalNanos || nowNanos - lastPinged < intervalNanos
                || outbox.isClosed()) {
            return false;
        }
        lastPinged = nowNanos;
        awaitingPong = true;
        try {
            remote.sendPing(ByteBuffer.allocate(0));
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "Ping of session " + session.getId() + " failed", e);
            return false;
        }
    }

    /**
     * Closes the session (1001 "ping unanswered") if {@code pongTimeoutNanos} passed since its last ping
     * and nothing was heard since: a client that is there answers at once, so its connection is gone
     * though the container has not noticed (0 = never); true if it did.
     */
    boolean closeIfPingUnanswered(long nowNanos, long pongTimeoutNanos) {
        if (pongTimeoutNanos <= 0 || !awaitingPong || nowNanos - lastPinged < pongTimeoutNanos || outbox.isClosed()) {
            return false;
        }
        outbox.closeFor(PING_UNANSWERED);
        return true;
    }

    /**
     * Closes the session (1001 idle timeout) if nothing was heard from the client, not even a pong, for
     * the idle timeout; true if it did.
     */
    boolean closeIfIdle(long nowNanos) {
        if (idleTimeoutNanos <= 0 || nowNanos - lastHeard < idleTimeoutNanos || outbox.isClosed()) {
            return false;
        }
        outbox.closeFor(IDLE);
        return true;
    }
}
