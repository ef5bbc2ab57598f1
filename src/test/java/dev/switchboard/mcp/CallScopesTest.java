package dev.switchboard.mcp;

import dev.switchboard.calls.CallOutcome;
import dev.switchboard.calls.CallService;
import dev.switchboard.calls.ConnectionCalls;
import dev.switchboard.calls.TestCalls;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cancellation registry of MCP calls: scopes, keys, the end of a session, the sweep of idle scopes. */
class CallScopesTest {
    private final CallService service = TestCalls.service(1, 128, 100);
    private final AtomicLong now = new AtomicLong();
    private final CallScopes scopes = new CallScopes(service, now::get);

    private CompletableFuture<CallOutcome> sleep(String scope, Object key) {
        ConnectionCalls calls = scopes.take(scope, 1);
        assertNotNull(calls, scope + " has room");
        CompletableFuture<CallOutcome> outcome = calls.start(key, service.registry().find("sleep").orElseThrow(),
                List.of(Json.createValue(60_000)), null);
        outcome.whenComplete((ended, error) -> calls.releaseSlot(1));
        return outcome;
    }

    @Test
    void aCancellationNamesItsCallByScopeAndKey() throws Exception {
        String session = CallScopes.session("s1");
        CompletableFuture<CallOutcome> call = sleep(session, LegacyDoor.callKey(7));
        assertFalse(scopes.cancel(CallScopes.session("s2"), LegacyDoor.callKey(7)), "another session's call of that id");
        assertFalse(scopes.cancel(session, LegacyDoor.callKey("7")), "the string \"7\" is not the number 7");
        assertTrue(scopes.cancel(session, LegacyDoor.callKey(7L)), "however the number was read");
        assertEquals(new CallOutcome.Failed(dev.switchboard.calls.ErrorCode.CANCELLED, "Call cancelled"),
                call.get(10, TimeUnit.SECONDS));
        assertFalse(scopes.cancel(session, LegacyDoor.callKey(7)), "a call ends once");
    }

    @Test
    void callKeysAreTheSameForTheSameIdHoweverItIsWritten() {
        assertEquals(LegacyDoor.callKey(7), LegacyDoor.callKey(7L));
        assertEquals(LegacyDoor.callKey(7), LegacyDoor.callKey(new java.math.BigDecimal("7.0")));
        assertEquals(LegacyDoor.callKey("abc"), LegacyDoor.callKey("abc"));
        assertFalse(LegacyDoor.callKey("7").equals(LegacyDoor.callKey(7)));
    }

    @Test
    void theEndOfASessionCancelsItsCalls() throws Exception {
        String session = CallScopes.session("s1");
        CompletableFuture<CallOutcome> call = sleep(session, LegacyDoor.callKey(1));
        scopes.end(session);
        assertEquals(new CallOutcome.Failed(dev.switchboard.calls.ErrorCode.CANCELLED, "Connection closed"),
                call.get(10, TimeUnit.SECONDS));
        assertEquals(0, scopes.size());
    }

    @Test
    void eachScopeHasItsOwnInFlightLimit() throws Exception {
        CompletableFuture<CallOutcome> a = sleep("client:a", 1L);
        assertNull(scopes.take("client:a", 1), "max-in-flight 1");
        assertEquals("Too many calls in flight on this connection (limit 1)", scopes.busyMessage("client:a", 1));
        CompletableFuture<CallOutcome> b = sleep("client:b", 1L);
        scopes.closeAll();
        a.get(10, TimeUnit.SECONDS);
        b.get(10, TimeUnit.SECONDS);
    }

    @Test
    void theSweepForgetsOnlyIdleScopesWithNothingInFlight() throws Exception {
        CompletableFuture<CallOutcome> busy = sleep("client:busy", 1L);
        ConnectionCalls idle = scopes.take("client:idle", 0);
        idle.releaseSlot(0);
        now.set(TimeUnit.MINUTES.toNanos(10));
        scopes.take("client:recent", 0).releaseSlot(0);
        scopes.sweep(TimeUnit.MINUTES.toNanos(5));
        assertEquals(2, scopes.size(), "the busy and the recent scope stay");
        assertTrue(scopes.cancel("client:busy", 1L));
        busy.get(10, TimeUnit.SECONDS);
        now.set(TimeUnit.MINUTES.toNanos(20));
        scopes.sweep(TimeUnit.MINUTES.toNanos(5));
        assertEquals(0, scopes.size());
    }
}
