package dev.switchboard.rpc;

import dev.switchboard.websocket.JsonbTextEncoder;

/** Writes {@link RpcMessage}s with JSON-B; a batch is the JSON array of its responses. */
public class RpcEncoder extends JsonbTextEncoder<RpcMessage> {
    private static final RpcEncoder INSTANCE = new RpcEncoder();

    @Override
    public String encode(RpcMessage message) {
        return message instanceof RpcMessage.Batch batch ? toJson(batch.responses()) : toJson(message);
    }

    public static String text(RpcMessage message) {
        return INSTANCE.encode(message);
    }
}
