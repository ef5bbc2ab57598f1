package dev.switchboard.calls;

/** What a running function may do besides returning: stream partial results. */
public interface CallContext {
    /** Sends one partial result, waiting (on this call's thread) while the client is behind. */
    void emit(Object partial) throws InterruptedException;

    NumberLimits limits();
}
