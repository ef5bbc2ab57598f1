package dev.switchboard.security;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decides on a WebSocket handshake before the upgrade: the Origin first (even with authentication
 * off), then the credential and the role the endpoint needs, then a connection slot. Also decides, with
 * the same Origin policy and credentials, on plain HTTP requests that carry a Bearer credential
 * ({@link #checkBearer}: MCP).
 */
public final class Gate {
    public static final String CONSOLE = "/neuro/console";
    /** Where games connect, and so where game keys are accepted. */
    public static final Set<String> GAME_PATHS = Set.of("/neuro", "/");

    private final OriginPolicy origins;
    private final Credentials credentials;
    private final ConnectionLimits limits;

    Gate(OriginPolicy origins, Keys apiKeys, Keys gameKeys, JwtVerifier jwt, ConnectionLimits limits) {
        this.origins = origins;
        this.credentials = new Credentials(apiKeys, gameKeys, jwt);
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
        return credentials.required();
    }

    /** What {@link #checkBearer} decided: the caller (null with authentication off), or the refusal. */
    public record Checked(Caller caller, Refused refusal) {
        public boolean allowed() {
            return refusal == null;
        }
    }

    /**
     * An HTTP request (not an upgrade) to the endpoint at {@code path}, which takes its credential in the
     * {@code Authorization} header only: the Origin, then (with authentication on) the credential and what
     * the endpoint needs, as for a handshake. It takes no connection slot.
     */
    public Checked checkBearer(String path, String origin, String scheme, String host, String authorization) {
        if (!origins.allows(origin, scheme, host)) {
            return new Checked(null, originNotAllowed());
        }
        if (!authenticationOn()) {
            return new Checked(null, null);
        }
        Optional<String> token = Credentials.bearer(authorization);
        if (token == null) {
            return new Checked(null, unauthorized("The Authorization header must be 'Bearer <key or JWT>'"));
        }
        if (token.isEmpty()) {
            return new Checked(null, unauthorized("A credential is required: 'Authorization: Bearer <key or JWT>'"));
        }
        return identified(token.get(), path);
    }

    public Decision admit(Handshake handshake) {
        if (!origins.allows(handshake.origin(), handshake.scheme(), handshake.host())) {
            return originNotAllowed();
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
            Checked checked = identified(token.get(), handshake.path());
            if (!checked.allowed()) {
                return checked.refusal();
            }
            caller = checked.caller();
        }
        ConnectionLimits.Reservation reservation = limits.reserve(handshake.remoteAddress());
        if (reservation instanceof ConnectionLimits.Refused over) {
            return new Refused(503, Reason.LIMIT, "too_many_connections", over.over() == ConnectionLimits.Over.ADDRESS
                    ? "Too many connections from this address (at most " + over.limit() + "); try again later"
                    : "Too many connections to the server (at most " + over.limit() + "); try again later", caller);
        }
        return new Admitted(new Admission(caller, (ConnectionLimits.Slot) reservation));
    }

    /** The caller the credential names, if it may use the endpoint at {@code path}; else the refusal. */
    private Checked identified(String token, String path) {
        Caller caller = credentials.identify(token);
        if (caller == null) {
            return new Checked(null, unauthorized("Invalid credential"));
        }
        String missing = missingPermission(caller, path);
        return missing == null ? new Checked(caller, null)
                : new Checked(caller, new Refused(403, Reason.AUTH, "forbidden", missing, caller));
    }

    private static Refused originNotAllowed() {
        return new Refused(403, Reason.ORIGIN, "origin_not_allowed", "Origin not allowed (switchboard.allowed-origins)", null);
    }

    private static Refused unauthorized(String message) {
        return new Refused(401, Reason.AUTH, "unauthorized", message, null);
    }

    /** The credential: empty when there is none, null when the Authorization header is not a Bearer one. */
    private static Optional<String> token(Handshake handshake) {
        if (handshake.authorization() != null) {
            return Credentials.bearer(handshake.authorization());
        }
        String query = handshake.accessToken();
        return query == null || query.isEmpty() ? Optional.empty() : Optional.of(query);
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
