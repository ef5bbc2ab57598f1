package dev.switchboard.security;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decides on a WebSocket handshake before the upgrade: the Origin first (even with authentication
 * off), then the credential and the role the endpoint needs, then a connection slot.
 */
public final class Gate {
    public static final String CONSOLE = "/neuro/console";
    /** Where games connect, and so where game keys are accepted. */
    public static final Set<String> GAME_PATHS = Set.of("/neuro", "/");

    private final OriginPolicy origins;
    private final Keys apiKeys;
    private final Keys gameKeys;
    private final JwtVerifier jwt;
    private final ConnectionLimits limits;

    Gate(OriginPolicy origins, Keys apiKeys, Keys gameKeys, JwtVerifier jwt, ConnectionLimits limits) {
        this.origins = origins;
        this.apiKeys = apiKeys;
        this.gameKeys = gameKeys;
        this.jwt = jwt;
        this.limits = limits;
    }

    public enum Reason { AUTH, ORIGIN, LIMIT, SHUTDOWN;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public sealed interface Decision permits Admitted, Refused {
    }

    public record Admitted(Admission admission) implements Decision {
    }

    /** {@code caller} is who was refused for want of a role, else null. */
    public record Refused(int status, Reason reason, String code, String message, Caller caller) implements Decision {
    }

    public boolean authenticationOn() {
        return !apiKeys.isEmpty() || !gameKeys.isEmpty() || jwt != null;
    }

    public Decision admit(Handshake handshake) {
        if (!origins.allows(handshake.origin(), handshake.scheme(), handshake.host())) {
            return new Refused(403, Reason.ORIGIN, "origin_not_allowed",
                    "Origin not allowed (switchboard.allowed-origins)", null);
        }
        Caller caller = null;
        if (authenticationOn()) {
            Optional<String> token = token(handshake);
            if (token == null) {
                return unauthorized("The Authorization header must be 'Bearer <key or JWT>'");
            }
            if (token.isEmpty()) {
                return unauthorized("A credential is required: 'Authorization: Bearer <key or JWT>' or '?access_token=<…>'");
            }
            caller = identify(token.get());
            if (caller == null) {
                return unauthorized("Invalid credential");
            }
            String missing = missingPermission(caller, handshake.path());
            if (missing != null) {
                return new Refused(403, Reason.AUTH, "forbidden", missing, caller);
            }
        }
        ConnectionLimits.Reservation reservation = limits.reserve(handshake.remoteAddress());
        if (reservation instanceof ConnectionLimits.Refused over) {
            return new Refused(503, Reason.LIMIT, "too_many_connections", over.over() == ConnectionLimits.Over.ADDRESS
                    ? "Too many connections from this address (at most " + over.limit() + "); try again later"
                    : "Too many connections to the server (at most " + over.limit() + "); try again later", caller);
        }
        return new Admitted(new Admission(caller, (ConnectionLimits.Slot) reservation));
    }

    private static Refused unauthorized(String message) {
        return new Refused(401, Reason.AUTH, "unauthorized", message, null);
    }

    /** The credential: empty when there is none, null when the Authorization header is not a Bearer one. */
    private static Optional<String> token(Handshake handshake) {
        String header = handshake.authorization();
        if (header != null) {
            String[] parts = header.trim().split("\\s+", 2);
            if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer")) {
                return null;
            }
            return Optional.of(parts[1].trim());
        }
        String query = handshake.accessToken();
        return query == null || query.isEmpty() ? Optional.empty() : Optional.of(query);
    }

    private Caller identify(String token) {
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

    /** Why this caller may not open the endpoint at {@code path}, or null when it may. */
    static String missingPermission(Caller caller, String path) {
        if (caller.name().startsWith("game-key:") && !GAME_PATHS.contains(path)) {
            return "A game key opens /neuro (and /) only";
        }
        if (path.equals(CONSOLE) && !caller.hasRole(Caller.OPERATOR)) {
            return CONSOLE + " needs role '" + Caller.OPERATOR + "'";
        }
        return null;
    }
}
