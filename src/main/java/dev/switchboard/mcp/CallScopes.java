package dev.switchboard.mcp;

import dev.switchboard.calls.CallService;
import dev.switchboard.calls.ConnectionCalls;
import dev.switchboard.websocket.EndpointName;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The {@link ConnectionCalls} that MCP's calls count against, in place of a WebSocket connection's: one
 * per session of a 2025 revision, and one per client of the stateless 2026-07-28 revision (its principal,
 * or its address with authentication off). Each has the {@code /ws} limits: {@code max-in-flight} of its
 * own, and its share of {@code max-in-flight-total}.
 * <p>
 * A scope is made on first use and forgotten when it has nothing in flight and has been idle for
 * {@code idleNanos} ({@link #sweep}), or, for a session, when the session ends ({@link #end}). A slot is
 * taken under the map's lock for its key, so a sweep never forgets a scope while a call is taking a slot in it.
 */
final class CallScopes {
    private final CallService service;
    private final LongSupplier nanoClock;
    private final Map<String, Scope> scopes = new ConcurrentHashMap<>();

    CallScopes(CallService service, LongSupplier nanoClock) {
        this.service = service;
        this.nanoClock = nanoClock;
    }

    private static final class Scope {
        final ConnectionCalls calls;
        volatile long lastUsed;

        Scope(ConnectionCalls calls, long now) {
            this.calls = calls;
            this.lastUsed = now;
        }
    }

    static String session(String sessionId) {
        return "session:" + sessionId;
    }

    static String client(String principalOrAddress) {
        return "client:" + principalOrAddress;
    }

    /**
     * The scope's calls with a slot of it (and {@code serverSlots} of the server) taken, or null if it is
     * full: the caller gives the slot back with {@link ConnectionCalls#releaseSlot} when the call ends.
     */
    ConnectionCalls take(String key, int serverSlots) {
        ConnectionCalls[] taken = {null};
        scopes.compute(key, (k, scope) -> {
            Scope current = scope != null ? scope : new Scope(service.calls(EndpointName.MCP), nanoClock.getAsLong());
            current.lastUsed = nanoClock.getAsLong();
            if (current.calls.takeSlot(serverSlots)) {
                taken[0] = current.calls;
            }
            return current;
        });
        return taken[0];
    }

    /** Why {@link #take} refused, for the scope {@code key}. */
    String busyMessage(String key, int serverSlots) {
        Scope scope = scopes.get(key);
        return scope == null ? "Too many calls in flight" : scope.calls.busyMessage(serverSlots);
    }

    /** Cancels the running call with this id in the scope; false if there is none. */
    boolean cancel(String key, Object id) {
        Scope scope = scopes.get(key);
        return scope != null && scope.calls.cancel(id);
    }

    /** The scope ended (its session was deleted): its calls are cancelled. */
    void end(String key) {
        Scope scope = scopes.remove(key);
        if (scope != null) {
            scope.calls.close();
        }
    }

    /** Forgets the scopes with nothing in flight that were last used {@code idleNanos} ago or earlier. */
    void sweep(long idleNanos) {
        long now = nanoClock.getAsLong();
        for (String key : scopes.keySet()) {
            scopes.computeIfPresent(key, (k, scope) ->
                    scope.calls.inFlight() == 0 && now - scope.lastUsed >= idleNanos ? null : scope);
        }
    }

    /** Every call of every scope ends (the server stops). */
    void closeAll() {
        scopes.values().forEach(scope -> scope.calls.close());
        scopes.clear();
    }

    int size() {
        return scopes.size();
    }
}
