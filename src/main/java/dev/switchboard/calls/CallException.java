package dev.switchboard.calls;

/** A call that ends with one of the contract's error codes and a message for humans. */
public class CallException extends Exception {
    private final ErrorCode code;

    public CallException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
