package dev.switchboard.calls;

import dev.switchboard.websocket.Outbox;
import jakarta.json.JsonValue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * One running call: it ends exactly once, with its result, its error, or {@code cancelled}, and no
 * partial result leaves after that end.
 */
final class InFlightCall implements CallContext {
    private final List<JsonValue> args;
    private final Outbox outbox;
    private final Function<Object, String> partialText;
    private final NumberLimits limits;
    private final long paceTimeoutMillis;
    private Runnable onEnd = () -> { };
    private final CompletableFuture<CallOutcome> outcome = new CompletableFuture<>();
    private Future<?> task;
    private boolean done;

    /** {@code partialText} writes a partial result as the protocol's message; null drops partial results. */
    InFlightCall(List<JsonValue> args, Outbox outbox, Function<Object, String> partialText, NumberLimits limits,
                 long paceTimeoutMillis) {
        this.args = args;
        this.outbox = outbox;
        this.partialText = partialText;
        this.limits = limits;
        this.paceTimeoutMillis = paceTimeoutMillis;
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
        if (partialText == null) {
            return;
        }
        if (!outbox.awaitRoom(Math.max(1, outbox.capacity() / 2), paceTimeoutMillis) && outbox.isClosed()) {
            cancel("Connection closed");
        }
        synchronized (this) {
            if (done) {
                throw new InterruptedException("call ended");
            }
            // Queued under the lock, so that no partial can follow the call's end; sent after it.
            outbox.enqueue(partialText.apply(partial));
        }
        outbox.flush();
    }

    @Override
    public NumberLimits limits() {
        return limits;
    }
}
