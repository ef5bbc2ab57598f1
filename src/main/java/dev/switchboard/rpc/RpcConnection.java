package dev.switchboard.rpc;

import dev.switchboard.calls.CallException;
import dev.switchboard.calls.CallFunction;
import dev.switchboard.calls.CallOutcome;
import dev.switchboard.calls.CallService;
import dev.switchboard.calls.ConnectionCalls;
import dev.switchboard.calls.ErrorCode;
import dev.switchboard.calls.PartialSink;
import dev.switchboard.websocket.EndpointName;
import dev.switchboard.websocket.Outbox;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The JSON-RPC 2.0 calls of one {@code /rpc} connection. Each response leaves as soon as its call ends
 * (clients match them by id); notifications run and are never answered; a batch is answered with one
 * array of its responses, or nothing if it held only notifications. A batch takes one in-flight slot of
 * the connection, as on {@code /ws}.
 */
final class RpcConnection {
    private static final Logger LOG = Logger.getLogger(RpcConnection.class.getName());
    private static final CompletableFuture<RpcMessage> NO_RESPONSE = CompletableFuture.completedFuture(null);

    private final CallService service;
    private final ConnectionCalls calls;
    private final Outbox outbox;
    private final JsonObject discovery;

    RpcConnection(CallService service, Outbox outbox, JsonObject discovery) {
        this.service = service;
        this.calls = service.calls(EndpointName.RPC);
        this.outbox = outbox;
        this.discovery = discovery;
    }

    void accept(RpcFrame frame) {
        outbox.touch();
        if (frame instanceof RpcFrame.Invalid invalid) {
            send(RpcMessage.Error.of(invalid.id(), invalid.code(), invalid.message()));
        } else if (frame instanceof RpcFrame.Request request) {
            single(request);
        } else if (frame instanceof RpcFrame.Batch batch) {
            batch(batch.elements());
        }
    }

    /** Ends every call of this connection (it closed). */
    void close() {
        calls.close();
    }

    private void single(RpcFrame.Request request) {
        int serverSlots = serverSlots(request);
        if (serverSlots < 0) {
            respond(execute(request), -1);
        } else if (calls.takeSlot(serverSlots)) {
            respond(execute(request), serverSlots);
        } else if (!request.isNotification()) {
            send(RpcMessage.Error.of(request.id(), ErrorCode.BUSY, calls.busyMessage(serverSlots)));
        }
    }

