package dev.switchboard.calls;

import dev.switchboard.websocket.EndpointName;
import dev.switchboard.websocket.Outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
    private final ConnectionCalls calls;
    private CompletableFuture<Void> inOrder = CompletableFuture.completedFuture(null);

    CallConnection(CallService service, Outbox outbox) {
        this.service = service;
        this.outbox = outbox;
        this.calls = new ConnectionCalls(service, EndpointName.WS);
    }

    public void accept(CallFrame frame) {
        outbox.touch();
        if (frame instanceof CallFrame.Invalid invalid) {
            answer(invalid.id(), failed(invalid.id(), invalid.code(), invalid.message()), -1);
        } else if (frame instanceof CallFrame.Cancel cancel) {
            cancel(cancel.id());
        } else if (frame instanceof CallFrame.Single single) {
            Object id = single.request().id();
            int serverSlots = calls.serverSlots(single.request().func());
            if (calls.takeSlot(serverSlots)) {
                answer(id, start(single.request(), false), serverSlots);
            } else {
                answer(id, failed(id, ErrorCode.BUSY, calls.busyMessage(serverSlots)), -1);
            }
        } else if (frame instanceof CallFrame.Batch batch) {
            batch(batch.elements());
        }
    }

    /** Ends every call of this connection (it closed). */
    public void close() {
        calls.close();
    }

    public int inFlight() {
        return calls.inFlight();
    }

    private void cancel(Object id) {
        if (!calls.cancel(id)) {
            outbox.send(CallsEncoder.text(CallReply.Failure.of(null, ErrorCode.UNKNOWN_ID,
                    "No call in flight with id " + ConnectionCalls.quote(id))));
        }
    }

    /**
     * Sends the reply when it is ready: at once for a call with an id, else after every earlier reply
     * without one. A call holds its slots ({@code serverSlots} of the server: one per blocking call or
     * batch element; -1 for a reply that took no slot) until its reply goes to the outbox (see
     * {@link ConnectionCalls#releaseSlot}). Nothing here holds a lock while sending.
     */
    private void answer(Object id, CompletableFuture<CallReply> reply, int serverSlots) {
        Consumer<CallReply> send = r -> {
            if (serverSlots >= 0) {
                calls.releaseSlot(serverSlots);
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

    private void batch(List<CallFrame> elements) {
        if (elements.isEmpty()) {
            answer(null, failed(null, ErrorCode.INVALID_REQUEST, "A batch must hold at least one request"), -1);
        } else if (elements.size() > service.maxBatch()) {
            answer(null, failed(null, ErrorCode.TOO_LARGE, "A batch of " + elements.size()
                    + " requests is over the limit of " + service.maxBatch()), -1);
        } else {
            int serverSlots = elements.stream().mapToInt(element -> element instanceof CallFrame.Single single
                    ? calls.serverSlots(single.request().func()) : 0).sum();
            if (!calls.takeSlot(serverSlots)) {
                answer(null, failed(null, ErrorCode.BUSY, calls.busyMessage(serverSlots)), -1);
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
        PartialSink partials = function.streaming() ? PartialSink.toOutbox(outbox,
                partial -> CallsEncoder.text(new CallReply.Partial(id, partial)), service.paceTimeoutMillis()) : null;
        CompletableFuture<CallOutcome> outcome = calls.start(id, function, request.args(), partials);
        // A cheap function's outcome is there already: its reply needs no further stage.
        return outcome.isDone() ? CompletableFuture.completedFuture(CallReply.of(id, outcome.join()))
                : outcome.thenApply(ended -> CallReply.of(id, ended));
    }

    private static CompletableFuture<CallReply> failed(Object id, ErrorCode code, String message) {
        return CompletableFuture.completedFuture(CallReply.Failure.of(id, code, message));
    }
}
