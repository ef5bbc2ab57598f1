package dev.switchboard.calls;

import dev.switchboard.websocket.JsonbTextEncoder;

public class CallsEncoder extends JsonbTextEncoder<CallReply> {
    @Override
    public String encode(CallReply reply) {
        return toJson(reply instanceof CallReply.Batch batch ? batch.replies() : reply);
    }
}
