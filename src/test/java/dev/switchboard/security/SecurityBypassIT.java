package dev.switchboard.security;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.switchboard.ItSupport.await;
import static dev.switchboard.ItSupport.metric;
import static dev.switchboard.ItSupport.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an attacker tries against the gate with authentication on (the alternate-config server, see
 * {@link SecurityIT}): upgrade requests spelled so that a plain comparison misses them, and paths spelled
 * so that a check on the raw path misses the endpoint the container routes to. Every one is refused as
 * the plain spelling is, and every upgrade the container accepts takes a connection slot.
 */
@Tag("alternate-config")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class SecurityBypassIT {
    private static final Duration SLOT_RETURNED = Duration.ofSeconds(45);
    /** Spellings of {@code /neuro/console}, each a path some parser may read as the console. */
    static final List<String> CONSOLE_SPELLINGS = List.of("/neuro/%63onsole", "/neuro/cons%6Fle", "/neuro/console;x=1",
            "/neuro;x=1/console", "/neuro//console", "/neuro/./console", "/ws/../neuro/console", "/neuro/console/",
            "/neuro/console%3Bx=1", "/neuro%2Fconsole", "/NEURO/console");
    /** Spellings of endpoints a game key may not open. */
    static final List<String> NON_GAME_SPELLINGS = List.of("/w%73", "/ws;x=1", "/runs;a=b", "/%65vents", "/neuro/%63onsole",
            "/neuro/./../ws", "/rp%63");

    @ArquillianResource
    URL base;

    @BeforeEach
    @AfterEach
    void noConnectionHeld() throws Exception {
        await(SLOT_RETURNED, () -> metric(base, "switchboard_connections_admitted") == 0,
                () -> "admitted=" + metric(base, "switchboard_connections_admitted"));
    }

    @TestFactory
    Stream<DynamicTest> everySpellingNeedsACredential() {
        List<DynamicTest> cells = new ArrayList<>();
        for (String endpoint : SecurityIT.ENDPOINTS) {
            for (HandshakeSpellings spelling : HandshakeSpellings.ALL) {
                cells.add(DynamicTest.dynamicTest(endpoint + " × " + spelling.name(), () -> {
                    try (HandshakeProbe.Answer answer = HandshakeProbe.send(base.getPort(),
                            spelling.request(at(endpoint), base.getPort(), ""), null)) {
                        assertTrue(answer.status() == 401 || answer.status() == 400, answer.status() + " " + answer.body());
                        if (answer.status() == 401) {
                            assertEquals("unauthorized", object(answer.body()).getString("code"));
                        }
                    }
                }));
            }
        }
        return cells.stream();
    }

    @TestFactory
    Stream<DynamicTest> everySpellingOfTheConsoleNeedsTheOperatorRole() {
        String withoutRole = "Bearer " + TestJwt.token("bob", List.of("user"), Instant.now().plusSeconds(3600));
        String operator = "Bearer " + SecurityIT.API_KEY;
        return CONSOLE_SPELLINGS.stream().map(path -> DynamicTest.dynamicTest(path, () -> {
            int routed;
            try (HandshakeProbe.Answer answer = probe(path, operator)) {
                routed = answer.status();
            }
            try (HandshakeProbe.Answer answer = probe(path, withoutRole)) {
                assertNotEquals(101, answer.status(), "the operator got " + routed + " here: " + answer.body());
                assertTrue(answer.status() == 403 || answer.status() == 404 || answer.status() == 400,
                        answer.status() + " " + answer.body());
                if (routed == 101) {
                    assertEquals(403, answer.status(), answer.body());
                    assertEquals("forbidden", object(answer.body()).getString("code"));
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> aGameKeyOpensTheGameEndpointsOnlyWhateverTheSpelling() {
        String gameKey = "Bearer " + SecurityIT.GAME_KEY;
        return NON_GAME_SPELLINGS.stream().map(path -> DynamicTest.dynamicTest(path, () -> {
            try (HandshakeProbe.Answer answer = probe(path, gameKey)) {
                assertTrue(answer.status() == 403 || answer.status() == 404 || answer.status() == 400,
                        answer.status() + " " + answer.body());
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everySpellingOfTheDiagnosticsNeedsTheOperatorRole() {
        String withoutRole = "Bearer " + TestJwt.token("bob", List.of("user"), Instant.now().plusSeconds(3600));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return Stream.of("/neuro/%64iagnostics", "/neuro/diagnostics;x=1", "/neuro;x=1/diagnostics", "/neuro//diagnostics",
                "/neuro/./diagnostics").map(path -> DynamicTest.dynamicTest(path, () -> {
                    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + base.getPort() + at(path)))
                            .header("Authorization", withoutRole).build(), HttpResponse.BodyHandlers.ofString());
                    assertNotEquals(200, answer.statusCode(), answer.body());
                }));
    }

    /** An upgrade the container accepts in an unusual spelling holds a slot like any other. */
    @Test
    void unusualSpellingsAreCountedByTheConnectionCaps() throws Exception {
        HandshakeSpellings tabs = HandshakeSpellings.ALL.get(0);
        String key = "Authorization: Bearer " + SecurityIT.API_KEY + "\r\n";
        List<HandshakeProbe.Answer> open = new ArrayList<>();
        try {
            for (int i = 0; i < SecurityIT.MAX_PER_ADDRESS; i++) {
                HandshakeProbe.Answer answer = HandshakeProbe.send(base.getPort(), tabs.request(at("/ws"), base.getPort(), key), null);
                open.add(answer);
                assertEquals(101, answer.status(), answer.body());
            }
            assertEquals(SecurityIT.MAX_PER_ADDRESS, metric(base, "switchboard_connections_admitted"));
            try (HandshakeProbe.Answer over = HandshakeProbe.send(base.getPort(), tabs.request(at("/runs"), base.getPort(), key), null)) {
                assertEquals(503, over.status(), over.body());
                assertEquals("too_many_connections", object(over.body()).getString("code"));
            }
        } finally {
            for (HandshakeProbe.Answer answer : open) {
                answer.close();
            }
        }
    }

    /** {@code path} under the deployment's context root. */
    private String at(String path) {
        return base.getPath() + path.substring(1);
    }

    private HandshakeProbe.Answer probe(String path, String authorization) throws java.io.IOException {
        return HandshakeProbe.upgrade(URI.create("ws://127.0.0.1:" + base.getPort() + at(path)), Map.of("Authorization", authorization));
    }
}
