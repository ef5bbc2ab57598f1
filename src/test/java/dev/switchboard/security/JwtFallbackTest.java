package dev.switchboard.security;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A JWT key configured on a server without Payara's MicroProfile JWT implementation (WildFly; this JVM has
 * none either): the application starts, authentication stays on, API keys work, every JWT is refused, and
 * one WARNING says so.
 */
class JwtFallbackTest {
    private static final String KEY = "k-0123456789";

    @Test
    void withoutPayarasJwtEveryJwtIsRefusedApiKeysWorkAndTheOperatorIsWarned() {
        HandshakeSecurity security = new HandshakeSecurity();
        security.apiKeys = Optional.of(KEY);
        security.gameKeys = Optional.empty();
        security.jwtPublicKey = Optional.of("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA");
        security.jwtPublicKeyLocation = Optional.empty();
        security.allowedOrigins = Optional.empty();
        security.maxPerAddress = 0;
        security.maxTotal = 0;
        List<LogRecord> warnings = new ArrayList<>();
        Logger log = Logger.getLogger(HandshakeSecurity.class.getName());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(capture);
        try {
            security.configure();
        } finally {
            log.removeHandler(capture);
        }

        Gate gate = security.gate();
        assertTrue(gate.authenticationOn());
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJl";
        Gate.Refused refusal = assertInstanceOf(Gate.Refused.class,
                gate.admit(new Handshake("/ws", null, "http", "127.0.0.1:8000", "127.0.0.1", "Bearer " + jwt, null)));
        assertEquals(401, refusal.status());
        assertEquals("unauthorized", refusal.code());
        Gate.Admitted admitted = assertInstanceOf(Gate.Admitted.class,
                gate.admit(new Handshake("/ws", null, "http", "127.0.0.1:8000", "127.0.0.1", "Bearer " + KEY, null)));
        admitted.admission().slot().release();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).getMessage().startsWith("JWT authentication is not available on this server"),
                warnings.get(0).getMessage());
    }
}
