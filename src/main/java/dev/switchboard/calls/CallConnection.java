package dev.switchboard.calls;

import dev.switchboard.websocket.Outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The calls of one {@code /ws} connection. Calls with an id are answered as they finish; calls and
 * batches without an id are answered in the order they arrived. A batch takes one in-flight slot.
 */
public final class CallConnection {
    private final CallService service;
    private final Outbox outbox;
    private final NumberLimits limits;
    private final Map<Object, InFlightCall> byId = new ConcurrentHashMap<>();
    private final Set<InFlightCall> running = ConcurrentHashMap.newKeySet();
    private final AtomicInteger slotsTaken = new AtomicInteger();
    private CompletableFuture<Void> inOrder = CompletableFuture.completedFuture(null);

    CallConnection(CallService service, Outbox outbox) {
        this.service = service;
        this.outbox = outbox;
        this.limits = service.limits();
    }

    public void accept(CallFrame frame) {
        if (frame instanceof CallFrame.Invalid invalid) {
            answer(invalid.id(), failed(invalid.id(), invalid.code(), invalid.message()));
        } else if (frame instanceof CallFrame.Cancel cancel) {
            cancel(cancel.id());
        } else if (frame instanceof CallFrame.Single single) {
            answer(single.request().id(), withSlot(() -> start(single.request(), false), single.request().id()));
        } else if (frame instanceof CallFrame.Batch batch) {
            answer(null, batch(batch.elements()));
        }
    }

    /** Ends every call of this connection (it closed). */
    public void close() {
        running.forEach(call -> call.cancel("Connection closed"));
    }

    public int inFlight() {
        return slotsTaken.get();
    }

    private void cancel(Object id) {
        InFlightCall call = byId.get(id);
        if (call == null || !call.cancel("Call cancelled")) {
            outbox.send(CallReply.Failure.of(null, ErrorCode.UNKNOWN_ID, "No call in flight with id " + quote(id)));
        }
    }

    private synchronized void answer(Object id, CompletableFuture<CallReply> reply) {
        if (id != null) {
            reply.thenAccept(outbox::send);
        } else {
            inOrder = inOrder.thenCombine(reply, (previous, r) -> {
                outbox.send(r);
                return null;
            });
        }
    }

    private CompletableFuture<CallReply> withSlot(java.util.function.Supplier<CompletableFuture<CallReply>> work,
                                                  Object id) {
        if (slotsTaken.incrementAndGet() > service.maxInFlight()) {
            slotsTaken.decrementAndGet();
            return failed(id, ErrorCode.BUSY, "Too many calls in flight on this connection (limit "
                    + service.maxInFlight() + ")");
        }
        return work.get().whenComplete((r, e) -> slotsTaken.decrementAndGet());
    }

    private CompletableFuture<CallReply> batch(List<CallFrame> elements) {
        if (elements.isEmpty()) {
            return failed(null, ErrorCode.INVALID_REQUEST, "A batch must hold at least one request");
        }
        if (elements.size() > service.maxBatch()) {
            return failed(null, ErrorCode.TOO_LARGE, "A batch of " + elements.size()
                    + " requests is over the limit of " + service.maxBatch());
        }
        return withSlot(() -> {
            List<CompletableFuture<CallReply>> replies = new ArrayList<>(elements.size());
            for (CallFrame element : elements) {
                replies.add(element instanceof CallFrame.Single single
                        ? start(single.request(), true)
                        : failed(((CallFrame.Invalid) element).id(), ((CallFrame.Invalid) element).code(),
                        ((CallFrame.Invalid) element).message()));
            }
            return CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new))
                    .thenApply(done -> new CallReply.Batch(replies.stream().map(CompletableFuture::join).toList()));
        }, null);
    }

    private CompletableFuture<CallReply> start(CallRequest request, boolean inBatch) {
        Object id = request.id();
        if (FunctionRegistry.CATALOG.equals(request.func())) {
            return request.args().isEmpty()
                    ? CompletableFuture.completedFuture(new CallReply.Result(id, service.registry().catalog()))
                    : failed(id, ErrorCode.INVALID_ARGS, "functions takes no arguments");
        }
        Optional<CallFunction> found = service.registry().find(request.func());
        if (found.isEmpty()) {
            return failed(id, ErrorCode.UNKNOWN_FUNCTION, CallService.unknownFunction(request.func()).getMessage());
        }
        CallFunction function = found.get();
        if (function.streaming() && inBatch) {
            return failed(id, ErrorCode.INVALID_REQUEST, function.name() + " streams results and cannot run in a batch");
        }
        if (function.streaming() && id == null) {
            return failed(null, ErrorCode.INVALID_REQUEST, function.name() + " streams results and needs an id");
        }
        InFlightCall call = new InFlightCall(request, outbox, limits, service.paceTimeoutMillis);
        if (id != null && byId.putIfAbsent(id, call) != null) {
            return failed(id, ErrorCode.INVALID_REQUEST, "id " + quote(id) + " is already used by a call in flight");
        }
        running.add(call);
        call.onEnd(() -> {
            running.remove(call);
            if (id != null) {
                byId.remove(id, call);
            }
        });
        service.start(call, function);
        return call.reply();
    }

    private static CompletableFuture<CallReply> failed(Object id, ErrorCode code, String message) {
        return CompletableFuture.completedFuture(CallReply.Failure.of(id, code, message));
    }

    private static String quote(Object id) {
        return id instanceof String ? "'" + id + "'" : String.valueOf(id);
    }
}
