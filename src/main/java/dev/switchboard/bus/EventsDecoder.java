package dev.switchboard.bus;

import dev.switchboard.websocket.JsonSupport;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reads an {@code /events} frame: a chat message ({@code source}, {@code content}, no type) or a
 * {@code subscribe}. Chat messages have no discriminator, so the frame is read as a JSON-P tree.
 */
public class EventsDecoder implements Decoder.Text<EventsFrame> {
    public static final int MAX_CONTENT_BYTES = 16 * 1024;
    public static final int MAX_SOURCE_LENGTH = 64;
    public static final int MAX_EPOCH_LENGTH = 64;
    public static final Set<String> TYPES = Set.of("InboundEvent", "OutboundEvent", "RunEvent", "NeuroEvent");
    public static final String MAX_BYTES_KEY = "switchboard.bus.max-message-bytes";
    public static final int DEFAULT_MAX_BYTES = 65_536;

    @Override
    public EventsFrame decode(String text) throws DecodeException {
        JsonSupport.ObjectFrame frame = JsonSupport.readObject(text, "A message");
        if (!frame.isObject()) {
            return invalid(frame.code(), frame.problem());
        }
        JsonObject object = frame.object();
        if (!object.containsKey("type")) {
            return chat(object);
        }
        if (!(object.get("type") instanceof JsonString type) || !type.getString().equals("subscribe")) {
            return invalid("invalid_request", "Field 'type' can only be 'subscribe' (a chat message has no type)");
        }
        return subscribe(object);
    }

    private static EventsFrame chat(JsonObject object) {
        JsonValue content = object.get("content");
        if (!(content instanceof JsonString contentText) || contentText.getString().isBlank()) {
            return invalid("invalid_request", "Field 'content' must be a non-empty string");
        }
        if (contentText.getString().getBytes(StandardCharsets.UTF_8).length > MAX_CONTENT_BYTES) {
            return invalid("too_large", "Field 'content' is over " + MAX_CONTENT_BYTES + " bytes");
        }
        String source = "anonymous";
        if (object.containsKey("source")) {
            if (!(object.get("source") instanceof JsonString sourceText)
                    || sourceText.getString().isEmpty() || sourceText.getString().length() > MAX_SOURCE_LENGTH) {
                return invalid("invalid_request", "Field 'source' must be a string of 1 to " + MAX_SOURCE_LENGTH + " characters");
            }
            source = sourceText.getString();
        }
        return new EventsFrame.Chat(source, contentText.getString());
    }

    private static EventsFrame subscribe(JsonObject object) {
        Set<String> types = new LinkedHashSet<>();
        if (object.containsKey("types")) {
            if (object.get("types").getValueType() != JsonValue.ValueType.ARRAY) {
                return invalid("invalid_request", "Field 'types' must be an array of event types");
            }
            for (JsonValue type : object.getJsonArray("types")) {
                if (!(type instanceof JsonString name) || !TYPES.contains(name.getString())) {
                    return invalid("invalid_request", "Unknown event type " + type + " (types: "
                            + String.join(", ", TYPES.stream().sorted().toList()) + ")");
                }
                types.add(name.getString());
            }
        }
        Long afterOffset = null;
        if (object.containsKey("after_offset")) {
            if (!(object.get("after_offset") instanceof JsonNumber number) || !number.isIntegral()
                    || number.bigIntegerValue().bitLength() > 63
                    || number.bigIntegerValue().signum() < 0 && number.longValue() != -1) {
                return invalid("invalid_request", "Field 'after_offset' must be an integer >= -1");
            }
            afterOffset = number.longValue();
        }
        String epoch = null;
        if (object.containsKey("epoch")) {
            if (!(object.get("epoch") instanceof JsonString epochText)
                    || epochText.getString().isEmpty() || epochText.getString().length() > MAX_EPOCH_LENGTH) {
                return invalid("invalid_request", "Field 'epoch' must be a string of 1 to " + MAX_EPOCH_LENGTH
                        + " characters (the epoch of the events the client saw)");
            }
            epoch = epochText.getString();
        }
        return new EventsFrame.Subscribe(Set.copyOf(types), afterOffset, epoch);
    }

    @Override
    public boolean willDecode(String text) {
        return true;
    }

    private static EventsFrame.Invalid invalid(String code, String message) {
        return new EventsFrame.Invalid(code, message);
    }
}
