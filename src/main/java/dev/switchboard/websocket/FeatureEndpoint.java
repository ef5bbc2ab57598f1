package dev.switchboard.websocket;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Decoder;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What every WebSocket endpoint does, whatever its feature: the connection's {@link FrameLimit} and
 * {@link Outbox} on open, text through the {@link TextAssembler} (which measures every message) and its
 * decoder, each message admitted by the connection's {@link MessageRate}, binary frames answered, pongs
 * taken as a sign of life, the close handed to {@link Outboxes} and a message over the limit closed with
 * 1009 in {@code @OnError}.
 * <p>
 * A feature's endpoint is a subclass carrying {@code @ServerEndpoint} (with its encoder and
 * {@link SharedEndpoint}) and {@code @Dependent}; it supplies its decoder and says what a connection is
 * ({@link #opened}), what to do with a decoded frame ({@link #handle}), how it writes the error replies of
 * this class ({@link #errorReply}) and, if anything, what to do when a connection closes ({@link #closed}).
 * The callbacks are declared here, not in the subclasses: Tyrus and Undertow both find annotated methods of
 * a superclass. One instance serves every connection ({@link SharedEndpoint}), so the per-connection state
 * (the {@code C} that {@link #opened} returns) lives in the session's user properties.
 *
 * @param <F> what the decoder makes of a text message
 * @param <C> the feature's state for one connection
 */
public abstract class FeatureEndpoint<F, C> {
    private static final String CONNECTION = FeatureEndpoint.class.getName() + ".connection";

    /** The errors this class answers for every feature; each feature writes them in its own shape. */
    public enum Refusal {
        /** A binary frame, where the protocol is JSON text. */
        BINARY_FRAME("invalid_request", "Binary frames are not supported: send JSON as text"),
        /** A message over the connection's rate limit (the message comes from {@link Outboxes#rateLimitMessage}). */
        RATE_LIMITED("rate_limited", null);

        private final String code;
        private final String message;

        Refusal(String code, String message) {
            this.code = code;
            this.message = message;
        }

        /** The wire code, as every endpoint writes it. */
        public String code() {
            return code;
        }
    }

    private final Logger log = Logger.getLogger(getClass().getName());
    private final EndpointName name;
    private final TextAssembler<F> texts;
    private final BiConsumer<Session, F> onFrame = this::frame;
    private final BiConsumer<Session, Throwable> onError = this::error;

    @Inject
    protected Outboxes outboxes;

    /** The decoder must keep no state between messages (see {@link TextAssembler}). */
    protected FeatureEndpoint(EndpointName name, FrameLimit limit, Decoder.Text<F> decoder) {
        this.name = name;
        this.texts = new TextAssembler<>(limit, decoder);
    }

    /**
     * A new connection of this feature, with its outbox open: its state, kept for the connection's
     * messages and close (not null).
     */
    protected abstract C opened(Session session, Outbox outbox);

    /** A decoded text message, admitted by the rate limit. */
    protected abstract void handle(Session session, C connection, F frame);

    /** The reply to send for this refusal (encoded by the outbox), or null to send none. */
    protected abstract Object errorReply(Refusal refusal, String message);

    /** The connection closed; its outbox is already closed. */
    protected void closed(Session session, C connection) {
    }

    /** A binary frame, admitted by the rate limit: answered with {@link Refusal#BINARY_FRAME}. */
    protected void binaryFrame(Session session, C connection, int bytes) {
        reply(session, Refusal.BINARY_FRAME, Refusal.BINARY_FRAME.message);
    }

    /** Why this endpoint takes no connection now (it is closed at once, before anything is opened), or null. */
    protected CloseReason refusal() {
        return null;
    }

    /** The connection's outbox: by default closed after the server's idle timeout. */
    protected Outbox openOutbox(Session session) {
        return outboxes.open(session, name);
    }

    @OnOpen
    public void open(Session session) throws IOException {
        CloseReason refusal = refusal();
        if (refusal != null) {
            session.close(refusal);
            return;
        }
        texts.limit().applyTo(session);
        // Idle connections are closed by the outboxes' sweep, not by a container timer per session.
        session.getUserProperties().put(CONNECTION, opened(session, openOutbox(session)));
    }

    /** Text arrives in parts, counted against the limit as they come (see {@link TextAssembler}). */
    @OnMessage
    public void text(Session session, String part, boolean last) {
        texts.deliver(session, part, last, onFrame, onError);
    }

    private void frame(Session session, F frame) {
        C connection = connection(session);
        if (connection != null && admitted(session)) {
            handle(session, connection, frame);
        }
    }

    /** Binary frames are not part of any protocol here: never a reason to close. */
    @OnMessage
    public void binary(Session session, ByteBuffer data) {
        C connection = connection(session);
        if (connection != null && admitted(session)) {
            binaryFrame(session, connection, data.remaining());
        }
    }

    /** The answer to the sweep's ping: the client is there. */
    @OnMessage
    public void pong(Session session, PongMessage pong) {
        Outboxes.heardFrom(session);
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        C connection = connection(session);
        try {
            outboxes.close(session, reason);
        } finally {
            if (connection != null) {
                closed(session, connection);
            }
        }
    }

    @OnError
    public void error(Session session, Throwable error) {
        if (FrameLimit.closeIfTooBig(session, error)) {
            return;
        }
        log.log(Level.FINE, "WebSocket error on endpoint " + name.tag() + " session " + session.getId(), error);
    }

    /** Sends the feature's error reply for this refusal, if it has one and the connection an outbox. */
    protected final void reply(Session session, Refusal refusal, String message) {
        Outbox outbox = Outboxes.of(session);
        if (outbox == null) {
            return;
        }
        Object reply = errorReply(refusal, message);
        if (reply != null) {
            outbox.send(reply);
        }
    }

    private boolean admitted(Session session) {
        MessageRate.Admission admission = outboxes.admit(session);
        if (admission == MessageRate.Admission.REFUSED) {
            reply(session, Refusal.RATE_LIMITED, outboxes.rateLimitMessage());
        }
        return admission == MessageRate.Admission.ADMITTED;
    }

    @SuppressWarnings("unchecked")
    private C connection(Session session) {
        return (C) session.getUserProperties().get(CONNECTION);
    }
}
