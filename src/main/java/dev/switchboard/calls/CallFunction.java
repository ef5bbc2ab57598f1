package dev.switchboard.calls;

/**
 * A function callable over {@code /ws}. Adding one is one CDI bean (or one producer method in
 * {@link MathFunctions}); the {@link FunctionRegistry} finds every bean of this type.
 */
public interface CallFunction {
    String name();

    String description();

    Signature signature();

    /** A streaming function sends partial results through {@link CallContext#emit} before its result. */
    default boolean streaming() {
        return false;
    }

    /** Runs on an executor thread; cancellation interrupts it. Returns the JSON value of the result. */
    Object call(Arguments args, CallContext context) throws CallException, InterruptedException;
}
