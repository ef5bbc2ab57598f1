package dev.switchboard.security;

import dev.switchboard.ItSupport;
import dev.switchboard.ServerLog;
import dev.switchboard.client.WsClient;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.switchboard.ItSupport.object;
import static dev.switchboard.ItSupport.ws;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A JWT is not accepted before its {@code nbf}, less the clock skew ({@code mp.jwt.verify.clock.skew},
 * 60 s by default), against the alternate-config server that trusts TestJwt's key (SecurityIT).
 */
// Payara-only, as SecurityIT: the alternate-config deployment, and Payara's MicroProfile JWT.
@Tag("alternate-config")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class JwtNotBeforeIT {
    @ArquillianResource
    URL base;

    @Test
    void aTokenNotValidForAnotherHourIsRefused() throws Exception {
        String early = TestJwt.notBefore("alice", List.of("operator"), Instant.now().plusSeconds(3600));
        try (HandshakeProbe.Answer answer = HandshakeProbe.upgrade(ws(base, "ws"), Map.of("Authorization", "Bearer " + early))) {
            assertEquals(401, answer.status(), answer.body());
            assertEquals("unauthorized", object(answer.body()).getString("code"));
        }
    }

    /** Refused once, by Switchboard: Payara's JWT store, quieted by the server's configuration, adds no stack trace. */
    @Test
    void aRefusedTokenIsLoggedOnceBySwitchboard() throws Exception {
        int mark = ServerLog.mark();
        String expired = TestJwt.token("carol", List.of("operator"), Instant.now().minusSeconds(3600));
        try (HandshakeProbe.Answer answer = HandshakeProbe.upgrade(ws(base, "runs"), Map.of("Authorization", "Bearer " + expired))) {
            assertEquals(401, answer.status(), answer.body());
        }
        ItSupport.await(() -> ServerLog.linesSince(mark).stream().anyMatch(line -> line.contains("WebSocket handshake refused")
                && line.contains("endpoint=/runs")));
        List<String> store = ServerLog.linesSince(mark).stream()
                .filter(line -> line.contains("SignedJWTIdentityStore") || line.contains("jwtauth")).toList();
        assertEquals(List.of(), store);
    }

    @Test
    void aTokenValidSinceAMomentAgoOrWithinTheClockSkewIsAccepted() throws Exception {
        for (Instant notBefore : List.of(Instant.now().minusSeconds(5), Instant.now().plusSeconds(20))) {
            String token = TestJwt.notBefore("alice", List.of("operator"), notBefore);
            try (WsClient client = WsClient.connect(URI.create(ws(base, "ws") + "?access_token=" + token))) {
                client.send("{\"func\":\"multiply\",\"args\":[3,4]}");
                assertEquals("{\"result\":12}", client.next(Duration.ofSeconds(10)), "nbf " + notBefore);
            }
        }
    }
}
