package dev.switchboard.calls;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * A function callable over {@code /ws}. Adding one is one CDI bean (or one producer method in
 * {@link MathFunctions}); the {@link FunctionRegistry} finds every bean of this type.
 */
public interface CallFunction {
    String name();

    String description();

    Signature signature();

    /** The JSON Schema of the result: by default any number (what the math functions answer). */
    default JsonObject resultSchema() {
        return NUMBER;
    }

    /** A function whose result is an integer returns this from {@link #resultSchema()}. */
    JsonObject INTEGER = Json.createObjectBuilder().add("type", "integer").build();
    JsonObject NUMBER = Json.createObjectBuilder().add("type", "number").build();

    /** A streaming function sends partial results through {@link CallContext#emit} before its result. */
    default boolean streaming() {
        return false;
    }

    /**
     * True for a function that only computes from its arguments: it reads and changes nothing outside
     * itself, so calling it again with the same arguments has no further effect. MCP tells its clients
     * so (read-only, idempotent, closed-world tool hints). False by default: a new function says so only
     * when it is true.
     */
    default boolean pure() {
        return false;
    }

    /**
     * True (the default) for a function that may wait or take long: it runs on a worker thread and can
     * be cancelled. False for cheap, bounded arithmetic, computed on the thread that read the frame
     * with no hand-off (it cannot be cancelled: it is over before a cancel could arrive).
     */
    default boolean blocking() {
        return true;
    }

    /** Runs on a worker thread (or inline, if not {@link #blocking()}); cancellation interrupts it. Returns the JSON value of the result. */
    Object call(Arguments args, CallContext context) throws CallException, InterruptedException;
}