    private void batch(List<RpcFrame> elements) {
        if (elements.isEmpty()) {
            send(RpcMessage.Error.of(JsonValue.NULL, ErrorCode.INVALID_REQUEST, "A batch must hold at least one request"));
            return;
        }
        if (elements.size() > service.maxBatch()) {
            send(RpcMessage.Error.of(JsonValue.NULL, ErrorCode.TOO_LARGE, "A batch of " + elements.size()
                    + " requests is over the limit of " + service.maxBatch()));
            return;
        }
        int serverSlots = elements.stream().mapToInt(element -> element instanceof RpcFrame.Request request
                ? Math.max(0, serverSlots(request)) : 0).sum();
        if (!calls.takeSlot(serverSlots)) {
            if (elements.stream().anyMatch(element -> !(element instanceof RpcFrame.Request request)
                    || !request.isNotification())) {
                send(RpcMessage.Error.of(JsonValue.NULL, ErrorCode.BUSY, calls.busyMessage(serverSlots)));
            }
            return;
        }
        List<CompletableFuture<RpcMessage>> responses = new ArrayList<>(elements.size());
        for (RpcFrame element : elements) {
            responses.add(element instanceof RpcFrame.Request request ? execute(request)
                    : CompletableFuture.completedFuture(RpcMessage.Error.of(((RpcFrame.Invalid) element).id(),
                    ((RpcFrame.Invalid) element).code(), ((RpcFrame.Invalid) element).message())));
        }
        respond(CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<RpcMessage> answered = responses.stream().map(CompletableFuture::join).filter(Objects::nonNull).toList();
            return answered.isEmpty() ? null : new RpcMessage.Batch(answered);
        }), serverSlots);
    }

    /**
     * Server slots a request takes: one if it calls a function that needs a worker thread, else none;
     * -1 for the protocol's own methods, which take no slot at all.
     */
    private int serverSlots(RpcFrame.Request request) {
        return RpcMethods.isProtocolMethod(request.method()) ? -1 : calls.serverSlots(request.method());
    }

    /** Sends the response when it is ready, giving back the slots just before (-1: it took none). */
    private void respond(CompletableFuture<RpcMessage> response, int serverSlots) {
        response.whenComplete((message, error) -> {
            if (serverSlots >= 0) {
                calls.releaseSlot(serverSlots);
            }
            if (error != null) {
                LOG.log(Level.SEVERE, "A JSON-RPC call failed", error);
                send(RpcMessage.Error.of(JsonValue.NULL, ErrorCode.INTERNAL_ERROR, "Internal error"));
            } else if (message != null) {
                send(message);
            }
        });
    }

    /** The response to one request when it is ready; null (in the future) for a notification. */
    private CompletableFuture<RpcMessage> execute(RpcFrame.Request request) {
        return switch (request.method()) {
            case RpcMethods.DISCOVER -> answer(request, isEmpty(request.params())
                    ? new RpcMessage.Result(request.id(), discovery)
                    : RpcMessage.Error.of(request.id(), ErrorCode.INVALID_ARGS, RpcMethods.DISCOVER + " takes no params"));
            case RpcMethods.CANCEL_REQUEST, RpcMethods.CANCELLED -> cancel(request);
            default -> call(request);
        };
    }

    private CompletableFuture<RpcMessage> cancel(RpcFrame.Request request) {
        Optional<JsonValue> target = RpcMethods.cancelTarget(request.method(), request.params());
        if (target.isEmpty()) {
            return answer(request, RpcMessage.Error.of(request.id(), ErrorCode.INVALID_ARGS,
                    RpcMethods.cancelShape(request.method())));
        }
        boolean cancelled = calls.cancel(target.get());
        return answer(request, new RpcMessage.Result(request.id(), cancelled));
    }

    private CompletableFuture<RpcMessage> call(RpcFrame.Request request) {
        Optional<CallFunction> found = service.registry().find(request.method());
        if (found.isEmpty()) {
            return answer(request, RpcMessage.Error.of(request.id(), ErrorCode.UNKNOWN_FUNCTION,
                    CallService.unknownFunction(request.method()).getMessage()));
        }
        CallFunction function = found.get();
        RpcParams params;
        try {
            params = RpcParams.read(function, request.params());
        } catch (CallException e) {
            return answer(request, RpcMessage.Error.of(request.id(), e.code(), e.getMessage()));
        }
        JsonValue key = request.isNotification() || request.id() == JsonValue.NULL ? null : request.id();
        JsonValue token = params.progressToken() != null ? params.progressToken() : key;
        PartialSink progress = function.streaming() && token != null
                ? PartialSink.toOutbox(outbox, progress(token), service.paceTimeoutMillis()) : null;
        CompletableFuture<CallOutcome> outcome = calls.start(key, function, params.positional(), progress);
        if (request.isNotification()) {
            return outcome.thenApply(ignored -> null);
        }
        return outcome.thenApply(ended -> ended instanceof CallOutcome.Value value
                ? new RpcMessage.Result(request.id(), value.result())
                : RpcMessage.Error.of(request.id(), ((CallOutcome.Failed) ended).code(),
                ((CallOutcome.Failed) ended).message()));
    }

    /** Each partial result as a {@code notifications/progress} notification, counted from 1. */
    private static Function<Object, String> progress(JsonValue token) {
        long[] count = {0}; // partial results come one after another from the call's one thread
        return partial -> RpcEncoder.text(new RpcMessage.Notification(RpcMethods.PROGRESS,
                new Progress(token, ++count[0], partial)));
    }

    /** The params of a progress notification: MCP's shape, with the partial result as {@code value}. */
    @JsonbPropertyOrder({"progressToken", "progress", "value"})
    public record Progress(JsonValue progressToken, long progress, Object value) {
    }

    private static CompletableFuture<RpcMessage> answer(RpcFrame.Request request, RpcMessage response) {
        return request.isNotification() ? NO_RESPONSE : CompletableFuture.completedFuture(response);
    }

    private static boolean isEmpty(JsonValue params) {
        return params == null || (params instanceof JsonObject object ? object.isEmpty() : params.asJsonArray().isEmpty());
    }

    private void send(RpcMessage message) {
        String text;
        try {
            text = RpcEncoder.text(message);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Could not write a JSON-RPC response", e);
            text = RpcEncoder.text(RpcMessage.Error.of(JsonValue.NULL, ErrorCode.INTERNAL_ERROR, "Internal error"));
        }
        outbox.send(text);
    }
}
