package dev.switchboard.calls;

import dev.switchboard.websocket.EndpointName;
import jakarta.json.JsonValue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The calls of one connection, whatever its protocol: its in-flight slots (and the server's), the
 * calls running under an id, and their cancellation. Each front ({@code /ws}, {@code /rpc}, MCP) reads
 * its own requests and writes its own replies around it.
 */
public final class ConnectionCalls {
    private final CallService service;
    private final EndpointName endpoint;
    private final NumberLimits limits;
    private final Map<Object, InFlightCall> byId = new ConcurrentHashMap<>();
    private final Set<InFlightCall> running = ConcurrentHashMap.newKeySet();
    private final AtomicInteger slotsTaken = new AtomicInteger();

    ConnectionCalls(CallService service, EndpointName endpoint) {
        this.service = service;
        this.endpoint = endpoint;
        this.limits = service.limits();
    }

    public CallService service() {
        return service;
    }

    /** Server slots a call of this function takes: one if it needs a worker thread, else none. */
    public int serverSlots(String function) {
        return service.registry().find(function).map(CallFunction::blocking).orElse(false) ? 1 : 0;
    }

    /**
     * A slot of this connection and {@code serverSlots} of the server; false (and none taken) if either
     * is full. A call holds its slots until its reply goes to the outbox, so replies waiting their turn
     * count as in flight too.
     */
    public boolean takeSlot(int serverSlots) {
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

    /**
     * Gives back what {@link #takeSlot} took, just before the reply is sent, so a client that sends its
     * next call as soon as it has a reply never finds its own earlier call still counted.
     */
    public void releaseSlot(int serverSlots) {
        slotsTaken.decrementAndGet();
        service.releaseSlots(serverSlots);
    }

    /** Why {@link #takeSlot} refused. */
    public String busyMessage(int serverSlots) {
        return serverSlots > 0 && slotsTaken.get() < service.maxInFlight()
                ? "Too many calls in flight on this server (limit " + service.maxInFlightTotal() + ")"
                : "Too many calls in flight on this connection (limit " + service.maxInFlight() + ")";
    }

    public int inFlight() {
        return slotsTaken.get();
    }

    /**
     * Runs a call of {@code function}: a cheap one at once on this thread, a blocking one on a worker.
     * A call with an id (any value that is not null) can be cancelled by it while it runs, and an id in
     * use by a running call is refused. Partial results go to {@code partials} (null drops them).
     */
    public CompletableFuture<CallOutcome> start(Object id, CallFunction function, List<JsonValue> args,
                                                PartialSink partials) {
        if (!function.blocking()) {
            return id != null && byId.containsKey(id) ? idInUse(id)
                    : CompletableFuture.completedFuture(service.compute(function, args, limits, endpoint));
        }
        InFlightCall call = new InFlightCall(args, partials, limits);
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
        service.start(call, function, endpoint);
        return call.outcome();
    }

    /** Cancels the running call with this id; false if there is none. */
    public boolean cancel(Object id) {
        InFlightCall call = byId.get(id);
        return call != null && call.cancel("Call cancelled");
    }

    /** Ends every call of this connection (it closed). */
    public void close() {
        running.forEach(call -> call.cancel("Connection closed"));
    }

    private static CompletableFuture<CallOutcome> idInUse(Object id) {
        return CompletableFuture.completedFuture(CallOutcome.failed(ErrorCode.INVALID_REQUEST,
                "id " + quote(id) + " is already used by a call in flight"));
    }

    /** An id as a message shows it: a string in single quotes. */
    public static String quote(Object id) {
        return id instanceof String ? "'" + id + "'" : String.valueOf(id);
    }
}
