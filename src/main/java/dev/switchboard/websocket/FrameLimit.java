package dev.switchboard.websocket;

import jakarta.websocket.CloseReason;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Session;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An endpoint's largest message in UTF-8 bytes, enforced on every message whatever its framing.
 * <p>
 * The container checks {@link Session#setMaxTextMessageBufferSize} only for fragmented messages, so
 * each decoder also {@link #check}s the whole text first (a message over the limit is never parsed),
 * and the endpoint's {@code @OnError} turns the refusal into a 1009 close with {@link #closeIfTooBig}.
 * A single frame larger than the container's own read buffer (web.xml
 * {@code org.glassfish.tyrus.servlet.incoming-buffer-size}) never reaches the application: Tyrus
 * closes that connection itself, with 1011 "Buffer overflow.", and logs a warning.
 */
public record FrameLimit(int maxBytes) {
    private static final Logger LOG = Logger.getLogger(FrameLimit.class.getName());

    /** The limit configured under {@code key} (MicroProfile Config), or {@code defaultBytes}. */
    public static FrameLimit configured(String key, int defaultBytes) {
        return new FrameLimit(ConfigProvider.getConfig().getOptionalValue(key, Integer.class).orElse(defaultBytes));
    }

    /** Also makes the container refuse fragmented messages (text or binary) over the limit as they arrive. */
    public void applyTo(Session session) {
        session.setMaxTextMessageBufferSize(maxBytes);
        session.setMaxBinaryMessageBufferSize(maxBytes);
    }

    /** @throws DecodeException (for {@link #closeIfTooBig}) when the text is over the limit */
    public void check(String text) throws DecodeException {
        if (exceeds(text)) {
            throw new DecodeException("", "Message over " + maxBytes + " bytes", new TooBig(maxBytes));
        }
    }

    /** True if the text's UTF-8 encoding is longer than the limit (a char is 1 to 3 bytes). */
    public boolean exceeds(String text) {
        int chars = text.length();
        if (chars > maxBytes) {
            return true;
        }
        if ((long) chars * 3 <= maxBytes) {
            return false;
        }
        long bytes = 0;
        for (int i = 0; i < chars; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < chars && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes > maxBytes;
    }

    /** For {@code @OnError}: if the error is a {@link #check} refusal, closes the session with 1009 and returns true. */
    public static boolean closeIfTooBig(Session session, Throwable error) {
        if (!(error instanceof DecodeException && error.getCause() instanceof TooBig tooBig)) {
            return false;
        }
        String reason = "Message too big (limit " + tooBig.maxBytes + " bytes)";
        LOG.fine(() -> "Closing WebSocket session " + session.getId() + ": " + reason);
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.TOO_BIG, reason));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "Close of session " + session.getId() + " failed", e);
        }
        return true;
    }

    /** The cause of a {@link #check} refusal. */
    static final class TooBig extends Exception {
        private final int maxBytes;

        TooBig(int maxBytes) {
            super(null, null, false, false);
            this.maxBytes = maxBytes;
        }
    }
}
