package dev.switchboard.rpc;

import dev.switchboard.calls.ErrorCode;

/**
 * The JSON-RPC error code of each Switchboard error: the specification's own where one means the same,
 * else one of the range −32000…−32099 that it leaves to the server.
 */
public final class RpcErrors {
    private RpcErrors() {
    }

    public static int code(ErrorCode code) {
        return switch (code) {
            case INVALID_JSON -> -32700;
            case INVALID_REQUEST -> -32600;
            case UNKNOWN_FUNCTION -> -32601;
            case INVALID_ARGS -> -32602;
            case INTERNAL_ERROR -> -32603;
            case MATH_ERROR -> -32001;
            case BUSY -> -32002;
            case CANCELLED -> -32003;
            case TOO_LARGE -> -32004;
            case RATE_LIMITED -> -32005;
            case UNKNOWN_ID -> -32006;
        };
    }
}
