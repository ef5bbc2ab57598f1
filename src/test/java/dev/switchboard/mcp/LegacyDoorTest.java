package dev.switchboard.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** What the front door of the 2025 revisions decides on its own: the revision, and whose session it is. */
class LegacyDoorTest {
    private final io.modelcontextprotocol.json.McpJsonMapper mapper = SdkTypes.jsonMapper();
    private final LegacyDoor door = new LegacyDoor(null, new LegacySessions(System::nanoTime), null, null, mapper, 65_536, Runnable::run);

    private byte[] initialize(String version) throws Exception {
        String body = McpClients.initialize(version);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return door.initialize((McpSchema.JSONRPCRequest) McpSchema.deserializeJsonRpcMessage(mapper, body), bytes);
    }

    @Test
    void aRevisionServedHereGoesToTheSdkAsItCame() throws Exception {
        for (String version : LegacyDoor.VERSIONS) {
            byte[] body = McpClients.initialize(version).getBytes(StandardCharsets.UTF_8);
            assertSame(body, door.initialize((McpSchema.JSONRPCRequest) McpSchema.deserializeJsonRpcMessage(mapper,
                    new String(body, StandardCharsets.UTF_8)), body));
        }
    }

    @Test
    void anotherRevisionAsksForTheLatestServedAndKeepsEverythingElse() throws Exception {
        for (String asked : new String[] {"2025-03-26", "2024-11-05", "2026-07-28", "1900-01-01"}) {
            McpSchema.JSONRPCRequest rewritten = (McpSchema.JSONRPCRequest) McpSchema.deserializeJsonRpcMessage(mapper,
                    new String(initialize(asked), StandardCharsets.UTF_8));
            assertEquals("initialize", rewritten.method());
            assertEquals(1, rewritten.id());
            Map<?, ?> params = (Map<?, ?>) rewritten.params();
            assertEquals("2025-11-25", params.get("protocolVersion"), asked);
            assertEquals(Map.of("name", "raw", "version", "1"), params.get("clientInfo"));
        }
    }

    @Test
    void aSessionIsItsOwnersUntilItEndsOrIdles() {
        AtomicLong now = new AtomicLong();
        LegacySessions sessions = new LegacySessions(now::get);
        sessions.opened("s1", "api-key:1");
        sessions.opened("s2", null);
        assertEquals(LegacySessions.Access.OWNER, sessions.access("s1", "api-key:1"));
        assertEquals(LegacySessions.Access.OTHER, sessions.access("s1", "api-key:2"));
        assertEquals(LegacySessions.Access.OTHER, sessions.access("s1", null));
        assertEquals(LegacySessions.Access.OWNER, sessions.access("s2", null), "authentication off: no principal");
        assertEquals(LegacySessions.Access.UNKNOWN, sessions.access("s3", "api-key:1"));
        now.set(TimeUnit.MINUTES.toNanos(20));
        assertEquals(LegacySessions.Access.OWNER, sessions.access("s1", "api-key:1"), "used: kept");
        sessions.sweep(TimeUnit.MINUTES.toNanos(15));
        assertEquals(LegacySessions.Access.OWNER, sessions.access("s1", "api-key:1"));
        assertEquals(LegacySessions.Access.UNKNOWN, sessions.access("s2", null), "idle for 20 minutes: forgotten");
        sessions.ended("s1");
        assertEquals(LegacySessions.Access.UNKNOWN, sessions.access("s1", "api-key:1"));
        assertEquals(0, sessions.size());
    }
}
