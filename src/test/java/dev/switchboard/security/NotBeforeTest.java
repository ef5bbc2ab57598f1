package dev.switchboard.security;

import jakarta.json.Json;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A verified token is refused before its nbf, give or take the clock skew. */
class NotBeforeTest {
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private final NotBefore sixtySeconds = new NotBefore(Duration.ofSeconds(60));

    @Test
    void aTokenFromTheFutureIsRefusedBeyondTheSkewAndAcceptedWithinIt() {
        assertFalse(sixtySeconds.allows(token(NOW.plusSeconds(3600).getEpochSecond()), NOW));
        assertFalse(sixtySeconds.allows(token(NOW.plusSeconds(61).getEpochSecond()), NOW));
        assertTrue(sixtySeconds.allows(token(NOW.plusSeconds(60).getEpochSecond()), NOW));
        assertTrue(sixtySeconds.allows(token(NOW.minusSeconds(10).getEpochSecond()), NOW));
        assertFalse(new NotBefore(Duration.ZERO).allows(token(NOW.plusSeconds(1).getEpochSecond()), NOW));
    }

    @Test
    void nbfAsAJsonNumberCountsTheSame() {
        assertFalse(sixtySeconds.allows(token(Json.createValue(NOW.plusSeconds(3600).getEpochSecond())), NOW));
        assertTrue(sixtySeconds.allows(token(Json.createValue(NOW.getEpochSecond())), NOW));
    }

    @Test
    void aTokenWithoutNbfIsValidFromTheStart() {
        assertTrue(sixtySeconds.allows(token(null), NOW));
    }

    @Test
    void whatCannotBeCheckedIsRefused() {
        assertFalse(sixtySeconds.allows(token("tomorrow"), NOW), "an nbf that is not a number");
        Principal notAToken = () -> "alice";
        assertFalse(sixtySeconds.allows(notAToken, NOW));
    }

    private static JsonWebToken token(Object nbf) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", "alice");
        if (nbf != null) {
            claims.put("nbf", nbf);
        }
        return new JsonWebToken() {
            @Override
            public String getName() {
                return "alice";
            }

            @Override
            public Set<String> getClaimNames() {
                return claims.keySet();
            }

            @SuppressWarnings("unchecked")
            @Override
            public <T> T getClaim(String name) {
                return (T) claims.get(name);
            }
        };
    }
}
