package dev.switchboard.rpc;

import dev.switchboard.calls.ErrorCode;
import jakarta.json.JsonValue;

import java.util.List;

/** What one text message on {@code /rpc} holds, as {@link RpcDecoder} read it. */
public sealed interface RpcFrame {
    /**
     * A well-formed request. {@code id} is a string, a number or JSON null, or Java null when the member
     * is absent: then it is a notification, executed and never answered. {@code params} is an array, an
     * object, or null when absent.
     */
    record Request(JsonValue id, String method, JsonValue params) implements RpcFrame {
        public boolean isNotification() {
            return id == null;
        }
    }

    /** A batch; each element is a {@link Request} or an {@link Invalid}. */
    record Batch(List<RpcFrame> elements) implements RpcFrame {
    }

    /** A message (or batch element) known to be wrong: answered with {@code id} (JSON null when unreadable). */
    record Invalid(JsonValue id, ErrorCode code, String message) implements RpcFrame {
    }
}
