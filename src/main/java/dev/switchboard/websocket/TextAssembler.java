package dev.switchboard.websocket;

import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.Session;

import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Puts a connection's text message together from the parts its endpoint's partial handler
 * ({@code @OnMessage(Session, String, boolean)}) receives, within the endpoint's {@link FrameLimit}, and
 * decodes it with the endpoint's decoder. This is the one place where a message's size is measured: the
 * decoders never see a message over the limit.
 * <p>
 * Parts, because WildFly's Undertow reads a whole frame into memory before a whole-message handler
 * sees it (a 64 MB frame was held in full before its decoder could refuse it), while a partial handler
 * gets each read as it arrives: the bytes are counted as they come and the connection is closed with
 * 1009 as soon as they exceed the limit, so one message never holds more than the limit. A message that
 * arrives in one part (on Payara every message that is one frame, since Tyrus delivers whole frames) is
 * measured as it is and, within the limit, goes to the decoder as it is, not copied; over it, it is
 * refused with the {@link DecodeException} that {@link FrameLimit#closeIfTooBig} turns into the 1009 close.
 * State is kept in the session only while a message is incomplete. One instance serves every connection
 * of an endpoint; a session's parts arrive one at a time, in order.
 */
public final class TextAssembler<T> {
    private static final String PENDING = TextAssembler.class.getName() + ".pending";

    private final FrameLimit limit;
    private final Decoder.Text<T> decoder;

    /** The decoder must keep no state between messages: one instance decodes for every connection. */
    public TextAssembler(FrameLimit limit, Decoder.Text<T> decoder) {
        this.limit = limit;
        this.decoder = decoder;
        decoder.init(null); // a decoder reads its own configuration, not the endpoint's
    }

    public FrameLimit limit() {
        return limit;
    }

    /**
     * The endpoints' {@code @OnMessage}: takes the next part and hands a completed message to
     * {@code handler}, or the decoder's refusal to {@code onError} (the endpoint's {@code @OnError}).
     */
    public void deliver(Session session, String part, boolean last, BiConsumer<Session, T> handler,
                        BiConsumer<Session, Throwable> onError) {
        try {
            T message = accept(session, part, last);
            if (message != null) {
                handler.accept(session, message);
            }
        } catch (DecodeException e) {
            onError.accept(session, e);
        }
    }

    /**
     * Takes the next part of the session's text message.
     *
     * @return the decoded message once {@code last} completes it; null while parts are missing, or when the
     *         message went over the limit (the session is then closed with 1009 and the rest of it ignored)
     * @throws DecodeException as the decoder throws it, or for a message in one part over the limit (for
     *         {@link FrameLimit#closeIfTooBig})
     */
    public T accept(Session session, String part, boolean last) throws DecodeException {
        Map<String, Object> properties = session.getUserProperties();
        Pending pending = (Pending) properties.get(PENDING);
        if (pending == null) {
            if (last) {
                limit.check(part);
                return decoder.decode(part);
            }
            pending = new Pending();
            properties.put(PENDING, pending);
        }
        if (last) {
            properties.remove(PENDING);
        }
        if (pending.refused) {
            return null;
        }
        pending.bytes += FrameLimit.utf8Bytes(part);
        if (pending.bytes > limit.maxBytes()) {
            pending.refused = true;
            pending.text = null;
            limit.closeTooBig(session);
            return null;
        }
        pending.text.append(part);
        return last ? decoder.decode(pending.text.toString()) : null;
    }

    /** The parts of an incomplete message so far. */
    private static final class Pending {
        StringBuilder text = new StringBuilder();
        long bytes;
        boolean refused;
    }
}
