package dev.switchboard.security;

import java.util.Optional;
import java.util.Set;

/**
 * Who a credential names: the configured API keys and game keys, and JWTs. One place for both the
 * WebSocket handshakes ({@link Gate#admit}) and the HTTP requests that carry a Bearer credential
 * ({@link Gate#checkBearer}).
 */
final class Credentials {
    private final Keys apiKeys;
    private final Keys gameKeys;
    private final JwtVerifier jwt;

    /** {@code jwt} null when no JWT key is configured. */
    Credentials(Keys apiKeys, Keys gameKeys, JwtVerifier jwt) {
        this.apiKeys = apiKeys;
        this.gameKeys = gameKeys;
        this.jwt = jwt;
    }

    /** Whether any credential is configured, and so required. */
    boolean required() {
        return !apiKeys.isEmpty() || !gameKeys.isEmpty() || jwt != null;
    }

    /**
     * The credential of an {@code Authorization} header: empty when there is no header, null when it is
     * not a Bearer one.
     */
    static Optional<String> bearer(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String[] parts = header.trim().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer")) {
            return null;
        }
        return Optional.of(parts[1].trim());
    }

    /** The caller a credential names, or null when it names none (unknown key, invalid JWT). */
    Caller identify(String token) {
        var apiKey = apiKeys.find(token);
        if (apiKey.isPresent()) {
            return new Caller("api-key:" + apiKey.getAsInt(), Set.of(Caller.OPERATOR));
        }
        var gameKey = gameKeys.find(token);
        if (gameKey.isPresent()) {
            return new Caller("game-key:" + gameKey.getAsInt(), Set.of(Caller.GAME));
        }
        if (jwt != null && token.chars().filter(c -> c == '.').count() == 2) {
            return jwt.verify(token).orElse(null);
        }
        return null;
    }
}
