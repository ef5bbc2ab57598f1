package dev.switchboard.websocket;

import jakarta.websocket.CloseReason;

import java.io.IOException;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** What a failed send of an {@link Outbox} means, how it is logged, and how its session is closed. */
final class SendFailures {
    private static final Logger LOG = Logger.getLogger(Outbox.class.getName());
    private static final CloseReason SEND_FAILED =
            new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "send failed");

    private SendFailures() {
    }

    /**
     * Logs the failure of a send on an open session and says how to close it: a send that timed out is a
     * client that does not read ({@link Outbox#SLOW_CONSUMER}); anything else, "send failed".
     */
    static CloseReason reportAndChooseClose(String sessionId, Throwable error) {
        if (isTimeout(error)) {
            LOG.log(Level.WARNING, "Closing WebSocket session " + sessionId + ": a send timed out, the client does not read", error);
            return Outbox.SLOW_CONSUMER;
        }
        if (clientGone(error)) {
            LOG.fine(() -> "Closing WebSocket session " + sessionId + ": the client is gone (" + error + ")");
        } else {
            LOG.log(Level.WARNING, "Closing WebSocket session " + sessionId + ": a send failed", error);
        }
        return SEND_FAILED;
    }

    /**
     * A write that failed with an I/O error: the connection is closed or was reset, which the container
     * may not have reported yet when a client drops right after the handshake. A client leaving is no
     * fault of the server's: one line at FINE (and the close line), not a WARNING with a stack trace.
     */
    static boolean clientGone(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** Tyrus reports an expired send timeout as a (subclass of) TimeoutException, or one as its cause. */
    private static boolean isTimeout(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }
}
