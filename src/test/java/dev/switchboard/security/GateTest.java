package dev.switchboard.security;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gate's decisions with API and game keys (JWTs need Payara: SecurityIT). */
class GateTest {
    static final String KEY = "k-0123456789";
    static final String GAME_KEY = "g-9876543210";

    private final ConnectionLimits limits = new ConnectionLimits(2, 0);
    private final Gate gate = new Gate(new OriginPolicy(OriginPolicy.DEFAULT), new Keys("other, " + KEY),
            new Keys(GAME_KEY), null, limits);

    private static Handshake at(String path, String origin, String authorization, String accessToken) {
        return new Handshake(path, origin, "http", "127.0.0.1:8000", "10.0.0.1", authorization, accessToken);
    }

    private Gate.Refused refused(Handshake handshake) {
        return assertInstanceOf(Gate.Refused.class, gate.admit(handshake));
    }

    /** The caller of an admitted handshake, whose slot is given back at once. */
    private Caller admitted(Handshake handshake) {
        Admission admission = assertInstanceOf(Gate.Admitted.class, gate.admit(handshake)).admission();
        admission.slot().release();
        return admission.caller();
    }

    @Test
    void credentialsInTheHeaderOrTheQuery() {
        assertEquals("api-key:2", admitted(at("/ws", null, "Bearer " + KEY, null)).getName());
        assertEquals("api-key:2", admitted(at("/runs", null, null, KEY)).getName());
        assertEquals("api-key:2", admitted(at("/neuro/console", null, "bearer  " + KEY, null)).getName(),
                "API keys have role operator");
    }

    @Test
    void missingOrBadCredentialsAre401() {
        for (Handshake handshake : List.of(at("/ws", null, null, null), at("/ws", null, null, ""),
                at("/ws", null, "Bearer nope", null), at("/ws", null, "Basic " + KEY, null),
                at("/ws", null, "Bearer", null), at("/ws", null, null, KEY + "x"),
                at("/ws", null, "Bearer a.b.c", null))) {
            Gate.Refused refusal = refused(handshake);
            assertEquals(401, refusal.status(), handshake.toString());
            assertEquals("unauthorized", refusal.code());
            assertEquals(Gate.Reason.AUTH, refusal.reason());
        }
    }

    @Test
    void gameKeysOpenTheGameEndpointsOnly() {
        assertEquals("game-key:1", admitted(at("/neuro", null, null, GAME_KEY)).getName());
        assertEquals("game-key:1", admitted(at("/", null, "Bearer " + GAME_KEY, null)).getName());
        for (String path : List.of("/ws", "/runs", "/events", "/neuro/console")) {
            Gate.Refused refusal = refused(at(path, null, "Bearer " + GAME_KEY, null));
            assertEquals(403, refusal.status(), path);
            assertEquals("forbidden", refusal.code());
            assertEquals("game-key:1", refusal.caller().getName());
        }
    }

    @Test
    void aForeignOriginIs403BeforeAnythingElse() {
        Gate.Refused refusal = refused(at("/ws", "https://evil.example", null, null));
        assertEquals(403, refusal.status());
        assertEquals("origin_not_allowed", refusal.code());
        assertEquals(Gate.Reason.ORIGIN, refusal.reason());
        assertEquals(0, limits.total(), "no slot taken");
    }

    @Test
    void withAuthenticationOffOnlyOriginAndLimitsApply() {
        Gate open = new Gate(new OriginPolicy(OriginPolicy.DEFAULT), new Keys(""), new Keys(null), null, limits);
        assertFalse(open.authenticationOn());
        assertNull(assertInstanceOf(Gate.Admitted.class, open.admit(at("/neuro/console", null, null, null)))
                .admission().caller());
        assertEquals(403, assertInstanceOf(Gate.Refused.class, open.admit(at("/ws", "http://evil.example", null, null))).status());
    }

    @Test
    void overTheLimitIs503AndAReleasedSlotCountsAgain() {
        Gate.Admitted first = assertInstanceOf(Gate.Admitted.class, gate.admit(at("/ws", null, null, KEY)));
        assertInstanceOf(Gate.Admitted.class, gate.admit(at("/ws", null, null, KEY)));
        Gate.Refused refusal = refused(at("/ws", null, null, KEY));
        assertEquals(503, refusal.status());
        assertEquals(Gate.Reason.LIMIT, refusal.reason());
        assertEquals("too_many_connections", refusal.code());
        first.admission().slot().release();
        admitted(at("/ws", null, null, KEY));
    }

    @Test
    void theRefusalLogLineHoldsNoCredential() {
        List<String> lines = new java.util.ArrayList<>();
        Handshake handshake = new Handshake("/neuro/console\r\nforged", null, "http", "h",
                "10.0.0.9", "Bearer " + GAME_KEY, "secret-query-token");
        new RefusalLog(lines::add).log(handshake, refused(handshake));
        assertEquals(1, lines.size());
        String line = lines.get(0);
        assertFalse(line.contains(GAME_KEY) || line.contains("secret-query-token"), line);
        assertFalse(line.contains("\n") || line.contains("\r"), "request data cannot forge log lines: " + line);
        for (String part : List.of("reason=auth", "status=403", "code=forbidden", "endpoint=/neuro/console",
                "remote=10.0.0.9", "principal=game-key:1")) {
            assertTrue(line.contains(part), part + " in " + line);
        }
    }

    /** An HTTP request with a Bearer credential (MCP): Origin, then credential; no connection slot. */
    private Gate.Checked bearer(String origin, String authorization) {
        return gate.checkBearer("/mcp", origin, "http", "127.0.0.1:8000", authorization);
    }

    @Test
    void aBearerRequestIsCheckedLikeAHandshakeButTakesNoSlot() {
        assertEquals("api-key:2", bearer(null, "Bearer " + KEY).caller().getName());
        assertEquals("api-key:2", bearer("http://localhost:3000", "bearer  " + KEY).caller().getName());
        assertEquals(0, limits.total(), "no connection slot for a request");
        Gate.Refused foreign = bearer("https://evil.example", "Bearer " + KEY).refusal();
        assertEquals(403, foreign.status());
        assertEquals("origin_not_allowed", foreign.code());
        for (String authorization : new String[] {null, "Bearer nope", "Basic " + KEY, "Bearer", "Bearer a.b.c"}) {
            Gate.Checked checked = bearer(null, authorization);
            assertFalse(checked.allowed(), String.valueOf(authorization));
            assertEquals(401, checked.refusal().status());
            assertEquals("unauthorized", checked.refusal().code());
        }
        assertEquals("A credential is required: 'Authorization: Bearer <key or JWT>'", bearer(null, null).refusal().message(),
                "no query parameter is offered: MCP takes credentials in the header only");
        Gate.Refused game = bearer(null, "Bearer " + GAME_KEY).refusal();
        assertEquals(403, game.status());
        assertEquals("forbidden", game.code());
    }

    @Test
    void aBearerRequestWithAuthenticationOffIsCheckedForItsOriginOnly() {
        Gate open = new Gate(new OriginPolicy(OriginPolicy.DEFAULT), new Keys(""), new Keys(null), null, limits);
        Gate.Checked checked = open.checkBearer("/mcp", "http://127.0.0.1:5173", "http", "127.0.0.1:8000", null);
        assertTrue(checked.allowed());
        assertNull(checked.caller());
        assertEquals(403, open.checkBearer("/mcp", "https://evil.example", "http", "127.0.0.1:8000", null).refusal().status());
    }
}
