package dev.switchboard.mcp;

import dev.switchboard.ItSupport;
import dev.switchboard.security.SecurityIT;
import dev.switchboard.security.TestJwt;
import io.modelcontextprotocol.spec.McpSchema;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MCP with authentication on, against the alternate-config server (AlternateConfigIT's deployment: API
 * keys, a game key, a trusted JWT key): the same credentials as the WebSockets, as Bearer tokens only;
 * 401 with {@code WWW-Authenticate} without a valid one; sessions and runs are their principal's.
 */
// Payara-only: it runs against AlternateConfigIT's deployment (a second boot), and its JWT needs Payara's
// MicroProfile JWT. McpIT runs on WildFly too.
@Tag("alternate-config")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class McpAuthIT {
    @ArquillianResource
    URL base;

    private static Map<String, String> bearer(String credential) {
        return Map.of("Authorization", "Bearer " + credential);
    }

    @Test
    void withoutACredentialEveryRequestIs401WithWwwAuthenticate() throws Exception {
        for (String method : List.of("POST", "GET", "DELETE")) {
            HttpResponse<String> refused = McpClients.raw(base, method,
                    method.equals("POST") ? McpClients.initialize("2025-11-25") : null, Map.of());
            assertEquals(401, refused.statusCode(), method + " " + refused.body());
            assertEquals("Bearer realm=\"switchboard\"", refused.headers().firstValue("WWW-Authenticate").orElse(null));
            assertEquals("unauthorized", ItSupport.object(refused.body()).getString("code"));
        }
    }

    @Test
    void aCredentialThatIsNotAValidBearerTokenIs401() throws Exception {
        String expired = TestJwt.token("alice", List.of(), Instant.now().minusSeconds(600));
        for (Map<String, String> headers : List.of(bearer("sb-wrong-key"), bearer(expired),
                bearer(TestJwt.signedByStranger("alice", List.of())), Map.of("Authorization", "Basic " + SecurityIT.API_KEY))) {
            HttpResponse<String> refused = McpClients.raw(base, "POST", McpClients.initialize("2025-11-25"), headers);
            assertEquals(401, refused.statusCode(), headers + " " + refused.body());
            assertEquals("Bearer realm=\"switchboard\", error=\"invalid_token\"",
                    refused.headers().firstValue("WWW-Authenticate").orElse(null));
        }
        HttpResponse<String> inTheQuery = McpClients.rawAt(base, "mcp?access_token=" + SecurityIT.API_KEY,
                McpClients.initialize("2025-11-25"));
        assertEquals(401, inTheQuery.statusCode(), "MCP takes credentials in the Authorization header only");
    }

    @Test
    void aGameKeyIsRefused403AndAForeignOriginToo() throws Exception {
        HttpResponse<String> game = McpClients.raw(base, "POST", McpClients.initialize("2025-11-25"), bearer(SecurityIT.GAME_KEY));
        assertEquals(403, game.statusCode(), game.body());
        assertEquals("forbidden", ItSupport.object(game.body()).getString("code"));
        HttpResponse<String> foreign = McpClients.raw(base, "POST", McpClients.initialize("2025-11-25"),
                Map.of("Authorization", "Bearer " + SecurityIT.API_KEY, "Origin", "https://evil.example"));
        assertEquals(403, foreign.statusCode(), foreign.body());
        assertEquals("origin_not_allowed", ItSupport.object(foreign.body()).getString("code"));
    }

    @Test
    void anApiKeyAndAJwtAreServedInBothEras() {
        try (McpClients.Legacy legacy = McpClients.legacy(base, "2025-11-25", bearer(SecurityIT.API_KEY))) {
            legacy.client().initialize();
            assertEquals(Map.of("result", 12), legacy.client().callTool(McpSchema.CallToolRequest.builder("multiply")
                    .arguments(Map.of("a", 3, "b", 4)).build()).structuredContent());
        }
        var modern = McpClients.modern(base, bearer(TestJwt.token("alice", List.of(), Instant.now().plusSeconds(600))));
        assertEquals(Map.of("result", 7), modern.tool("add").arguments(Map.of("a", 3, "b", 4)).call().structuredContent());
    }

    @Test
    void aSessionIsItsPrincipalsAlone() throws Exception {
        try (McpClients.Legacy legacy = McpClients.legacy(base, "2025-11-25", bearer(SecurityIT.API_KEY))) {
            legacy.client().initialize();
            legacy.client().ping();
            String session = legacy.sessionId().get();
            String ping = "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"ping\"}";
            HttpResponse<String> other = McpClients.raw(base, "POST", ping, Map.of(LegacyDoor.SESSION_HEADER, session,
                    "Authorization", "Bearer " + SecurityIT.OTHER_API_KEY));
            assertEquals(404, other.statusCode(), "another principal's session is no session: " + other.body());
            HttpResponse<String> own = McpClients.raw(base, "POST", ping, Map.of(LegacyDoor.SESSION_HEADER, session,
                    "Authorization", "Bearer " + SecurityIT.API_KEY));
            assertEquals(200, own.statusCode(), own.body());
        }
    }

    @Test
    void aRunIsItsPrincipalsAlone() {
        var alice = McpClients.modern(base, bearer(SecurityIT.API_KEY));
        var bob = McpClients.modern(base, bearer(SecurityIT.OTHER_API_KEY));
        assertFalse(alice.tool("start_run").arguments(Map.of("run_id", "mcp-owned", "input",
                Map.of("steps", 1, "delay_ms", 0))).call().isError());
        var read = bob.tool("read_run").arguments(Map.of("run_id", "mcp-owned")).call();
        assertTrue(read.isError(), "bob does not see alice's run");
        assertTrue(((io.modelcontextprotocol.modern.McpSchema.TextContent) read.content().get(0)).text().startsWith("unknown_run: "));
        assertFalse(alice.tool("read_run").arguments(Map.of("run_id", "mcp-owned")).call().isError());
    }
}
