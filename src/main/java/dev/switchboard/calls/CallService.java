package dev.switchboard.calls;

import dev.switchboard.observability.LatencyHistogram;
import dev.switchboard.concurrent.Workers;
import dev.switchboard.websocket.EndpointName;
import dev.switchboard.websocket.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs calls: the limits, the workers and the registry, shared by every {@code /ws} and {@code /rpc}
 * connection and every MCP session.
 * Blocking functions run on {@link Workers}; cheap ones are computed by the caller ({@link #compute}).
 */
@ApplicationScoped
public class CallService {
    private static final Logger LOG = Logger.getLogger(CallService.class.getName());

    @Inject
    FunctionRegistry registry;

    @Inject
    Workers workers;

    @Inject
    @ConfigProperty(name = "switchboard.calls.max-in-flight", defaultValue = "64")
    int maxInFlight;

    /** Blocking calls across all connections, so that calls cannot take every worker thread from runs and agents. */
    @Inject
    @ConfigProperty(name = "switchboard.calls.max-in-flight-total", defaultValue = "128")
    int maxInFlightTotal;

    private final AtomicInteger slotsTaken = new AtomicInteger();
    /** The endpoints that run calls, each with its own durations. */
    public static final Set<EndpointName> ENDPOINTS = Set.of(EndpointName.WS, EndpointName.RPC, EndpointName.MCP);
    /** By endpoint and function name; names come from the registry, so the set is bounded. */
    private final Map<EndpointName, Map<String, LatencyHistogram>> durations = new EnumMap<>(EndpointName.class);

    public CallService() {
        ENDPOINTS.forEach(endpoint -> durations.put(endpoint, new ConcurrentHashMap<>()));
    }

    @Inject
    @ConfigProperty(name = "switchboard.calls.max-batch", defaultValue = "100")
    int maxBatch;

    @Inject
    @ConfigProperty(name = "switchboard.calls.max-digits", defaultValue = "100")
    int maxDigits;

    @Inject
    @ConfigProperty(name = "switchboard.outbox.send-timeout-ms", defaultValue = "10000")
    long paceTimeoutMillis;

    public CallConnection connect(Outbox outbox) {
        return new CallConnection(this, outbox);
    }

    /** The calls of a connection (or session) of another protocol ({@code endpoint}), which writes its own replies. */
    public ConnectionCalls calls(EndpointName endpoint) {
        return new ConnectionCalls(this, endpoint);
    }

    /** How long a stream waits for its client to catch up before it gives up a partial result's turn. */
    public long paceTimeoutMillis() {
        return paceTimeoutMillis;
    }

    int maxInFlight() {
        return maxInFlight;
    }

    int maxInFlightTotal() {
        return maxInFlightTotal;
    }

    boolean takeSlots(int count) {
        if (slotsTaken.addAndGet(count) > maxInFlightTotal) {
            slotsTaken.addAndGet(-count);
            return false;
        }
        return true;
    }

    void releaseSlots(int count) {
        slotsTaken.addAndGet(-count);
    }

    public int maxBatch() {
        return maxBatch;
    }

    public NumberLimits limits() {
        return new NumberLimits(maxDigits);
    }

    public FunctionRegistry registry() {
        return registry;
    }

    /** Runs a blocking call on a worker thread; its outcome completes {@link InFlightCall#outcome()}. */
    void start(InFlightCall call, CallFunction function, EndpointName endpoint) {
        try {
            call.attach(workers.executor().submit(() -> call.finish(run(function, call.args(), call, endpoint))));
        } catch (RejectedExecutionException e) {
            call.finish(CallOutcome.failed(ErrorCode.BUSY,
                    "No worker is free for this call (the server is busy or shutting down); try again later"));
        }
    }

    /**
     * Calls a function on the caller's thread, for features that compose calls (runs): the result's
     * JSON value, or a {@link CallException} with the contract's code.
     */
    public Object invoke(String func, List<JsonValue> args, CallContext context)
            throws CallException, InterruptedException {
        if (FunctionRegistry.CATALOG.equals(func)) {
            return registry.catalog();
        }
        CallFunction function = registry.find(func).orElseThrow(() -> unknownFunction(func));
        return function.call(function.signature().check(func, args, context.limits()), context);
    }

    /** A context for {@link #invoke} callers that want only the result (partial results are dropped). */
    public CallContext quietContext() {
        return quietContext(limits());
    }

    private static CallContext quietContext(NumberLimits limits) {
        return new CallContext() {
            @Override
            public void emit(Object partial) {
            }

            @Override
            public NumberLimits limits() {
                return limits;
            }
        };
    }

    /** Computes a non-blocking call on this thread. */
    CallOutcome compute(CallFunction function, List<JsonValue> args, NumberLimits limits, EndpointName endpoint) {
        return run(function, args, quietContext(limits), endpoint);
    }

    /** The durations of the {@code /ws} calls of one function (from its arguments' check to its reply). */
    public LatencyHistogram durations(String function) {
        return durations(EndpointName.WS, function);
    }

    /** The durations of the calls of one function on one of the {@link #ENDPOINTS}. */
    public LatencyHistogram durations(EndpointName endpoint, String function) {
        Map<String, LatencyHistogram> byName = durations.get(endpoint);
        LatencyHistogram found = byName.get(function);
        return found != null ? found : byName.computeIfAbsent(function, name -> new LatencyHistogram());
    }

    private CallOutcome run(CallFunction function, List<JsonValue> args, CallContext context, EndpointName endpoint) {
        long start = System.nanoTime();
        try {
            return call(function, args, context);
        } finally {
            durations(endpoint, function.name()).record(System.nanoTime() - start);
        }
    }

    private CallOutcome call(CallFunction function, List<JsonValue> args, CallContext context) {
        try {
            Arguments checked = function.signature().check(function.name(), args, context.limits());
            return new CallOutcome.Value(function.call(checked, context));
        } catch (CallException e) {
            return CallOutcome.failed(e.code(), e.getMessage());
        } catch (InterruptedException e) {
            return CallOutcome.failed(ErrorCode.CANCELLED, "Call cancelled");
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Function " + function.name() + " failed", e);
            return CallOutcome.failed(ErrorCode.INTERNAL_ERROR, "Internal error in " + function.name());
        }
    }

    public static CallException unknownFunction(String func) {
        return new CallException(ErrorCode.UNKNOWN_FUNCTION, "Unknown function '" + func + "'");
    }
}
