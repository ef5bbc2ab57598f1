package dev.switchboard.security;

/**
 * Thrown by the endpoints' configurator when the container is about to upgrade a handshake that the
 * gate did not admit for this endpoint. The container has not answered yet: {@link HandshakeFilter}
 * catches it and answers with the refusal, so no WebSocket opens.
 */
public final class HandshakeRefusal extends RuntimeException {
    private final transient Gate.Refused refusal;

    HandshakeRefusal(Gate.Refused refusal) {
        super(refusal.message(), null, false, false);
        this.refusal = refusal;
    }

    public Gate.Refused refusal() {
        return refusal;
    }

    /** The refusal in {@code error} or one of its causes (a container may wrap it), or null. */
    static Gate.Refused in(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof HandshakeRefusal refused) {
                return refused.refusal;
            }
        }
        return null;
    }
}
