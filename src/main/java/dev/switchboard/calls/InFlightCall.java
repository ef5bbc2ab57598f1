package dev.switchboard.calls;

import jakarta.json.JsonValue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * One running call: it ends exactly once, with its result, its error, or {@code cancelled}, and no
 * partial result leaves after that end.
 */
final class InFlightCall implements CallContext {
    private final List<JsonValue> args;
    private final PartialSink partials;
    private final NumberLimits limits;
    private Runnable onEnd = () -> { };
    private final CompletableFuture<CallOutcome> outcome = new CompletableFuture<>();
    private Future<?> task;
    private boolean done;

    /** {@code partials} null drops partial results. */
    InFlightCall(List<JsonValue> args, PartialSink partials, NumberLimits limits) {
        this.args = args;
        this.partials = partials;
        this.limits = limits;
    }

    List<JsonValue> args() {
        return args;
    }

    CompletableFuture<CallOutcome> outcome() {
        return outcome;
    }

    /** Runs once when the call ends, before its outcome is released. */
    void onEnd(Runnable action) {
        onEnd = action;
    }

    synchronized void attach(Future<?> running) {
        if (done) {
            running.cancel(true);
        } else {
            task = running;
        }
    }

    /** Ends the call with this outcome, unless it already ended. */
    void finish(CallOutcome end) {
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
            task = null;
        }
        onEnd.run();
        outcome.complete(end);
    }

    /** Ends the call with {@code cancelled}; false if it had already ended. */
    boolean cancel(String why) {
        Future<?> running;
        synchronized (this) {
            if (done) {
                return false;
            }
            done = true;
            running = task;
        }
        onEnd.run();
        outcome.complete(CallOutcome.failed(ErrorCode.CANCELLED, why));
        if (running != null) {
            running.cancel(true);
        }
        return true;
    }

    @Override
    public void emit(Object partial) throws InterruptedException {
        if (partials == null) {
            return;
        }
        if (!partials.awaitRoom()) {
            cancel("Connection closed");
        }
        synchronized (this) {
            if (done) {
                throw new InterruptedException("call ended");
            }
            // Queued under the lock, so that no partial can follow the call's end; sent after it.
            partials.enqueue(partial);
        }
        partials.flush();
    }

    @Override
    public NumberLimits limits() {
        return limits;
    }
}
