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
            answer(invalid.id(), failed(invalid.id(), invalid.code(), invalid.message()), 0);
        } else if (frame instanceof CallFrame.Cancel cancel) {
            cancel(cancel.id());
        } else if (frame instanceof CallFrame.Single single) {
            Object id = single.request().id();
            if (takeSlot(1)) {
                answer(id, start(single.request(), false), 1);
            } else {
                answer(id, busy(id), 0);
            }
        } else if (frame instanceof CallFrame.Batch batch) {
            batch(batch.elements());
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

    /**
     * Sends the reply when it is ready: at once for a call with an id, else after every earlier reply
     * without one. A call holds its connection slot (and {@code serverSlots} of the server: one per
     * call, one per batch element) until its reply is handed to the outbox, so replies waiting their
     * turn count as in flight too.
     */
    private synchronized void answer(Object id, CompletableFuture<CallReply> reply, int serverSlots) {
        java.util.function.Consumer<CallReply> send = r -> {
            try {
                outbox.send(r);
            } finally {
                if (serverSlots > 0) {
                    slotsTaken.decrementAndGet();
                    service.releaseSlots(serverSlots);
                }
            }
        };
        if (id != null) {
            reply.thenAccept(send);
        } else {
            // handle(): a failed send must not stop the replies queued behind it.
            inOrder = inOrder.handle((previous, error) -> null).thenCombine(reply, (previous, r) -> {
                send.accept(r);
                return null;
            });
        }
    }

    /** A slot of this connection and {@code serverSlots} of the server; false (and none taken) if either is full. */
    private boolean takeSlot(int serverSlots) {
        if (slotsTaken.incrementAndGet() > service.maxInFlight()) {
            slotsTaken.decrementAndGet();
            return false;
        }
        if (!service.takeSlots(serverSlots)) {
            slotsTaken.decrementAndGet();
            return false;
        }
        return true;
    }

    private CompletableFuture<CallReply> busy(Object id) {
        String message = slotsTaken.get() >= service.maxInFlight()
                ? "Too many calls in flight on this connection (limit " + service.maxInFlight() + ")"
                : "Too many calls in flight on this server (limit " + service.maxInFlightTotal() + ")";
        return failed(id, ErrorCode.BUSY, message);
    }

    private void batch(List<CallFrame> elements) {
        if (elements.isEmpty()) {
            answer(null, failed(null, ErrorCode.INVALID_REQUEST, "A batch must hold at least one request"), 0);
        } else if (elements.size() > service.maxBatch()) {
            answer(null, failed(null, ErrorCode.TOO_LARGE, "A batch of " + elements.size()
                    + " requests is over the limit of " + service.maxBatch()), 0);
        } else if (!takeSlot(elements.size())) {
            answer(null, busy(null), 0);
        } else {
            List<CompletableFuture<CallReply>> replies = new ArrayList<>(elements.size());
            for (CallFrame element : elements) {
                replies.add(element instanceof CallFrame.Single single
                        ? start(single.request(), true)
                        : failed(((CallFrame.Invalid) element).id(), ((CallFrame.Invalid) element).code(),
                        ((CallFrame.Invalid) element).message()));
            }
            answer(null, CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new))
                    .thenApply(done -> new CallReply.Batch(replies.stream().map(CompletableFuture::join).toList())),
                    elements.size());
        }
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
