package dev.switchboard.rpc;

import dev.switchboard.calls.ErrorCode;
import dev.switchboard.websocket.EndpointName;
import dev.switchboard.websocket.ErrorReplies;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.List;

/** What {@code /rpc} sends: responses, notifications, and batches of responses. */
public sealed interface RpcMessage {
    String VERSION = "2.0";

    @JsonbPropertyOrder({"jsonrpc", "id", "result"})
    record Result(String jsonrpc, JsonValue id, Object result) implements RpcMessage {
        public Result(JsonValue id, Object result) {
            this(VERSION, id, result);
        }
    }

    @JsonbPropertyOrder({"jsonrpc", "id", "error"})
    record Error(String jsonrpc, JsonValue id, Body error) implements RpcMessage {
        /** The one place error responses of {@code /rpc} are built, so they are counted here. */
        public static Error of(JsonValue id, ErrorCode code, String message) {
            ErrorReplies.count(EndpointName.RPC, code.wireName());
            return new Error(VERSION, id, new Body(RpcErrors.code(code), message, new Data(code.wireName())));
        }
    }

    /** The error object: the specification's {@code code} and {@code message}; Switchboard's own code in {@code data}. */
    @JsonbPropertyOrder({"code", "message", "data"})
    record Body(int code, String message, Data data) {
    }

    record Data(String code) {
    }

    @JsonbPropertyOrder({"jsonrpc", "method", "params"})
    record Notification(String jsonrpc, String method, Object params) implements RpcMessage {
        public Notification(String method, Object params) {
            this(VERSION, method, params);
        }
    }

    /** The responses to a batch, written as one JSON array. */
    record Batch(List<RpcMessage> responses) implements RpcMessage {
    }
}
