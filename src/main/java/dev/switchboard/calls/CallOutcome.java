package dev.switchboard.calls;

/**
 * How a call ended, whatever the protocol that asked for it: its result's JSON value, or an error
 * with the contract's code. Each front ({@code /ws}, {@code /rpc}, MCP) writes it in its own shape.
 */
public sealed interface CallOutcome {
    record Value(Object result) implements CallOutcome {
    }

    record Failed(ErrorCode code, String message) implements CallOutcome {
    }

    static CallOutcome failed(ErrorCode code, String message) {
        return new Failed(code, message);
    }
}
