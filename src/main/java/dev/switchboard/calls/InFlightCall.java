package dev.switchboard.calls;

import dev.switchboard.websocket.Outbox;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * One running call: it ends exactly once, with its result, its error, or {@code cancelled}, and no
 * partial result leaves after that end.
 */
final class InFlightCall implements CallContext {
    private final CallRequest request;
    private final Outbox outbox;
    private final NumberLimits limits;
    private final long paceTimeoutMillis;
    private Runnable onEnd = () -> { };
    private final CompletableFuture<CallReply> reply = new CompletableFuture<>();
    private Future<?> task;
    private boolean done;

    InFlightCall(CallRequest request, Outbox outbox, NumberLimits limits, long paceTimeoutMillis) {
        this.request = request;
        this.outbox = outbox;
        this.limits = limits;
        this.paceTimeoutMillis = paceTimeoutMillis;
    }

    CallRequest request() {
        return request;
    }

    CompletableFuture<CallReply> reply() {
        return reply;
    }

    /** Runs once when the call ends, before its reply is released. */
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

    /** Ends the call with this reply, unless it already ended. */
    void finish(CallReply end) {
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
            task = null;
        }
        onEnd.run();
        reply.complete(end);
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
        reply.complete(CallReply.Failure.of(request.id(), ErrorCode.CANCELLED, why));
        if (running != null) {
            running.cancel(true);
        }
        return true;
    }

    @Override
    public void emit(Object partial) throws InterruptedException {
        if (!outbox.awaitRoom(Math.max(1, outbox.capacity() / 2), paceTimeoutMillis) && outbox.isClosed()) {
            cancel("Connection closed");
        }
        synchronized (this) {
            if (done) {
                throw new InterruptedException("call ended");
            }
            // Queued under the lock, so that no partial can follow the call's end; sent after it.
            outbox.enqueue(CallsEncoder.text(new CallReply.Partial(request.id(), partial)));
        }
        outbox.flush();
    }

    @Override
    public NumberLimits limits() {
        return limits;
    }
}
