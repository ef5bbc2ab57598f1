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
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The calls of one {@code /ws} connection. Calls with an id are answered as they finish; calls and
 * batches without an id are answered in the order they arrived. A batch takes one in-flight slot.
 */
public final class CallConnection {
    private static final Logger LOG = Logger.getLogger(CallConnection.class.getName());
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
        outbox.touch();
        if (frame instanceof CallFrame.Invalid invalid) {
            answer(invalid.id(), failed(invalid.id(), invalid.code(), invalid.message()), -1);
        } else if (frame instanceof CallFrame.Cancel cancel) {
            cancel(cancel.id());
        } else if (frame instanceof CallFrame.Single single) {
            Object id = single.request().id();
            int serverSlots = isBlocking(single) ? 1 : 0;
            if (takeSlot(serverSlots)) {
                answer(id, start(single.request(), false), serverSlots);
            } else {
                answer(id, busy(id, serverSlots), -1);
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
            outbox.send(CallsEncoder.text(CallReply.Failure.of(null, ErrorCode.UNKNOWN_ID,
                    "No call in flight with id " + quote(id))));
        }
    }

    /**
     * Sends the reply when it is ready: at once for a call with an id, else after every earlier reply
     * without one. A call holds its connection slot (and {@code serverSlots} of the server: one per
     * blocking call or batch element; -1 for a reply that took no slot) until its reply goes to the
     * outbox, so replies waiting their turn count as in flight too. The slots are given back just
     * before the send, so a client that sends its next call as soon as it has a reply never finds
     * its own earlier call still counted. Nothing here holds a lock while sending.
     */
    private void answer(Object id, CompletableFuture<CallReply> reply, int serverSlots) {
        Consumer<CallReply> send = r -> {
            if (serverSlots >= 0) {
                slotsTaken.decrementAndGet();
                service.releaseSlots(serverSlots);
            }
            outbox.send(encoded(id, r));
        };
        if (id != null) {
            reply.thenAccept(send);
            return;
        }
        CompletableFuture<Void> previous;
        CompletableFuture<Void> mine = new CompletableFuture<>();
        synchronized (this) {
            previous = inOrder;
            inOrder = mine;
        }
        previous.thenCombine(reply, (ignored, r) -> r).whenComplete((r, error) -> {
            try {
                send.accept(r != null ? r : CallReply.Failure.of(null, ErrorCode.INTERNAL_ERROR, "Internal error"));
            } finally {
                mine.complete(null); // a failed send must not stop the replies queued behind it
            }
        });
    }

    /** The reply's text; a reply that cannot be written (a bug) is logged and answered with internal_error. */
    private static String encoded(Object id, CallReply reply) {
        try {
            return CallsEncoder.text(reply);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Could not write a reply", e);
            return CallsEncoder.text(CallReply.Failure.of(id, ErrorCode.INTERNAL_ERROR, "Internal error"));
        }
    }

    /** A slot of this connection and {@code serverSlots} of the server; false (and none taken) if either is full. */
    private boolean takeSlot(int serverSlots) {
        if (slotsTaken.incrementAndGet() > service.maxInFlight()) {
            slotsTaken.decrementAndGet();
            return false;
        }
        if (serverSlots > 0 && !service.takeSlots(serverSlots)) {
            slotsTaken.decrementAndGet();
            return false;
        }
        return true;
    }

    private CompletableFuture<CallReply> busy(Object id, int serverSlots) {
        String message = serverSlots > 0 && slotsTaken.get() < service.maxInFlight()
                ? "Too many calls in flight on this server (limit " + service.maxInFlightTotal() + ")"
                : "Too many calls in flight on this connection (limit " + service.maxInFlight() + ")";
        return failed(id, ErrorCode.BUSY, message);
    }

    /** Whether a request needs a worker thread (an unknown function or a bad request does not). */
    private boolean isBlocking(CallFrame element) {
        return element instanceof CallFrame.Single single
                && service.registry().find(single.request().func()).map(CallFunction::blocking).orElse(false);
    }

    private void batch(List<CallFrame> elements) {
        if (elements.isEmpty()) {
            answer(null, failed(null, ErrorCode.INVALID_REQUEST, "A batch must hold at least one request"), -1);
        } else if (elements.size() > service.maxBatch()) {
            answer(null, failed(null, ErrorCode.TOO_LARGE, "A batch of " + elements.size()
                    + " requests is over the limit of " + service.maxBatch()), -1);
        } else {
            int serverSlots = (int) elements.stream().filter(this::isBlocking).count();
            if (!takeSlot(serverSlots)) {
                answer(null, busy(null, serverSlots), -1);
                return;
            }
            List<CompletableFuture<CallReply>> replies = new ArrayList<>(elements.size());
            for (CallFrame element : elements) {
                replies.add(element instanceof CallFrame.Single single
                        ? start(single.request(), true)
                        : failed(((CallFrame.Invalid) element).id(), ((CallFrame.Invalid) element).code(),
                        ((CallFrame.Invalid) element).message()));
            }
            answer(null, CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new))
                    .thenApply(done -> new CallReply.Batch(replies.stream().map(CompletableFuture::join).toList())),
                    serverSlots);
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
        if (!function.blocking()) {
            return id != null && byId.containsKey(id) ? idInUse(id)
                    : CompletableFuture.completedFuture(service.compute(function, request, limits));
        }
        InFlightCall call = new InFlightCall(request, outbox, limits, service.paceTimeoutMillis);
        if (id != null && byId.putIfAbsent(id, call) != null) {
            return idInUse(id);
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

    private static CompletableFuture<CallReply> idInUse(Object id) {
        return failed(id, ErrorCode.INVALID_REQUEST, "id " + quote(id) + " is already used by a call in flight");
    }

    private static CompletableFuture<CallReply> failed(Object id, ErrorCode code, String message) {
        return CompletableFuture.completedFuture(CallReply.Failure.of(id, code, message));
    }

    private static String quote(Object id) {
        return id instanceof String ? "'" + id + "'" : String.valueOf(id);
    }
}
