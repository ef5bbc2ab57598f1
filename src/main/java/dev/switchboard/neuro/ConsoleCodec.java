package dev.switchboard.neuro;

import dev.switchboard.websocket.JsonSupport;
import dev.switchboard.websocket.JsonbTextEncoder;
import jakarta.json.JsonString;
import jakarta.json.bind.JsonbException;
import jakarta.websocket.Decoder;

/** The console's one decoder and one encoder. */
public final class ConsoleCodec {
    private ConsoleCodec() {
    }

    public static class CommandDecoder implements Decoder.Text<ConsoleCommand> {
        @Override
        public ConsoleCommand decode(String text) {
            JsonSupport.ObjectFrame frame = JsonSupport.readObject(text, "A command");
            if (!frame.isObject()) {
                return new ConsoleCommand.Invalid(null, frame.code(), frame.problem());
            }
            String requestId = frame.object().get("request_id") instanceof JsonString s ? s.getString() : null;
            try {
                return JsonSupport.JSONB.fromJson(text, ConsoleCommand.class);
            } catch (JsonbException e) {
                return new ConsoleCommand.Invalid(requestId, "invalid_request", "Unknown command type or wrong field "
                        + "types (types: send_action, answer_force, reregister_all, shutdown_graceful, "
                        + "shutdown_immediate, set_decider, snapshot)");
            }
        }

        @Override
        public boolean willDecode(String text) {
            return true;
        }
    }

    public static class MessageEncoder extends JsonbTextEncoder<ConsoleMessage> {
    }
}
