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
 * Each endpoint receives text in parts ({@code @OnMessage(Session, String, boolean)}) through a
 * {@link TextAssembler}, which counts a message's bytes as its parts arrive and closes with 1009 as soon
 * as they exceed the limit: on WildFly, whose Undertow reads a whole frame into memory before a
 * whole-message handler sees it, this is what bounds the memory of one huge frame. A message that
 * arrives in one part is {@link #check}ed whole by the assembler too, before its decoder sees it (a
 * message over the limit is never parsed); {@link FeatureEndpoint}'s {@code @OnError} turns that refusal
 * into the same 1009 close with {@link #closeIfTooBig}. On Payara a single frame larger than the container's
 * own read buffer (web.xml {@code org.glassfish.tyrus.servlet.incoming-buffer-size}) never reaches the
 * application: Tyrus closes that connection itself, with 1011 "Buffer overflow.", and logs a warning.
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
        return utf8Bytes(text) > maxBytes;
    }

    /**
     * The length of the text in UTF-8. Each half of a surrogate pair counts 2, so a pair split between two
     * parts of a message still adds up to its 4 bytes.
     */
    public static long utf8Bytes(CharSequence text) {
        long bytes = 0;
        for (int i = 0, chars = text.length(); i < chars; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800 || Character.isSurrogate(c)) {
                bytes += 2;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** For {@code @OnError}: if the error is a {@link #check} refusal, closes the session with 1009 and returns true. */
    public static boolean closeIfTooBig(Session session, Throwable error) {
        if (!(error instanceof DecodeException && error.getCause() instanceof TooBig tooBig)) {
            return false;
        }
        closeTooBig(session, tooBig.maxBytes);
        return true;
    }

    /** Closes the session with 1009, for a message over this limit. */
    public void closeTooBig(Session session) {
        closeTooBig(session, maxBytes);
    }

    private static void closeTooBig(Session session, int maxBytes) {
        String reason = "Message too big (limit " + maxBytes + " bytes)";
        LOG.fine(() -> "Closing WebSocket session " + session.getId() + ": " + reason);
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.TOO_BIG, reason));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "Close of session " + session.getId() + " failed", e);
        }
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
