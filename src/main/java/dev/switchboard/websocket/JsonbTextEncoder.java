package dev.switchboard.websocket;

import jakarta.websocket.Encoder;

/** Base of every feature's one encoder: a record becomes its JSON-B text. */
public abstract class JsonbTextEncoder<T> implements Encoder.Text<T> {
    @Override
    public String encode(T message) {
        return toJson(message);
    }

    protected String toJson(Object value) {
        return JsonSupport.JSONB.toJson(value);
    }
}
