package dev.switchboard.security;

import dev.switchboard.client.WsClient;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.switchboard.ItSupport.await;
import static dev.switchboard.ItSupport.metric;
import static dev.switchboard.ItSupport.object;
import static dev.switchboard.ItSupport.ws;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Authentication, Origin and connection caps at the handshake, against the alternate-config server
 * (AlternateConfigIT's deployment: API keys, a game key, a trusted JWT key, 6 connections per address
 * and 9 in all). Every cell of the matrix is one handshake with the exact HTTP status it must get.
 */
// Payara-only: it runs against AlternateConfigIT's deployment (a second boot), and its JWT cells need Payara's
// MicroProfile JWT (on WildFly every JWT is refused: JwtFallbackTest). OriginIT runs on WildFly too.
@Tag("alternate-config")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class SecurityIT {
    public static final String API_KEY = "sb-test-key-7f3a9c";
    public static final String OTHER_API_KEY = "sb-test-key-second";
    public static final String GAME_KEY = "sb-test-game-key-41d2";
    public static final int MAX_PER_ADDRESS = 6;
    public static final int MAX_TOTAL = 9;

    /** The configuration SecurityIT needs, in the alternate-config deployment. */
    public static String configuration() {
        return "switchboard.auth.api-keys=" + API_KEY + "," + OTHER_API_KEY + "\n"
                + "switchboard.auth.game-keys=" + GAME_KEY + "\n"
                + "mp.jwt.verify.publickey=" + TestJwt.publicKey() + "\n"
                + "mp.jwt.verify.issuer=" + TestJwt.ISSUER + "\n"
                + "switchboard.connections.max-per-address=" + MAX_PER_ADDRESS + "\n"
                + "switchboard.connections.max-total=" + MAX_TOTAL + "\n";
    }

    static final List<String> ENDPOINTS = List.of("/ws", "/rpc", "/runs", "/events", "/neuro", "/neuro/console", "/");
    static final String ALLOWED_ORIGIN = "http://localhost:3000";
    static final String FOREIGN_ORIGIN = "https://evil.example";

    @ArquillianResource
    URL base;

    /** One column of the matrix: what the client sends, and the status it gets on each endpoint. */
    record Column(String name, String query, Map<String, String> headers, Map<String, Integer> statusByEndpoint) {
        int status(String endpoint) {
            return statusByEndpoint.getOrDefault(endpoint, statusByEndpoint.get("*"));
        }
    }

    private static Map<String, String> headers(String... namesAndValues) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    private static Column everywhere(String name, String query, Map<String, String> headers, int status) {
        return new Column(name, query, headers, Map.of("*", status));
    }

    static List<Column> columns() {
        String goodJwt = TestJwt.token("alice", List.of("operator"), Instant.now().plusSeconds(3600));
        String expiredJwt = TestJwt.token("alice", List.of("operator", "admin"), Instant.now().minusSeconds(3600));
        String jwtWithoutRole = TestJwt.token("bob", List.of("user"), Instant.now().plusSeconds(3600));
        return List.of(
                everywhere("no credential", null, headers(), 401),
                everywhere("bad key", null, headers("Authorization", "Bearer not-" + API_KEY), 401),
                everywhere("good key in the header", null, headers("Authorization", "Bearer " + API_KEY), 101),
                everywhere("good key in the query", "access_token=" + API_KEY, headers(), 101),
                everywhere("expired JWT", null, headers("Authorization", "Bearer " + expiredJwt), 401),
                new Column("JWT without the role", null, headers("Authorization", "Bearer " + jwtWithoutRole),
                        Map.of("*", 101, "/neuro/console", 403)),
                everywhere("good JWT", null, headers("Authorization", "Bearer " + goodJwt), 101),
                everywhere("good JWT in the query", "access_token=" + goodJwt, headers(), 101),
                everywhere("bad Origin", null, headers("Authorization", "Bearer " + API_KEY, "Origin", FOREIGN_ORIGIN), 403),
                everywhere("allowed Origin", null, headers("Authorization", "Bearer " + API_KEY, "Origin", ALLOWED_ORIGIN), 101),
                everywhere("no Origin", null, headers("Authorization", "Bearer " + API_KEY), 101),
                // beyond the issue's columns
                everywhere("bad Origin, no credential", null, headers("Origin", FOREIGN_ORIGIN), 403),
                everywhere("JWT signed by another key", null,
                        headers("Authorization", "Bearer " + TestJwt.signedByStranger("alice", List.of("operator"))), 401),
                everywhere("JWT of another issuer", null,
                        headers("Authorization", "Bearer " + TestJwt.fromOtherIssuer("alice", List.of("operator"))), 401),
                everywhere("Basic instead of Bearer", null, headers("Authorization", "Basic " + API_KEY), 401),
                new Column("game key", "access_token=" + GAME_KEY, headers(),
                        Map.of("*", 403, "/neuro", 101, "/", 101)));
    }

    private URI endpoint(String path, String query) {
        URI uri = ws(base, path.substring(1));
        return query == null ? uri : URI.create(uri + "?" + query);
    }

    /**
     * A probe closes right after its 101. Now and then Payara races that close against the end of the
     * upgrade request (an NPE in Catalina's finishResponse, logged as a WARNING) and never opens the
     * WebSocket: no @OnOpen, no @OnClose. The slot then comes back through HandshakeSecurity's sweep of
     * accepted handshakes that never opened (deadline 30 s, checked every 10 s).
     */
    private static final Duration SLOT_RETURNED = Duration.ofSeconds(45);

    @BeforeEach
    void noConnectionHeld() throws Exception {
        await(SLOT_RETURNED, () -> metric(base, "switchboard_connections_admitted") == 0,
                () -> "admitted=" + metric(base, "switchboard_connections_admitted"));
    }

    @TestFactory
    Stream<DynamicTest> authMatrix() {
        List<DynamicTest> cells = new ArrayList<>();
        for (Column column : columns()) {
            for (String path : ENDPOINTS) {
                cells.add(DynamicTest.dynamicTest(path + " × " + column.name(), () -> {
                    int expected = column.status(path);
                    try (HandshakeProbe.Answer answer = HandshakeProbe.upgrade(endpoint(path, column.query()), column.headers())) {
                        assertEquals(expected, answer.status(), path + " × " + column.name() + ": " + answer.body());
                        if (expected != 101) {
                            String code = object(answer.body()).getString("code");
                            assertEquals(expected == 401 ? "unauthorized"
                                    : column.name().contains("Origin") ? "origin_not_allowed" : "forbidden", code);
                            assertEquals("application/json;charset=UTF-8", answer.headers().get("content-type"));
                        }
                        if (expected == 401) {
                            assertEquals("Bearer realm=\"switchboard\"", answer.headers().get("www-authenticate"));
                        }
                    }
                    await(SLOT_RETURNED, () -> metric(base, "switchboard_connections_admitted") == 0,
                            () -> "admitted=" + metric(base, "switchboard_connections_admitted"));
                }));
            }
        }
        return cells.stream();
    }

    /** The Neuro diagnostics report is the operator's: the console's rule, over plain HTTP. */
    @Test
    void theDiagnosticsReportNeedsTheOperatorRole() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI report = URI.create("http://127.0.0.1:" + base.getPort() + base.getPath() + "neuro/diagnostics");
        String jwtWithoutRole = TestJwt.token("bob", List.of("user"), Instant.now().plusSeconds(3600));
        String goodJwt = TestJwt.token("alice", List.of("operator"), Instant.now().plusSeconds(3600));
        assertEquals(401, http.send(HttpRequest.newBuilder(report).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(401, http.send(HttpRequest.newBuilder(report).header("Authorization", "Bearer nope").build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(403, http.send(HttpRequest.newBuilder(URI.create(report + "?access_token=" + GAME_KEY)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(403, http.send(HttpRequest.newBuilder(report).header("Authorization", "Bearer " + jwtWithoutRole).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        for (String credential : List.of(API_KEY, goodJwt)) {
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(report).header("Authorization", "Bearer " + credential).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ok.statusCode(), ok.body());
            assertTrue(ok.body().startsWith("{"), ok.body());
        }
    }

    @Test
    void aPlainRequestForThePageNeedsNoCredential() throws Exception {
        HttpResponse<String> page = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + base.getPort() + base.getPath())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<html"), "the console page");
    }

    @Test
    void connectionsAreCappedPerAddressAndInTotal() throws Exception {
        long refusedBefore = refused("limit");
        Map<String, String> key = headers("Authorization", "Bearer " + API_KEY);
        InetAddress other = InetAddress.getByName("127.0.0.2");
        List<HandshakeProbe.Answer> open = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_PER_ADDRESS; i++) {
                open.add(assertStatus(101, HandshakeProbe.upgrade(endpoint("/ws", null), key)));
            }
            HandshakeProbe.Answer over = HandshakeProbe.upgrade(endpoint("/runs", null), key);
            assertStatus(503, over);
            assertEquals("too_many_connections", object(over.body()).getString("code"));
            assertTrue(object(over.body()).getString("error").contains("from this address"), over.body());
            assertEquals("1", over.headers().get("retry-after"));

            for (int i = MAX_PER_ADDRESS; i < MAX_TOTAL; i++) {
                open.add(assertStatus(101, HandshakeProbe.upgrade(endpoint("/ws", null), key, other)));
            }
            HandshakeProbe.Answer overTotal = assertStatus(503, HandshakeProbe.upgrade(endpoint("/ws", null), key, other));
            assertTrue(object(overTotal.body()).getString("error").contains("to the server"), overTotal.body());
            assertEquals(refusedBefore + 2, refused("limit"));

            open.remove(0).close();
            await(() -> metric(base, "switchboard_connections_admitted") == MAX_TOTAL - 1);
            open.add(assertStatus(101, HandshakeProbe.upgrade(endpoint("/ws", null), key)));
        } finally {
            for (HandshakeProbe.Answer answer : open) {
                answer.close();
            }
        }
        await(SLOT_RETURNED, () -> metric(base, "switchboard_connections_admitted") == 0,
                () -> "admitted=" + metric(base, "switchboard_connections_admitted"));
    }

    @Test
    void refusalsAreCountedByReason() throws Exception {
        long auth = refused("auth");
        long origin = refused("origin");
        assertStatus(401, HandshakeProbe.upgrade(endpoint("/ws", null), headers()));
        assertStatus(403, HandshakeProbe.upgrade(endpoint("/neuro/console", "access_token=" + GAME_KEY), headers()));
        assertStatus(403, HandshakeProbe.upgrade(endpoint("/events", null), headers("Origin", FOREIGN_ORIGIN)));
        assertEquals(auth + 2, refused("auth"));
        assertEquals(origin + 1, refused("origin"));
    }

    @Test
    void runsAreControlledByTheirStarterOrAnAdmin() throws Exception {
        String alice = TestJwt.token("alice", List.of(), Instant.now().plusSeconds(3600));
        String admin = TestJwt.token("root", List.of("admin"), Instant.now().plusSeconds(3600));
        try (WsClient starter = WsClient.connect(runs(alice));
             WsClient stranger = WsClient.connect(runs(API_KEY));
             WsClient administrator = WsClient.connect(runs(admin))) {
            starter.send("{\"type\":\"start_run\",\"run_id\":\"owned-1\",\"task\":\"demo\",\"input\":{\"steps\":1000,\"delay_ms\":50}}");
            assertEquals("run_started", object(starter.next(Duration.ofSeconds(10))).getString("event_type"));

            stranger.send("{\"type\":\"cancel_run\",\"run_id\":\"owned-1\"}");
            assertEquals("unknown_run", object(stranger.next(Duration.ofSeconds(10))).getString("code"));
            stranger.send("{\"type\":\"resume\",\"run_id\":\"owned-1\"}");
            assertEquals("unknown_run", object(stranger.next(Duration.ofSeconds(10))).getString("code"));

            administrator.send("{\"type\":\"cancel_run\",\"run_id\":\"owned-1\",\"owner\":\"jwt:alice\",\"reason\":\"admin\"}");
            String event;
            do {
                event = starter.next(Duration.ofSeconds(10));
            } while (!object(event).getString("event_type").equals("run_cancelled"));
            assertEquals("admin", object(event).getJsonObject("payload").getString("reason"));
        }
    }

    private URI runs(String token) {
        return endpoint("/runs", "access_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    private static HandshakeProbe.Answer assertStatus(int status, HandshakeProbe.Answer answer) throws IOException {
        if (answer.status() != status) {
            answer.close();
        }
        assertEquals(status, answer.status(), answer.body());
        return answer;
    }

    /** {@code switchboard_handshakes_refused_total{reason=…}} from /metrics. */
    private long refused(String reason) throws Exception {
        String body = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + base.getPort() + "/metrics?scope=application")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher matcher = Pattern.compile("^switchboard_handshakes_refused_total\\{[^}]*reason=\"" + reason
                + "\"[^}]*\\} ([0-9.]+)$", Pattern.MULTILINE).matcher(body);
        assertTrue(matcher.find(), "refused counter for " + reason + " in /metrics:\n" + body);
        return (long) Double.parseDouble(matcher.group(1));
    }
}
